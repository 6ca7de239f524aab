import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { IsNonBlankText, IsText } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { CaseStatus, RiskLevel } from '../case-status.enum.js';

/** The statuses a case is given directly; CLOSED goes through closeCase (and back through reopenCase). */
export const SETTABLE_CASE_STATUSES = [CaseStatus.OPEN, CaseStatus.MONITORING];

@InputType()
export class CreateCaseInput {
  @Field(() => ID, { description: 'The person the case is about' })
  @IsUUID('all', { message: '$property must be a UUID' })
  subjectId: string;

  @Field()
  @IsNonBlankText(200)
  title: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(10000)
  summary?: string | null;

  @Field(() => RiskLevel, { nullable: true, description: 'LOW when not given' })
  @IsOptional()
  @IsEnum(RiskLevel)
  riskLevel?: RiskLevel;

  @Field(() => CaseStatus, { nullable: true, description: 'OPEN (default) or MONITORING' })
  @IsOptional()
  @IsIn(SETTABLE_CASE_STATUSES, { message: 'status must be OPEN or MONITORING (close a case with closeCase)' })
  status?: CaseStatus;

  @Field(() => ID, { nullable: true, description: 'An active manager or outreach worker of your service; you when not given' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  ownerId?: string;

  @DataProtectionField('Lawful basis PUBLIC_TASK when not given')
  dataProtection?: DataProtectionInput;
}
