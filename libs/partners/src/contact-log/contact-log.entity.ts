import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { ContactChannel } from './contact-channel.enum.js';
import { DateTimeScalar } from '../../../common/src/index.js';

@PersonalData({
  recordType: 'CONTACT_LOG',
  title: 'Contact log',
  auditEntityType: 'ContactLog',
  purpose: 'Managing partnerships: a record of meetings, calls and visits with partner organisations, and the follow-up actions agreed',
  dataSubjectCategories: ['library staff', 'staff of partner organisations', 'people mentioned in a summary'],
  dataCategories: ['when, how and where the contact happened', 'summary and attendees', 'follow-up actions with owners and due dates'],
  retention: 'CONTACT_LOG',
  retentionClock: 'occurred_at',
  retentionClockDescription: 'after the contact',
  anonymise: { summary: '[removed under the retention policy]', attendees: null },
  rectifiable: ['summary', 'attendees'],
})
@ObjectType({ description: "A manager's record of an interaction with a partner organisation" })
@Entity('contact_log')
export class ContactLog {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'partner_organisation_id', type: 'uuid' }) partnerOrganisationId: string;
  @Field(() => ID, { nullable: true }) @Column({ name: 'branch_id', type: 'uuid', nullable: true }) branchId: string | null;
  @Field(() => DateTimeScalar) @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Field(() => ContactChannel) @Column({ type: 'text' }) channel: ContactChannel;
  @Field() @Column({ type: 'text' }) summary: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) attendees: string | null;
  @Field(() => ID, { description: 'The user who recorded it' }) @Column({ name: 'recorded_by_id', type: 'uuid' }) recordedById: string;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt: Date | null;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
