import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { PreferredContactMethod } from './preferred-contact-method.enum.js';
import { DateTimeScalar } from '../../../common/src/index.js';

@PersonalData({
  recordType: 'PARTNER_CONTACT',
  title: 'Partner contact',
  auditEntityType: 'PartnerContact',
  purpose: 'Keeping the useful contact numbers of people at partner organisations in one place',
  dataSubjectCategories: ['staff of partner organisations'],
  dataCategories: ['name', 'job title', 'work phone and email', 'preferred contact method', 'notes'],
  retention: 'PARTNER_CONTACT',
  retentionClock: 'coalesce(archived_at, updated_at)',
  retentionClockDescription: 'after the details were last confirmed or archived',
  anonymise: { name: 'Former contact', jobTitle: null, phone: null, email: null, notes: null },
  rectifiable: ['name', 'jobTitle', 'phone', 'email', 'notes'],
})
@ObjectType({ description: 'A named person at a partner organisation' })
@Entity('partner_contact')
export class PartnerContact {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'partner_organisation_id', type: 'uuid' }) partnerOrganisationId: string;
  @Field() @Column({ type: 'text' }) name: string;
  @Field(() => String, { nullable: true }) @Column({ name: 'job_title', type: 'text', nullable: true }) jobTitle: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) email: string | null;
  @Field(() => PreferredContactMethod)
  @Column({ name: 'preferred_contact', type: 'text', default: PreferredContactMethod.EMAIL })
  preferredContact: PreferredContactMethod;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) notes: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt: Date | null;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
