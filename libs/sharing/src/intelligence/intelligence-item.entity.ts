import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { HandlingCode, IntelligenceAssessment, IntelligenceCategory, IntelligenceSourceType, IntelligenceStatus } from './intelligence.enums.js';
import { DateTimeScalar, DateScalar } from '../../../common/src/index.js';

/**
 * A piece of intelligence about a subject or a place, graded after the police 3x5x2 model.
 * Recorded by the library (ACCEPTED at once) or submitted by a recipient of a shared case
 * (SUBMITTED until a manager accepts or rejects it).
 */
@PersonalData({
  recordType: 'INTELLIGENCE',
  title: 'Intelligence item',
  auditEntityType: 'IntelligenceItem',
  specialCategory: true,
  criminalOffence: true,
  sharedWithPartners: true,
  purpose:
    'Sharing graded intelligence about people and places with partners to prevent disorder and keep staff and the public safe (s115 Crime and Disorder Act 1998)',
  dataSubjectCategories: ['people of concern to the library and its partners', 'staff and partners who recorded it'],
  dataCategories: ['intelligence text', '3x5x2 grading and handling conditions', 'source type', 'place'],
  retention: 'INTELLIGENCE',
  retentionClock: 'updated_at',
  retentionClockDescription: 'after it was last recorded, accepted or reviewed',
  rectifiable: ['body', 'placeDescription', 'handlingConditions'],
})
@ObjectType({ description: 'Intelligence about a person or a place, graded 3x5x2' })
@Entity('intelligence_item')
export class IntelligenceItem {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID, { nullable: true }) @Column({ name: 'subject_id', type: 'uuid', nullable: true }) subjectId: string | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'case_id', type: 'uuid', nullable: true }) caseId: string | null;
  @Field(() => ID, { nullable: true, description: 'The branch it is about, when about a place' })
  @Column({ name: 'branch_id', type: 'uuid', nullable: true })
  branchId: string | null;
  @Field(() => String, { nullable: true, description: 'The place, e.g. "rear entrance of Central Library"' })
  @Column({ name: 'place_description', type: 'text', nullable: true })
  placeDescription: string | null;
  @Field() @Column({ type: 'text' }) body: string;
  @Field(() => IntelligenceSourceType) @Column({ name: 'source_type', type: 'text' }) sourceType: IntelligenceSourceType;
  @Field(() => Int, { description: '3x5x2 source evaluation: 1 reliable, 2 untested, 3 not reliable' })
  @Column({ name: 'source_evaluation', type: 'smallint' })
  sourceEvaluation: number;
  @Field(() => IntelligenceAssessment) @Column({ name: 'intelligence_assessment', type: 'text' }) intelligenceAssessment: IntelligenceAssessment;
  @Field(() => HandlingCode) @Column({ name: 'handling_code', type: 'text' }) handlingCode: HandlingCode;
  @Field(() => String, { nullable: true, description: 'The conditions of handling code C' })
  @Column({ name: 'handling_conditions', type: 'text', nullable: true })
  handlingConditions: string | null;
  @Field(() => [ID], { description: 'Handling code C: the partner organisations its conditions name' })
  @Column({ name: 'handling_organisation_ids', type: 'uuid', array: true, default: () => `'{}'` })
  handlingOrganisationIds: string[];
  @Field(() => [ID], { description: 'Handling code C: the library services its conditions name' })
  @Column({ name: 'handling_library_service_ids', type: 'uuid', array: true, default: () => `'{}'` })
  handlingLibraryServiceIds: string[];
  @Field(() => IntelligenceCategory) @Column({ type: 'text' }) category: IntelligenceCategory;
  @Field(() => IntelligenceStatus) @Column({ type: 'text' }) status: IntelligenceStatus;
  @Field(() => DateScalar, { description: 'YYYY-MM-DD; 12 months after recording unless set' }) @Column({ name: 'review_on', type: 'date' }) reviewOn: string;
  @Field(() => ID) @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @Field(() => ID, { nullable: true }) @Column({ name: 'submitted_by_organisation_id', type: 'uuid', nullable: true }) submittedByOrganisationId: string | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'submitted_by_library_service_id', type: 'uuid', nullable: true }) submittedByLibraryServiceId:
    string | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'submitted_via_share_id', type: 'uuid', nullable: true }) submittedViaShareId: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'decided_by_id', type: 'uuid', nullable: true }) decidedById: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason: string | null;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
