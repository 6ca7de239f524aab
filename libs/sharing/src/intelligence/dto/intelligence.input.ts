import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { AnyOfFilter, DateScalar, FilterArg, IdFilter, IsCalendarDate, IsIdList, IsNonBlankText, IsText, PageArgs } from '../../../../common/src/index.js';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { HandlingCode, IntelligenceAssessment, IntelligenceCategory, IntelligenceSourceType, IntelligenceStatus } from '../intelligence.enums.js';

const UUID = { message: '$property must be a UUID' };

/** The intelligence itself and its 3x5x2 grading, common to recording and submitting. */
@InputType({ isAbstract: true })
export class IntelligenceContentInput {
  @Field()
  @IsNonBlankText(5000)
  body: string;

  @Field(() => Int, { description: '3x5x2 source evaluation: 1 reliable, 2 untested, 3 not reliable' })
  @IsInt()
  @Min(1)
  @Max(3)
  sourceEvaluation: number;

  @Field(() => IntelligenceAssessment)
  @IsEnum(IntelligenceAssessment)
  intelligenceAssessment: IntelligenceAssessment;

  @Field(() => HandlingCode)
  @IsEnum(HandlingCode)
  handlingCode: HandlingCode;

  @Field(() => String, { nullable: true, description: 'Required with handling code C' })
  @IsOptional()
  @IsText(2000)
  handlingConditions?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Handling code C: partner organisations the conditions allow' })
  @IsOptional()
  @IsIdList(50)
  handlingOrganisationIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Handling code C: library services the conditions allow' })
  @IsOptional()
  @IsIdList(50)
  handlingLibraryServiceIds?: string[];

  @Field(() => IntelligenceCategory)
  @IsEnum(IntelligenceCategory)
  category: IntelligenceCategory;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(500)
  placeDescription?: string | null;

  @Field(() => ID, { nullable: true, description: "A branch of the case's library service, when it is about a place" })
  @IsOptional()
  @IsUUID('all', UUID)
  branchId?: string | null;

  @Field(() => DataProtectionInput, {
    nullable: true,
    description: 'Lawful basis PUBLIC_TASK when not given; state a specialCategoryCondition or criminalOffenceCondition when it holds such data',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}

@InputType({ description: 'Intelligence the library records: about a subject or a place (at least one of subjectId, branchId, placeDescription)' })
export class RecordIntelligenceInput extends IntelligenceContentInput {
  @Field(() => ID, { nullable: true, description: "The person; the case's subject when a case is given without one" })
  @IsOptional()
  @IsUUID('all', UUID)
  subjectId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', UUID)
  caseId?: string | null;

  @Field(() => IntelligenceSourceType)
  @IsEnum(IntelligenceSourceType)
  sourceType: IntelligenceSourceType;

  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD, after today and at most 12 months ahead; 12 months from today when not given' })
  @IsOptional()
  @IsCalendarDate()
  reviewOn?: string | null;
}

@InputType({ description: 'Intelligence a partner (or receiving library service) submits to a case shared with it; a manager accepts it into the record' })
export class SubmitIntelligenceInput extends IntelligenceContentInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  caseId: string;

  @Field(() => IntelligenceSourceType, { nullable: true, defaultValue: IntelligenceSourceType.PARTNER })
  @IsOptional()
  @IsEnum(IntelligenceSourceType)
  sourceType?: IntelligenceSourceType;
}

@InputType()
export class IntelligenceFilterInput {
  @IdFilter()
  caseId?: string;

  @IdFilter()
  subjectId?: string;

  @AnyOfFilter(IntelligenceStatus, 10)
  statuses?: IntelligenceStatus[];

  @AnyOfFilter(IntelligenceCategory, 20)
  categories?: IntelligenceCategory[];

  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD: only items due for review by then' })
  @IsOptional()
  @IsCalendarDate()
  reviewDueBy?: string;
}

@ArgsType()
export class IntelligenceItemsArgs extends PageArgs {
  @FilterArg(() => IntelligenceFilterInput)
  filter?: IntelligenceFilterInput;
}
