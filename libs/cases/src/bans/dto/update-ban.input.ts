import { Field, ID, InputType, OmitType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { DateScalar, IsCalendarDate, IsIdList, IsNotInFuture, IsOptionalNotNull, IsText, VersionedUpdateInput } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { AppealOutcome, BanScope } from '../ban.enums.js';
import { BAN_BRANCHES_MAX, BAN_INCIDENTS_MAX, ProposeBanInput } from './propose-ban.input.js';

/** Omitted fields stay as they are; null clears an optional field. Status changes go through transitionBan. */
@InputType()
export class UpdateBanInput extends VersionedUpdateInput(
  OmitType(ProposeBanInput, ['subjectId', 'scope', 'branchIds', 'incidentIds', 'startsOn', 'abaOffered', 'dataProtection']),
) {
  // The update's own descriptions; the validation is the proposal's.
  @Field({ nullable: true }) reason?: string;
  @Field(() => DateScalar, { nullable: true }) endsOn?: string | null;
  @Field(() => DateScalar, { nullable: true }) reviewOn?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;

  // Never null once proposed.
  @Field(() => BanScope, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(BanScope)
  scope?: BanScope;

  @Field(() => [ID], { nullable: true, description: 'Replaces the listed branches' })
  @IsOptionalNotNull()
  @IsIdList(BAN_BRANCHES_MAX)
  branchIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Replaces the linked incidents' })
  @IsOptionalNotNull()
  @IsIdList(BAN_INCIDENTS_MAX)
  incidentIds?: string[];

  @Field(() => DateScalar, { nullable: true })
  @IsOptionalNotNull()
  @IsCalendarDate()
  startsOn?: string;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  abaOffered?: boolean;

  @DataProtectionField()
  dataProtection?: DataProtectionInput;

  // Set only once the ban exists: the acceptable behaviour agreement and the appeal.
  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  abaSigned?: boolean;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  abaSignedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  appealLodgedOn?: string | null;

  @Field(() => AppealOutcome, { nullable: true })
  @IsOptional()
  @IsEnum(AppealOutcome)
  appealOutcome?: AppealOutcome | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  appealOutcomeOn?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(5000)
  appealNotes?: string | null;
}
