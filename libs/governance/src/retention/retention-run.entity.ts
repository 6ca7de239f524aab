import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What one sweep did for one record type (a run's `counts`). */
export interface RetentionTypeCount {
  recordType: string;
  entityType: string;
  table: string;
  policy: string;
  action: string;
  retainYears: number;
  deleted: number;
  anonymised: number;
  /** Policy says keep longer than the stored date (e.g. it was lengthened): retain_until moved on, not touched. */
  extended: number;
  onHold: number;
  /** Could not be deleted (other records still refer to it) and has no declared anonymisation. */
  blocked: number;
  /** Dry run: what would be deleted or anonymised. */
  due: number;
  /** Dry run: a few of the ids it would process. */
  sampleIds?: string[];
}

/** One sweep of one library service (or, with no service, of the audit events that belong to none). */
@Entity('retention_run')
export class RetentionRun {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid', nullable: true }) libraryServiceId: string | null;
  @Column({ name: 'triggered_by', type: 'text' }) triggeredBy: 'CLI' | 'SCHEDULE' | 'API';
  @Column({ name: 'dry_run', type: 'boolean' }) dryRun: boolean;
  @Column({ type: 'text' }) status: 'RUNNING' | 'COMPLETED' | 'FAILED';
  @Column({ name: 'started_at', type: 'timestamptz', insert: false }) startedAt: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt: Date | null;
  @Column({ type: 'jsonb' }) counts: RetentionTypeCount[];
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'integer', default: 1 }) version: number;
}
