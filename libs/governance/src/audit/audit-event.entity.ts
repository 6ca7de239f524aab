import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { AuditAction } from './audit-action.enum.js';

/** One line of the append-only audit trail (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'occurred_at', type: 'timestamptz', insert: false }) occurredAt: Date;
  @Column({ name: 'actor_id', type: 'uuid', nullable: true }) actorId: string | null;
  @Column({ name: 'actor_role', type: 'text', nullable: true }) actorRole: string | null;
  @Column({ type: 'text' }) action: AuditAction;
  @Column({ name: 'entity_type', type: 'text' }) entityType: string;
  @Column({ name: 'entity_id', type: 'text', nullable: true }) entityId: string | null;
  @Column({ name: 'library_service_id', type: 'uuid', nullable: true }) libraryServiceId: string | null;
  @Column({ type: 'text', nullable: true }) purpose: string | null;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
}
