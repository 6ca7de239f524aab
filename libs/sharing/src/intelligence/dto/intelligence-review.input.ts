import { Field, InputType, IntersectionType, PickType } from '@nestjs/graphql';
import { DateScalar, IsCalendarDate, VersionedReasonInput } from '../../../../common/src/index.js';
import { IntelligenceContentInput } from './intelligence.input.js';

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
export class ChangeIntelligenceHandlingInput extends IntersectionType(
  VersionedReasonInput,
  PickType(IntelligenceContentInput, ['handlingCode', 'handlingConditions', 'handlingOrganisationIds', 'handlingLibraryServiceIds'] as const),
) {}

@InputType({ description: 'A review changes the 3x5x2 grading: both parts, as they are to be' })
export class RegradeIntelligenceInput extends IntersectionType(
  VersionedReasonInput,
  PickType(IntelligenceContentInput, ['sourceEvaluation', 'intelligenceAssessment'] as const),
) {}
