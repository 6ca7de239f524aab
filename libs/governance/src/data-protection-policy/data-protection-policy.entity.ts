import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A library service's own choice of the criminal offence condition a record type records by
 * default (CRIMINAL_OFFENCE_DEFAULTS). Like a retention policy, the default lives in code and a row
 * exists only once an administrator has chosen another.
 */
@Entity('data_protection_policy')
export class DataProtectionPolicy {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Column({ name: 'record_type', type: 'text' }) recordType: string;
  @Column({ name: 'criminal_offence_condition', type: 'text' }) criminalOffenceCondition: string;
  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true }) updatedById: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
