import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { EvidenceKind, IncidentSubjectPart, WelfareCheckItem } from './incident.enums.js';
import { DateTimeScalar, DateScalar } from '../../../common/src/index.js';

/** A person involved in an incident, with their part. `label` is the subject's name, or description when the name is unknown. */
@ObjectType()
export class IncidentPerson {
  @Field(() => ID) subjectId: string;
  @Field(() => IncidentSubjectPart) part: IncidentSubjectPart;
  @Field(() => String, { nullable: true }) label: string | null;
  @Field(() => String, { nullable: true, description: 'What this person did or saw' }) notes: string | null;
}

/** A member of staff involved in an incident. */
@ObjectType()
export class IncidentStaffMember {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
}

@ObjectType({ description: 'Where a piece of evidence is kept: a reference, never the footage itself' })
@Entity('incident_evidence')
export class IncidentEvidence {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'incident_id', type: 'uuid' }) incidentId: string;
  @Field(() => EvidenceKind) @Column({ type: 'text' }) kind: EvidenceKind;
  @Field({ description: 'e.g. "CCTV camera 3, 14:05-14:20, saved to the council evidence drive"' }) @Column({ type: 'text' }) reference: string;
  @Field(() => ID) @Column({ name: 'added_by_id', type: 'uuid' }) addedById: string;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@ObjectType({ description: 'One answer of the post-incident staff welfare checklist, for one member of staff' })
@Entity('incident_welfare_check')
export class IncidentWelfareCheck {
  @Field(() => ID) @PrimaryColumn({ name: 'incident_id', type: 'uuid' }) incidentId: string;
  @Field(() => ID, { description: 'The member of staff the answer is about' }) @PrimaryColumn({ name: 'staff_user_id', type: 'uuid' }) staffUserId: string;
  @Field(() => WelfareCheckItem) @PrimaryColumn({ type: 'text' }) item: WelfareCheckItem;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field({ description: 'Yes (true) or no (false)' }) @Column({ type: 'boolean' }) answer: boolean;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) notes: string | null;
  @Field(() => ID) @Column({ name: 'answered_by_id', type: 'uuid' }) answeredById: string;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@ObjectType({ description: 'Something to do after an incident, with an owner and a due date' })
@Entity('incident_follow_up_action')
export class IncidentFollowUpAction {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'incident_id', type: 'uuid' }) incidentId: string;
  @Field() @Column({ type: 'text' }) description: string;
  @Field(() => ID) @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Field(() => DateScalar, { description: 'YYYY-MM-DD' }) @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'completed_by_id', type: 'uuid', nullable: true }) completedById: string | null;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
