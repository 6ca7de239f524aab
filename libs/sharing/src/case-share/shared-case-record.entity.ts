import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The few columns of a case (table `case_file`, owned by libs/cases) the sharing rules and the
 * partner projection need, read-only. Lets the CASL rules for `SharedCase` and `Case` be applied
 * in SQL without depending on the cases lib's entity. Never saved through.
 */
@Entity('case_file')
export class SharedCaseRecord {
  @PrimaryColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Column({ type: 'text' }) status: string;
  @Column({ name: 'risk_level', type: 'text' }) riskLevel: string;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt: Date;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
}
