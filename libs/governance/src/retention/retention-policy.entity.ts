import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { RetentionAction } from './retention-action.enum.js';

/**
 * A library service's override of a default retention period (RETENTION_YEARS). Defaults live in
 * code; a row exists only once an administrator changes one ("seeded lazily").
 */
@Entity('retention_policy')
export class RetentionPolicy {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Column({ name: 'record_type', type: 'text' }) recordType: string;
  @Column({ name: 'retain_years', type: 'integer' }) retainYears: number;
  @Column({ type: 'text' }) action: RetentionAction;
  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true }) updatedById: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
