import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { DateTimeScalar, IsNonBlankText, IsPastDateTime, IsText } from '../../../../common/src/index.js';
import { ContactChannel } from '../contact-channel.enum.js';
import { FollowUpActionInput } from './follow-up-action.input.js';

export const FOLLOW_UPS_MAX = 20;

@InputType()
export class CreateContactLogInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  partnerOrganisationId: string;

  @Field(() => ID, { nullable: true, description: 'A branch of your library service' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  branchId?: string | null;

  @Field(() => DateTimeScalar, { description: 'When it happened; not in the future' })
  @IsPastDateTime()
  occurredAt: Date;

  @Field(() => ContactChannel)
  @IsEnum(ContactChannel)
  channel: ContactChannel;

  @Field()
  @IsNonBlankText(10000)
  summary: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1000)
  attendees?: string | null;

  @DataProtectionField('Lawful basis PUBLIC_TASK when not given')
  dataProtection?: DataProtectionInput;

  @Field(() => [FollowUpActionInput], { nullable: true, description: `Up to ${FOLLOW_UPS_MAX}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FOLLOW_UPS_MAX)
  @ValidateNested({ each: true })
  @Type(() => FollowUpActionInput)
  followUpActions?: FollowUpActionInput[];
}
