import { ArgsType, Field, ID, InputType, Int, OmitType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import {
  AnyOfFilter,
  DateScalar,
  FilterArg,
  IdFilter,
  IsCalendarDate,
  IsIdList,
  IsNonBlankText,
  IsNotInFuture,
  IsOptionalNotNull,
  IsText,
  PageArgs,
  VersionedUpdateInput,
} from '../../../../common/src/index.js';
import { LawfulBasis } from '../../../../governance/src/index.js';
import { AgreementStatus, DataCategory } from '../agreement.enums.js';

@InputType()
export class AgreementSignatoryInput {
  @Field()
  @IsNonBlankText(200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(200)
  jobTitle?: string | null;

  @Field({ description: "The party they sign for (your library service, or a party's name)" })
  @IsNonBlankText(200)
  onBehalfOf: string;

  @Field(() => DateScalar, { description: 'YYYY-MM-DD, not in the future' })
  @IsCalendarDate()
  @IsNotInFuture()
  signedOn: string;
}

/** Terms of an agreement, set at creation and changed later (the update takes them through the create). */
@InputType({ isAbstract: true })
abstract class AgreementTermsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(2000)
  lawfulBasisDetails?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(500)
  specialCategoryCondition?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(500)
  criminalOffenceCondition?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(2000)
  retentionAgreed?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(5000)
  securityMeasures?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD; one year after the start when not given' })
  @IsOptional()
  @IsCalendarDate()
  reviewOn?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Partner organisations of your library service that are parties (replaces the list)' })
  @IsOptional()
  @IsIdList(50)
  partnerOrganisationIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Other library services that are parties, for cross-service sharing (replaces the list)' })
  @IsOptional()
  @IsIdList(50)
  libraryServiceIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: 'Branches of your library service whose live alarms the partner organisations that are parties receive while it is ACTIVE (replaces the list)',
  })
  @IsOptional()
  @IsIdList(200)
  alertBranchIds?: string[];

  @Field(() => [AgreementSignatoryInput], { nullable: true, description: 'Replaces the list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AgreementSignatoryInput)
  signatories?: AgreementSignatoryInput[];
}

@InputType()
export class CreateAgreementInput extends AgreementTermsInput {
  @Field()
  @IsNonBlankText(200)
  title: string;

  @Field()
  @IsNonBlankText(5000)
  purpose: string;

  @Field(() => LawfulBasis)
  @IsEnum(LawfulBasis)
  lawfulBasis: LawfulBasis;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  usesSection115?: boolean;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  dpaPart3?: boolean;

  @Field(() => [DataCategory])
  @IsArray()
  @ArrayUnique()
  @IsEnum(DataCategory, { each: true })
  categories: DataCategory[];
}

/** Omitted fields stay as they are; null clears an optional one. Once activated only dates, retention and security may change. */
@InputType()
export class UpdateAgreementInput extends VersionedUpdateInput(OmitType(CreateAgreementInput, ['usesSection115', 'dpaPart3'])) {
  // Never null (false when created without them).
  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  usesSection115?: boolean;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  dpaPart3?: boolean;
}

@InputType()
export class AgreementFilterInput {
  @AnyOfFilter(AgreementStatus, 10, 'Effective statuses (EXPIRED follows from the dates)')
  statuses?: AgreementStatus[];

  @IdFilter('Only agreements naming this partner organisation')
  partnerOrganisationId?: string;

  @AnyOfFilter(DataCategory, 20, 'Only agreements allowing any of these categories')
  categories?: DataCategory[];
}

@ArgsType()
export class AgreementsArgs extends PageArgs {
  @FilterArg(() => AgreementFilterInput)
  filter?: AgreementFilterInput;
}

@ArgsType()
export class DueForReviewArgs extends PageArgs {
  @Field(() => Int, { defaultValue: 30, description: 'Agreements whose review date falls within this many days from today (0 to 366); overdue ones included' })
  @IsInt()
  @Min(0)
  @Max(366)
  withinDays: number = 30;
}
