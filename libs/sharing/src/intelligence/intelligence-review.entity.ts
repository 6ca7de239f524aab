import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar, DateTimeScalar } from '../../../common/src/index.js';
import { HandlingCode, IntelligenceAssessment, IntelligenceReviewDecision } from './intelligence.enums.js';

/**
 * One review decision on an intelligence item: who decided what, when and why, and the values it
 * replaced. Never changed. Part of the item: it goes when the item goes (deleted by a review, by
 * the retention sweep or by an erasure, ON DELETE CASCADE), so its free-text reason never outlives
 * the record it is about; the audit trail keeps who deleted which item when.
 */
@ObjectType({ description: 'A review decision on an intelligence item: who, when, why, and what it changed' })
@Entity('intelligence_review')
export class IntelligenceReview {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'intelligence_item_id', type: 'uuid' }) intelligenceItemId: string;
  @Field(() => IntelligenceReviewDecision) @Column({ type: 'text' }) decision: IntelligenceReviewDecision;
  @Field({ description: 'Why, as the reviewer gave it' }) @Column({ type: 'text' }) reason: string;
  @Field(() => ID) @Column({ name: 'decided_by_id', type: 'uuid' }) decidedById: string;
  @Field(() => DateTimeScalar) @Column({ name: 'decided_at', type: 'timestamptz', insert: false }) decidedAt: Date;
  @Field(() => DateScalar, { nullable: true, description: 'RENEWED: the review date it replaced' })
  @Column({ name: 'previous_review_on', type: 'date', nullable: true })
  previousReviewOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'RENEWED: the new review date' })
  @Column({ name: 'review_on', type: 'date', nullable: true })
  reviewOn: string | null;
  @Field(() => HandlingCode, { nullable: true })
  @Column({ name: 'previous_handling_code', type: 'text', nullable: true })
  previousHandlingCode: HandlingCode | null;
  @Field(() => HandlingCode, { nullable: true, description: 'HANDLING_CHANGED: the new handling code' })
  @Column({ name: 'handling_code', type: 'text', nullable: true })
  handlingCode: HandlingCode | null;
  @Field(() => Int, { nullable: true }) @Column({ name: 'previous_source_evaluation', type: 'smallint', nullable: true }) previousSourceEvaluation:
    number | null;
  @Field(() => Int, { nullable: true, description: 'REGRADED: the new source evaluation' })
  @Column({ name: 'source_evaluation', type: 'smallint', nullable: true })
  sourceEvaluation: number | null;
  @Field(() => IntelligenceAssessment, { nullable: true })
  @Column({ name: 'previous_intelligence_assessment', type: 'text', nullable: true })
  previousIntelligenceAssessment: IntelligenceAssessment | null;
  @Field(() => IntelligenceAssessment, { nullable: true, description: 'REGRADED: the new intelligence assessment' })
  @Column({ name: 'intelligence_assessment', type: 'text', nullable: true })
  intelligenceAssessment: IntelligenceAssessment | null;
}
