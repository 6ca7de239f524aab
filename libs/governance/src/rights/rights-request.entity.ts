import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection } from '../data-protection/data-protection.embedded.js';
import { PersonalData } from '../processing/personal-data.js';
import { RefusalGround, RightsRequestStatus, RightsRequestType } from './rights-request.enums.js';
import { DateTimeScalar, DateScalar } from '../../../common/src/index.js';

/** A data subject's request, logged and decided by the DPO. Kept after an erasure: it is the proof of what was done. */
@PersonalData({
  recordType: 'RIGHTS_REQUEST',
  title: 'Data subject rights request',
  purpose: "Handling data subjects' requests (access, rectification, erasure, restriction) and showing what was decided and done",
  dataSubjectCategories: ['people who made a request about their records'],
  dataCategories: ['the request as received', 'decision and reasons', 'what was erased, corrected or restricted (record identifiers)'],
  retention: 'RIGHTS_REQUEST',
  retentionClock: 'coalesce(decided_at, created_at)',
  retentionClockDescription: 'after the decision',
  rectifiable: ['details'],
})
@ObjectType({ description: "A data subject's request about their records" })
@Entity('rights_request')
export class RightsRequest {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID, { description: 'The person (Subject) the request is about; kept after an erasure' })
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;
  @Field(() => RightsRequestType) @Column({ type: 'text' }) type: RightsRequestType;
  @Field(() => DateScalar, { description: 'YYYY-MM-DD' }) @Column({ name: 'received_on', type: 'date' }) receivedOn: string;
  @Field(() => DateScalar, { description: 'One calendar month after receipt (UK GDPR Article 12(3)), YYYY-MM-DD' })
  @Column({ name: 'due_on', type: 'date' })
  dueOn: string;
  @Field({ description: 'What the person asked for, as received' }) @Column({ type: 'text' }) details: string;
  @Field(() => RightsRequestStatus) @Column({ type: 'text' }) status: RightsRequestStatus;
  @Field(() => String, { nullable: true }) @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason: string | null;
  @Field(() => RefusalGround, { nullable: true }) @Column({ name: 'refusal_ground', type: 'text', nullable: true }) refusalGround: RefusalGround | null;
  @Field(() => [String], { description: 'Record types kept because of a retention duty' })
  @Column({ name: 'kept_record_types', type: 'text', array: true, default: () => `'{}'` })
  keptRecordTypes: string[];
  @Column({ type: 'jsonb', nullable: true }) outcome: RightsOutcome | null;
  @Field(() => ID) @Column({ name: 'logged_by_id', type: 'uuid' }) loggedById: string;
  @Field(() => ID, { nullable: true }) @Column({ name: 'decided_by_id', type: 'uuid', nullable: true }) decidedById: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** What a decision did, by record identifiers only. */
export interface RightsOutcome {
  erased?: { entityType: string; id: string }[];
  anonymised?: { entityType: string; id: string }[];
  linksRemoved?: { table: string; count: number }[];
  kept?: { entityType: string; id: string; reason: string }[];
  corrected?: { entityType: string; id: string; field: string }[];
  restrictionId?: string;
}
