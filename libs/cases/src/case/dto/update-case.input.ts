import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsOptionalNotNull, Trim } from '../../../../common/src/index.js';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { CaseStatus, RiskLevel } from '../case-status.enum.js';

/** Omitted fields stay as they are; null clears an optional field. A closed case is reopened first. */
@InputType()
export class UpdateCaseInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(10000)
  summary?: string | null;

  @Field(() => RiskLevel, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(RiskLevel)
  riskLevel?: RiskLevel;

  @Field(() => CaseStatus, { nullable: true, description: 'OPEN or MONITORING (closeCase closes, reopenCase reopens)' })
  @IsOptionalNotNull()
  @IsIn([CaseStatus.OPEN, CaseStatus.MONITORING], { message: 'status must be OPEN or MONITORING (use closeCase or reopenCase)' })
  status?: CaseStatus;

  @Field(() => ID, { nullable: true, description: 'An active manager or outreach worker of your service' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: '$property must be a UUID' })
  ownerId?: string;

  @Field(() => DataProtectionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}
