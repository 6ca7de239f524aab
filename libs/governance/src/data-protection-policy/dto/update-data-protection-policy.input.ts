import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, Matches, Min } from 'class-validator';
import { IsNonBlankText } from '../../../../common/src/index.js';

@InputType()
export class UpdateDataProtectionPolicyInput {
  @Field({ description: 'e.g. BAN (see dataProtectionPolicies)' })
  @Matches(/^[A-Z][A-Z0-9_]{1,60}$/, { message: 'recordType must be one of the record types dataProtectionPolicies lists, e.g. BAN' })
  recordType: string;

  @Field({ description: 'The Article 10 / DPA 2018 Schedule 1 condition, as the service states it' })
  @IsNonBlankText(500)
  criminalOffenceCondition: string;

  @Field(() => Int, { description: 'The version you last read (0 for a default)' })
  @IsInt()
  @Min(0)
  version: number;
}
