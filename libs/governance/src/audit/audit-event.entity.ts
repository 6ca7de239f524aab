import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { LawfulBasis } from '../data-protection/lawful-basis.enum.js';
import { PersonalData } from '../processing/personal-data.js';
import { AuditAction } from './audit-action.enum.js';
import { AuditActorRole } from './audit-actor-role.enum.js';
import { DateTimeScalar } from '../../../common/src/index.js';

/**
 * One line of the append-only audit trail (a trigger refuses UPDATE, DELETE and TRUNCATE). The
 * database chains every line to the one before it in its chain (`chain_position`, `previous_hash`,
 * `hash`, set by a trigger: migration AuditChain); those columns are not mapped here, since nothing
 * in the app writes or shows them: the verifier (audit-chain/) reads them with SQL.
 */
@PersonalData({
  recordType: 'AUDIT_EVENT',
  title: 'Audit trail',
  purpose: 'Accountability: who read, changed, shared or exported which record, when and for what stated purpose (UK GDPR Article 5(2); DPA 2018 s.62 logging)',
  dataSubjectCategories: ['library staff and partner users (the actors)', 'people whose records were read or changed (by record identifier only)'],
  dataCategories: ['user identifier and role', 'action and time', 'record type and identifier', 'purpose stated by the user', 'request identifier'],
  lawfulBases: [LawfulBasis.LEGAL_OBLIGATION],
  retention: 'AUDIT_EVENT',
  retentionClock: 'occurred_at',
  retentionClockDescription: 'after the event',
  appendOnly: true,
  rectifiable: [],
})
@ObjectType({ description: 'One line of the append-only audit trail' })
@Entity('audit_event')
export class AuditEvent {
  @Field(() => ID) @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Field(() => DateTimeScalar) @Column({ name: 'occurred_at', type: 'timestamptz', insert: false }) occurredAt: Date;
  @Field(() => ID, { nullable: true, description: 'The user; null for the CLI, the retention sweep and failed sign-ins' })
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;
  @Field(() => AuditActorRole, { nullable: true, description: 'Null for failed sign-ins with an unknown email' })
  @Column({ name: 'actor_role', type: 'text', nullable: true })
  actorRole: string | null;
  @Field(() => AuditAction) @Column({ type: 'text' }) action: AuditAction;
  @Field() @Column({ name: 'entity_type', type: 'text' }) entityType: string;
  @Field(() => String, { nullable: true }) @Column({ name: 'entity_id', type: 'text', nullable: true }) entityId: string | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'library_service_id', type: 'uuid', nullable: true }) libraryServiceId: string | null;
  @Field(() => String, { nullable: true, description: 'Why, as the user stated it (X-Purpose)' }) @Column({ type: 'text', nullable: true }) purpose:
    string | null;
  @Field(() => String, { nullable: true, description: "The server's id of the request (each request gets a new one)" })
  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;
  @Field(() => String, { nullable: true, description: 'The id the client sent as X-Request-Id, when it was well formed (^[A-Za-z0-9._:-]{1,64}$)' })
  @Column({ name: 'client_request_id', type: 'text', nullable: true })
  clientRequestId: string | null;
}
