import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DateScalar, IsCalendarDate, IsIdList, IsText, VersionedReasonInput } from '../../../../common/src/index.js';
import { HandlingCode, IntelligenceAssessment } from '../intelligence.enums.js';

/*
 * Review decisions on an item of the review list (intelligenceItems(filter: { reviewDueBy })):
 * each names the item and the version read, and says why (reason, kept in IntelligenceItem.reviews).
 */

@InputType({ description: 'Keep the item and review it again on reviewOn: after today, at most 12 months ahead; its keep-until date moves with it' })
export class RenewIntelligenceInput extends VersionedReasonInput {
  @Field(() => DateScalar, { description: 'YYYY-MM-DD: the next review, after today and at most 12 months ahead' })
  @IsCalendarDate()
  reviewOn: string;
}

@InputType({ description: 'A review changes who may see the item further: its handling code, with the conditions and recipients code C needs' })
export class ChangeIntelligenceHandlingInput extends VersionedReasonInput {
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
}

@InputType({ description: 'A review changes the 3x5x2 grading: both parts, as they are to be' })
export class RegradeIntelligenceInput extends VersionedReasonInput {
  @Field(() => Int, { description: '3x5x2 source evaluation: 1 reliable, 2 untested, 3 not reliable' })
  @IsInt()
  @Min(1)
  @Max(3)
  sourceEvaluation: number;

  @Field(() => IntelligenceAssessment)
  @IsEnum(IntelligenceAssessment)
  intelligenceAssessment: IntelligenceAssessment;
}
