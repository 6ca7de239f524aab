import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { Byelaw } from './byelaw.enum.js';
import { IncidentCategory, IncidentSeverity } from './incident.enums.js';
import { DateTimeScalar } from '../../../common/src/index.js';

/**
 * An incident as the guidance asks it to be recorded: what happened, when and where, who was
 * involved, what was done, and the post-incident debrief. People, staff, evidence, welfare
 * answers and follow-ups are child rows (loaded by field resolvers).
 */
@PersonalData({
  recordType: 'INCIDENT',
  title: 'Incident',
  auditEntityType: 'Incident',
  criminalOffence: true,
  purpose:
    'Recording disruptive behaviour and incidents at branches, reporting them to the police, and caring for staff afterwards (health and safety; preventing crime and disorder)',
  dataSubjectCategories: ['people involved in incidents', 'witnesses', 'staff involved'],
  dataCategories: [
    'what happened and where',
    'category, severity and byelaws breached',
    'police report and crime reference',
    'evidence references',
    'staff debrief and welfare',
  ],
  retention: 'INCIDENT',
  retentionClock: 'occurred_at',
  retentionClockDescription: 'after the incident',
  anonymise: {
    description: 'Anonymised under the retention policy',
    locationInBuilding: null,
    byelawDetails: null,
    actionsTaken: null,
    crimeReferenceNumber: null,
    debriefNotes: null,
  },
  rectifiable: ['description', 'locationInBuilding', 'byelawDetails', 'actionsTaken', 'crimeReferenceNumber', 'debriefNotes'],
})
@ObjectType({ description: 'An incident at a library branch' })
@Entity('incident')
export class Incident {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'branch_id', type: 'uuid' }) branchId: string;
  @Field(() => DateTimeScalar, { description: 'When it happened' }) @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it was reported (recorded), on or after occurredAt' })
  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;
  @Field(() => String, { nullable: true, description: 'Where in the building, e.g. "children\'s library, by the public PCs"' })
  @Column({ name: 'location_in_building', type: 'text', nullable: true })
  locationInBuilding: string | null;
  @Field(() => IncidentCategory) @Column({ type: 'text' }) category: IncidentCategory;
  @Field(() => IncidentSeverity, { nullable: true, description: 'Null until assessed' })
  @Column({ type: 'text', nullable: true })
  severity: IncidentSeverity | null;
  @Field(() => [Byelaw]) @Column({ name: 'byelaws_breached', type: 'text', array: true, default: () => `'{}'` }) byelawsBreached: Byelaw[];
  @Field(() => String, { nullable: true, description: 'The local byelaw, or clause numbers, when useful' })
  @Column({ name: 'byelaw_details', type: 'text', nullable: true })
  byelawDetails: string | null;
  @Field({ description: 'What happened: what was said and done' }) @Column({ type: 'text' }) description: string;
  @Field(() => String, { nullable: true, description: 'What staff did at the time' })
  @Column({ name: 'actions_taken', type: 'text', nullable: true })
  actionsTaken: string | null;
  @Field() @Column({ name: 'reported_to_police', type: 'boolean', default: false }) reportedToPolice: boolean;
  @Field(() => String, { nullable: true, description: 'With one, the incident is criminal offence data (criminalOffenceCondition is set)' })
  @Column({ name: 'crime_reference_number', type: 'text', nullable: true })
  crimeReferenceNumber: string | null;
  @Field(() => ID, { description: 'The user who recorded it' }) @Column({ name: 'recorded_by_id', type: 'uuid' }) recordedById: string;
  @Field({
    description: 'Recorded after the fact from paper records by a manager, with its real dates (retention counts from occurredAt, as for any incident)',
  })
  @Column({ type: 'boolean', default: false })
  historic: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the post-incident debrief was held' })
  @Column({ name: 'debrief_held_at', type: 'timestamptz', nullable: true })
  debriefHeldAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'Who held the debrief' })
  @Column({ name: 'debrief_held_by_id', type: 'uuid', nullable: true })
  debriefHeldById: string | null;
  @Field(() => String, { nullable: true, description: 'Learning from the debrief' })
  @Column({ name: 'debrief_notes', type: 'text', nullable: true })
  debriefNotes: string | null;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
