import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { SpecialCategoryKind } from './special-category-kind.enum.js';
import { DateTimeScalar } from '../../../common/src/index.js';

/**
 * One special category detail about a subject, kept apart from the subject so that only the roles
 * allowed to see it read it. Its Article 9(2) condition (dataProtection.specialCategoryCondition) is required.
 */
@PersonalData({
  recordType: 'SUBJECT_SPECIAL_CATEGORY',
  title: 'Special category detail',
  auditEntityType: 'SubjectSpecialCategory',
  specialCategory: true,
  purpose: 'Safeguarding people at risk and adjusting how staff respond to them (DPA 2018 Schedule 1: safeguarding of children and individuals at risk)',
  dataSubjectCategories: ['library users and visitors of concern', 'young people', 'adults at risk'],
  dataCategories: ['health', 'mental health', 'ethnicity', 'religion', 'other special category details'],
  retention: 'SUBJECT',
  retentionClock: 'updated_at',
  retentionClockDescription: 'after the latest activity recorded about the person',
  rectifiable: ['details'],
})
@ObjectType({ description: 'A special category (Article 9) detail about a person: managers, outreach workers and the DPO only' })
@Entity('subject_special_category')
export class SubjectSpecialCategory {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Field(() => SpecialCategoryKind) @Column({ type: 'text' }) category: SpecialCategoryKind;
  @Field() @Column({ type: 'text' }) details: string;
  @Field(() => ID) @Column({ name: 'recorded_by_id', type: 'uuid' }) recordedById: string;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
