import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { DateTimeScalar, IsText } from '../../../common/src/index.js';

/** A partner organisation's webhook as the API shows it: never its secret. */
@ObjectType({ description: "Where a partner organisation's own system is told of referrals and shares sent to it (signed POSTs, identifiers only)" })
export class PartnerWebhook {
  @Field(() => ID) partnerOrganisationId: string;
  @Field() url: string;
  @Field(() => Int) version: number;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@InputType()
export class SetPartnerWebhookInput {
  @Field(() => ID) @IsUUID('all', { message: 'partnerOrganisationId must be a UUID' }) partnerOrganisationId: string;

  @Field({ description: 'https:// (plain http:// to 127.0.0.1 or localhost only)' })
  @IsText(2000)
  url: string;

  @Field({ description: 'The HMAC-SHA256 key, 32 to 200 characters, shared with the receiver; stored, never shown again' })
  @IsString()
  @MinLength(32)
  @MaxLength(200)
  secret: string;
}

@InputType()
export class RemovePartnerWebhookInput {
  @Field(() => ID) @IsUUID('all', { message: 'partnerOrganisationId must be a UUID' }) partnerOrganisationId: string;
}
