import { ArgsType, Field, ID, InputType, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsNonBlankText, PageArgs } from '../../../../common/src/index.js';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { RecordedOnBehalfInput } from '../../../../referrals/src/index.js';
import { CaseUpdateKind } from '../case-update.enums.js';

@InputType()
export class AddCaseUpdateInput {
  @Field(() => ID, { description: 'A case shared with you now' })
  @IsUUID('all', { message: '$property must be a UUID' })
  caseId: string;

  @Field(() => CaseUpdateKind)
  @IsEnum(CaseUpdateKind)
  kind: CaseUpdateKind;

  @Field()
  @IsNonBlankText(10000)
  body: string;

  @Field(() => DataProtectionInput, { nullable: true, description: 'Lawful basis PUBLIC_TASK when not given' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}

@InputType({ description: 'An update on a shared case that the partner organisation gave outside the app, recorded on its behalf' })
export class AddCaseUpdateOnBehalfInput extends OmitType(AddCaseUpdateInput, ['caseId'] as const) {
  @Field(() => ID, { description: 'One of your service’s cases, shared now with the partner organisation' })
  @IsUUID('all', { message: '$property must be a UUID' })
  caseId: string;

  @Field(() => ID, {
    description: 'The referral of the case’s person to that organisation which the update answers: its referring worker or a manager of its service records it',
  })
  @IsUUID('all', { message: '$property must be a UUID' })
  referralId: string;

  @Field(() => RecordedOnBehalfInput, { description: 'Who answered at the partner, how and when' })
  @ValidateNested()
  @Type(() => RecordedOnBehalfInput)
  onBehalf: RecordedOnBehalfInput;
}

@ArgsType()
export class CaseUpdatesArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'caseId must be a UUID' })
  caseId: string;
}
