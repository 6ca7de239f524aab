import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { CaseStatus, RiskLevel } from './case-status.enum.js';
import { DateTimeScalar } from '../../../common/src/index.js';

@PersonalData({
  recordType: 'CASE',
  title: 'Case',
  auditEntityType: 'Case',
  criminalOffence: true,
  sharedWithPartners: true,
  purpose: "Managing the library's response to a person: incidents, bans, referrals and notes in one place, shared with partners under agreements",
  dataSubjectCategories: ['library users and visitors of concern', 'young people', 'adults at risk'],
  dataCategories: ['case title and summary', 'risk level', 'status and closure summary'],
  retention: 'CASE',
  retentionClock: 'coalesce(closed_at, updated_at)',
  retentionClockDescription: 'after the case is closed (while open: after its latest activity)',
  anonymise: { title: 'Anonymised case', summary: null, closureSummary: null },
  rectifiable: ['title', 'summary', 'closureSummary'],
})
@ObjectType('Case', { description: "A subject's incidents, bans, referrals and notes, with an owner, a status and a risk level" })
@Entity('case_file')
export class Case {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Field(() => ID, { description: 'The user responsible for the case' }) @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Field(() => CaseStatus) @Column({ type: 'text', default: CaseStatus.OPEN }) status: CaseStatus;
  @Field(() => RiskLevel) @Column({ name: 'risk_level', type: 'text', default: RiskLevel.LOW }) riskLevel: RiskLevel;
  @Field() @Column({ type: 'text' }) title: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) summary: string | null;
  @Field(() => DateTimeScalar) @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'closed_by_id', type: 'uuid', nullable: true }) closedById: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: 'closure_summary', type: 'text', nullable: true }) closureSummary: string | null;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
