import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { DateTimeScalar, DateScalar } from '../../../common/src/index.js';

/**
 * A short warning a manager publishes for a branch's desk ("man, 40s, grey hoodie: do not
 * approach alone, call the duty manager"), often drawn from intelligence. Never special category
 * data (a CHECK refuses a special category condition). The only intelligence frontline staff see.
 */
@PersonalData({
  recordType: 'BRANCH_WARNING',
  title: 'Branch warning',
  auditEntityType: 'BranchWarning',
  purpose: 'Warning frontline staff of a branch about a risk, so they can keep themselves and the public safe',
  dataSubjectCategories: ['people of concern to the library'],
  dataCategories: ['short description of a person or a risk (never special category data)'],
  retention: 'INTELLIGENCE',
  retentionClock: 'coalesce(withdrawn_at, published_at)',
  retentionClockDescription: 'after it was published or withdrawn',
  anonymise: { text: 'Anonymised under the retention policy' },
  rectifiable: ['text'],
})
@ObjectType({ description: 'A short warning for the staff of one branch' })
@Entity('branch_warning')
export class BranchWarning {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'branch_id', type: 'uuid' }) branchId: string;
  @Field(() => ID, { nullable: true, description: 'The intelligence it was drawn from (not shown to staff)' })
  @Column({ name: 'intelligence_item_id', type: 'uuid', nullable: true })
  intelligenceItemId: string | null;
  @Field({ description: 'At most 280 characters' }) @Column({ type: 'text' }) text: string;
  @Field(() => ID) @Column({ name: 'published_by_id', type: 'uuid' }) publishedById: string;
  @Field(() => DateTimeScalar) @Column({ name: 'published_at', type: 'timestamptz' }) publishedAt: Date;
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD: shown until the end of this day' })
  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'withdrawn_by_id', type: 'uuid', nullable: true }) withdrawnById: string | null;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
