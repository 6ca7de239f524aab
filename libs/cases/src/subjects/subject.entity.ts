import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { AgeBand } from './age-band.enum.js';
import { DateScalar, DateTimeScalar } from '../../../common/src/index.js';

@PersonalData({
  recordType: 'SUBJECT',
  title: 'Person',
  auditEntityType: 'Subject',
  sharedWithPartners: true,
  purpose:
    'Knowing who incidents, bans, cases and referrals are about, to keep people at risk, staff and the public safe (safeguarding; preventing crime and disorder)',
  dataSubjectCategories: ['library users and visitors of concern', 'young people', 'adults at risk'],
  dataCategories: ['name or description', 'aliases', 'date of birth or age band', 'photo reference', 'safeguarding flags', 'notes'],
  retention: 'SUBJECT',
  retentionClock: 'updated_at',
  retentionClockDescription: 'after the latest activity recorded about the person',
  rectifiable: ['name', 'description', 'dateOfBirth', 'ageBand', 'photoReference', 'notes', 'isChildSafeguarding', 'isAdultAtRisk'],
})
@ObjectType({ description: 'A person the service records: known by name, or described when the name is unknown' })
@Entity('subject')
export class Subject {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) name: string | null;
  @Field(() => String, { nullable: true, description: 'What the person looks like ("male, 30s, red jacket"); required when the name is unknown' })
  @Column({ type: 'text', nullable: true })
  description: string | null;
  @Field(() => [String]) @Column({ type: 'text', array: true, default: () => `'{}'` }) aliases: string[];
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD' }) @Column({ name: 'date_of_birth', type: 'date', nullable: true }) dateOfBirth:
    string | null;
  @Field(() => AgeBand, { nullable: true, description: 'Estimated age, when the date of birth is not known' })
  @Column({ name: 'age_band', type: 'text', nullable: true })
  ageBand: AgeBand | null;
  @Field(() => String, { nullable: true, description: 'Where the photo is kept (a reference, not the image)' })
  @Column({ name: 'photo_reference', type: 'text', nullable: true })
  photoReference: string | null;
  @Field({ description: 'Safeguarding concern: a child' })
  @Column({ name: 'is_child_safeguarding', type: 'boolean', default: false })
  isChildSafeguarding: boolean;
  @Field({ description: 'Safeguarding concern: an adult at risk' })
  @Column({ name: 'is_adult_at_risk', type: 'boolean', default: false })
  isAdultAtRisk: boolean;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) notes: string | null;
  @Field(() => ID, { nullable: true, description: 'Set when this record was merged into another: use that one' })
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'merged_at', type: 'timestamptz', nullable: true }) mergedAt: Date | null;
  @Field(() => ID, { description: 'The user who recorded the person' }) @Column({ name: 'created_by_id', type: 'uuid' }) createdById: string;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
