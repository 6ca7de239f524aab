import { Field, ID, InputType, PickType } from '@nestjs/graphql';
import { IsEnum, IsIn, IsUUID } from 'class-validator';
import { IsOptionalNotNull, VersionedUpdateInput } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { CaseStatus, RiskLevel } from '../case-status.enum.js';
import { CreateCaseInput, SETTABLE_CASE_STATUSES } from './create-case.input.js';

/** Omitted fields stay as they are; null clears an optional field. A closed case is reopened first. */
@InputType()
export class UpdateCaseInput extends VersionedUpdateInput(PickType(CreateCaseInput, ['title', 'summary'])) {
  @Field(() => RiskLevel, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(RiskLevel)
  riskLevel?: RiskLevel;

  @Field(() => CaseStatus, { nullable: true, description: 'OPEN or MONITORING (closeCase closes, reopenCase reopens)' })
  @IsOptionalNotNull()
  @IsIn(SETTABLE_CASE_STATUSES, { message: 'status must be OPEN or MONITORING (use closeCase or reopenCase)' })
  status?: CaseStatus;

  @Field(() => ID, { nullable: true, description: 'An active manager or outreach worker of your service' })
  @IsOptionalNotNull()
  @IsUUID('all', { message: '$property must be a UUID' })
  ownerId?: string;

  @DataProtectionField()
  dataProtection?: DataProtectionInput;
}
