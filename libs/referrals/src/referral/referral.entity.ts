import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { ReferralConsent, ReferralDeclineReason, ReferralNeed, ReferralOutcome, ReferralStatus, ReferralUrgency } from './referral.enums.js';
import { DateTimeScalar } from '../../../common/src/index.js';

const ts = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });

/**
 * An outreach worker's referral of a person (a subject) to a partner organisation, and what the
 * partner did with it. Relations to other contexts are plain ids (subject, users, partners).
 */
@PersonalData({
  recordType: 'REFERRAL',
  title: 'Referral',
  auditEntityType: 'Referral',
  sharedWithPartners: true,
  purpose: 'Referring a person to a partner service (housing, mental health, addiction, food, youth support …) and following it up',
  dataSubjectCategories: ['people referred to partner services'],
  dataCategories: ['needs and reason', 'urgency', 'consent or the lawful basis used instead', 'partner responses and outcome'],
  retention: 'REFERRAL',
  retentionClock: 'coalesce(closed_at, withdrawn_at, declined_at, created_at)',
  retentionClockDescription: 'after closure',
  anonymise: {
    reason: 'Anonymised under the retention policy',
    contactRoute: null,
    consentMethod: null,
    lawfulBasisJustification: null,
    outcomeNotes: null,
    declineDetails: null,
    withdrawalReason: null,
  },
  rectifiable: ['reason', 'contactRoute', 'outcomeNotes', 'declineDetails', 'withdrawalReason'],
})
@ObjectType({ description: 'A referral of a person to a partner organisation, with its status flow and outcome' })
@Entity('referral')
export class Referral {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID, { description: 'The person referred (see `subject` for what a partner may see of them)' })
  @Column({ name: 'subject_id', type: 'uuid' })
  subjectId: string;
  @Field(() => ID, { description: 'The worker who made the referral' })
  @Column({ name: 'referred_by_id', type: 'uuid' })
  referredById: string;
  @Field(() => ID, { description: 'The receiving partner organisation' })
  @Column({ name: 'partner_organisation_id', type: 'uuid' })
  partnerOrganisationId: string;
  @Field(() => ID, { nullable: true, description: 'A named contact at the partner, when known' })
  @Column({ name: 'partner_contact_id', type: 'uuid', nullable: true })
  partnerContactId: string | null;
  @Field(() => String, { nullable: true, description: "The partner's service or team the referral is for, when known" })
  @Column({ name: 'partner_service', type: 'text', nullable: true })
  partnerService: string | null;

  @Field(() => [ReferralNeed]) @Column({ type: 'text', array: true }) needs: ReferralNeed[];
  @Field() @Column({ type: 'text' }) reason: string;
  @Field(() => ReferralUrgency) @Column({ type: 'text' }) urgency: ReferralUrgency;
  @Field(() => String, { nullable: true, description: 'How the partner can reach the person (phone, "at Central Library on Tuesdays", via the worker…)' })
  @Column({ name: 'contact_route', type: 'text', nullable: true })
  contactRoute: string | null;

  @Field(() => ReferralConsent) @Column({ type: 'text' }) consent: ReferralConsent;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When consent was given or refused' })
  @Column(ts('consent_recorded_at'))
  consentRecordedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'How consent was given or refused (verbally in person, signed form…)' })
  @Column({ name: 'consent_method', type: 'text', nullable: true })
  consentMethod: string | null;
  @Field(() => String, { nullable: true, description: 'Why the referral is made without consent, under the lawful basis stated' })
  @Column({ name: 'lawful_basis_justification', type: 'text', nullable: true })
  lawfulBasisJustification: string | null;

  @Field(() => ReferralStatus) @Column({ type: 'text', default: ReferralStatus.DRAFT }) status: ReferralStatus;
  @Field(() => ReferralOutcome, { nullable: true }) @Column({ type: 'text', nullable: true }) outcome: ReferralOutcome | null;
  @Field(() => String, { nullable: true }) @Column({ name: 'outcome_notes', type: 'text', nullable: true }) outcomeNotes: string | null;
  @Field(() => ReferralDeclineReason, { nullable: true })
  @Column({ name: 'decline_reason', type: 'text', nullable: true })
  declineReason: ReferralDeclineReason | null;
  @Field(() => String, { nullable: true }) @Column({ name: 'decline_details', type: 'text', nullable: true }) declineDetails: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: 'withdrawal_reason', type: 'text', nullable: true }) withdrawalReason: string | null;

  // One column per step, for fast statistics; the full who-and-when history is in referral_transition.
  @Field(() => DateTimeScalar, { nullable: true }) @Column(ts('sent_at')) sentAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column(ts('accepted_at')) acceptedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column(ts('declined_at')) declinedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column(ts('withdrawn_at')) withdrawnAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the partner marked it IN_PROGRESS' }) @Column(ts('started_at')) startedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column(ts('closed_at')) closedAt: Date | null;

  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
