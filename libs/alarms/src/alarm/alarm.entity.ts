import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { DateTimeScalar } from '../../../common/src/index.js';

export enum AlarmTimelineKind {
  RAISED = 'RAISED',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  STOOD_DOWN = 'STOOD_DOWN',
}
registerEnumType(AlarmTimelineKind, {
  name: 'AlarmTimelineKind',
  description: 'A step of an alarm: raised, acknowledged (by anyone, any number of times), stood down',
});

/** One step of an alarm: who did what, when. Never changed; deleted with the alarm. */
@ObjectType({ description: 'A step of an alarm: who raised, acknowledged or stood it down, and when' })
@Entity('alarm_timeline_entry')
export class AlarmTimelineEntry {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Column({ name: 'alarm_id', type: 'uuid' }) alarmId: string;
  @Field(() => AlarmTimelineKind) @Column({ type: 'text' }) kind: AlarmTimelineKind;
  @Field(() => ID, { description: 'The user (staff, or a partner organisation named for the branch)' }) @Column({ name: 'by_id', type: 'uuid' }) byId: string;
  @Field(() => DateTimeScalar) @Column({ type: 'timestamptz', insert: false }) at: Date;
}

/**
 * A codeword alarm raised at a branch by its staff: it reaches colleagues and partner police at
 * once (the alarm subscriptions), and once stood down offers a draft incident to record. Kept like
 * the incident it may become: its lawful basis and retention are the incident's.
 */
@PersonalData({
  recordType: 'ALARM',
  title: 'Alarm',
  auditEntityType: 'Alarm',
  purpose: 'Calling colleagues and partner police to a branch at once when staff or the public are at risk (health and safety; preventing crime and disorder)',
  dataSubjectCategories: ['staff who raise, acknowledge or stand down an alarm'],
  dataCategories: ['codeword and where in the building', 'who raised, acknowledged and stood it down, and when'],
  retention: 'INCIDENT',
  retentionClock: 'raised_at',
  retentionClockDescription: 'after the alarm was raised',
  anonymise: { codeword: null, locationInBuilding: null },
  rectifiable: ['codeword', 'locationInBuilding'],
  sharedWithPartners: true,
})
@ObjectType({ description: 'A codeword alarm raised at a branch' })
@Entity('alarm')
export class Alarm {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'branch_id', type: 'uuid' }) branchId: string;
  @Field(() => String, { nullable: true, description: "The service's codeword for what is happening (at most 40 characters)" })
  @Column({ type: 'text', nullable: true })
  codeword: string | null;
  @Field(() => String, { nullable: true, description: 'Where in the building (at most 200 characters)' })
  @Column({ name: 'location_in_building', type: 'text', nullable: true })
  locationInBuilding: string | null;
  @Field(() => ID) @Column({ name: 'raised_by_id', type: 'uuid' }) raisedById: string;
  @Field(() => DateTimeScalar) @Column({ name: 'raised_at', type: 'timestamptz', insert: false }) raisedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Null while the alarm is active' })
  @Column({ name: 'stood_down_at', type: 'timestamptz', nullable: true })
  stoodDownAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'stood_down_by_id', type: 'uuid', nullable: true }) stoodDownById: string | null;
  @Field({ description: 'Stood down as a false alarm (nothing to record)' })
  @Column({ name: 'false_alarm', type: 'boolean', default: false })
  falseAlarm: boolean;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
