import { Field, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, Matches, Max, Min } from 'class-validator';
import { RetentionAction } from '../retention-action.enum.js';

@InputType()
export class UpdateRetentionPolicyInput {
  @Field({ description: 'e.g. CONTACT_LOG (see retentionPolicies)' })
  @Matches(/^[A-Z][A-Z0-9_]{1,60}$/, { message: 'recordType must be one of the record types retentionPolicies lists, e.g. CONTACT_LOG' })
  recordType: string;

  @Field(() => Int)
  @IsInt({ message: 'retainYears must be a whole number of years' })
  @Min(1, { message: 'retainYears must be at least 1' })
  @Max(100, { message: 'retainYears must be at most 100' })
  retainYears: number;

  @Field(() => RetentionAction)
  @IsEnum(RetentionAction)
  action: RetentionAction;

  @Field(() => Int, { description: 'The version you last read (0 for a default)' })
  @IsInt()
  @Min(0)
  version: number;
}
