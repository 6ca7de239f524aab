import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { AppealOutcome, BanScope, BanStatus } from './ban.enums.js';
import { DateTimeScalar, DateScalar } from '../../../common/src/index.js';

/**
 * A banning decision, per the banning-policy pattern: any member of staff may propose one in
 * the moment; a manager confirms, reviews and lifts it. `status` is what was last decided;
 * `effectiveStatus` (a field resolver) is what it reads as today (EXPIRED once endsOn has passed).
 */
@PersonalData({
  recordType: 'BAN',
  title: 'Ban',
  auditEntityType: 'Ban',
  criminalOffence: true,
  sharedWithPartners: true,
  purpose:
    'Excluding a person from branches after serious or repeated incidents, with conditions, review and appeal (library byelaws; safety of staff and public)',
  dataSubjectCategories: ['people banned from branches'],
  dataCategories: ['reason and linked incidents', 'scope, dates and conditions', 'acceptable behaviour agreement', 'appeal'],
  retention: 'BAN',
  retentionClock: 'least(lifted_on, coalesce(ends_on, starts_on))',
  retentionClockDescription: 'after the ban ends (or is lifted)',
  anonymise: { reason: 'Anonymised under the retention policy', conditions: null, notes: null, appealNotes: null },
  rectifiable: ['reason', 'conditions', 'notes', 'appealNotes'],
})
@ObjectType({ description: 'A ban from one, several or all branches' })
@Entity('ban')
export class Ban {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID, { description: 'The person banned' }) @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Field(() => BanStatus, { description: 'The status last decided; see effectiveStatus for what applies today' }) @Column({ type: 'text' }) status: BanStatus;
  @Field(() => BanScope) @Column({ type: 'text' }) scope: BanScope;
  @Field({ description: 'Why: what the person did (link the incidents too)' }) @Column({ type: 'text' }) reason: string;
  @Field(() => String, { nullable: true, description: 'Conditions of the ban, e.g. "may use the Northgate home library service"' })
  @Column({ type: 'text', nullable: true })
  conditions: string | null;
  @Field(() => String, { nullable: true, description: 'Internal notes; never shown on the desk view' }) @Column({ type: 'text', nullable: true }) notes:
    string | null;
  @Field(() => ID) @Column({ name: 'proposed_by_id', type: 'uuid' }) proposedById: string;
  @Field(() => DateTimeScalar) @Column({ name: 'proposed_at', type: 'timestamptz' }) proposedAt: Date;
  @Field(() => ID, { nullable: true, description: 'The manager who confirmed it' })
  @Column({ name: 'confirmed_by_id', type: 'uuid', nullable: true })
  confirmedById: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true }) confirmedAt: Date | null;
  @Field(() => DateScalar, { description: 'First day of the ban, YYYY-MM-DD' }) @Column({ name: 'starts_on', type: 'date' }) startsOn: string;
  @Field(() => DateScalar, { nullable: true, description: 'Last day of the ban, YYYY-MM-DD; required to confirm it' })
  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When to review it, between startsOn and endsOn' })
  @Column({ name: 'review_on', type: 'date', nullable: true })
  reviewOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The day it was lifted' }) @Column({ name: 'lifted_on', type: 'date', nullable: true }) liftedOn:
    string | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'lifted_by_id', type: 'uuid', nullable: true }) liftedById: string | null;
  @Field({ description: 'Acceptable behaviour agreement offered' }) @Column({ name: 'aba_offered', type: 'boolean', default: false }) abaOffered: boolean;
  @Field({ description: 'Acceptable behaviour agreement signed' }) @Column({ name: 'aba_signed', type: 'boolean', default: false }) abaSigned: boolean;
  @Field(() => DateScalar, { nullable: true }) @Column({ name: 'aba_signed_on', type: 'date', nullable: true }) abaSignedOn: string | null;
  @Field(() => DateScalar, { nullable: true }) @Column({ name: 'appeal_lodged_on', type: 'date', nullable: true }) appealLodgedOn: string | null;
  @Field(() => AppealOutcome, { nullable: true }) @Column({ name: 'appeal_outcome', type: 'text', nullable: true }) appealOutcome: AppealOutcome | null;
  @Field(() => DateScalar, { nullable: true }) @Column({ name: 'appeal_outcome_on', type: 'date', nullable: true }) appealOutcomeOn: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: 'appeal_notes', type: 'text', nullable: true }) appealNotes: string | null;
  @Field({
    description: 'Recorded after the fact from paper records by a manager, already ended, with its real dates (retention counts from its real end)',
  })
  @Column({ type: 'boolean', default: false })
  historic: boolean;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
