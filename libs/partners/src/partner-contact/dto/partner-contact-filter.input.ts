import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs, Trim } from '../../../../common/src/index.js';

@InputType()
export class PartnerContactFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only contacts of this partner organisation' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  partnerOrganisationId?: string;

  @Field({ nullable: true, description: 'Part of the name, any case' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@ArgsType()
export class PartnerContactsArgs extends PageArgs {
  @Field(() => PartnerContactFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartnerContactFilterInput)
  filter?: PartnerContactFilterInput;
}
