import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection } from '../../../governance/src/index.js';
import { SpecialCategoryKind } from './special-category-kind.enum.js';

/**
 * One special category detail about a subject, kept apart from the subject so that only the roles
 * allowed to see it read it. Its Article 9(2) condition (dataProtection.specialCategoryCondition) is required.
 */
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
  @Field(() => GraphQLISODateTime) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => GraphQLISODateTime) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
