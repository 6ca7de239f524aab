import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Role } from '../../../access/src/users/role.enum.js';
import { ConnectionType, DateTimeScalar } from '../../../common/src/index.js';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { type AnswerChannel, ON_BEHALF_COLUMNS, RecordedOnBehalf, recordedOnBehalf } from '../../../referrals/src/index.js';
import { CaseUpdateKind } from './case-update.enums.js';

/**
 * What a recipient of a shared case (a partner, or another library service) adds to it. Kept in
 * the case's library service; the author's organisation or service is recorded alongside. An
 * update a partner with no login gave outside the app is written by the library user who recorded
 * it on the partner's behalf, under the partner organisation, with who answered, how and when.
 */
@PersonalData({
  recordType: 'CASE_UPDATE',
  title: 'Update from a partner on a shared case',
  auditEntityType: 'CaseUpdate',
  criminalOffence: true,
  purpose: 'Recording what partners did and know about a case shared with them, so the library sees the whole picture',
  dataSubjectCategories: ['people whose cases are shared with partners', 'partner staff who wrote the updates'],
  dataCategories: [
    'free-text updates from partners',
    'author and their organisation',
    'for an update recorded on a partner’s behalf: who answered at the partner (name or role), how and when',
  ],
  retention: 'CASE',
  retentionClock: 'created_at',
  retentionClockDescription: 'after the update was added',
  rectifiable: ['body'],
})
@ObjectType({ description: 'An update a partner (or another library service) added to a case shared with it' })
@Entity('case_update')
export class CaseUpdate {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID, { description: "The case's library service" }) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Field(() => ID, { description: 'The live share it was added under' }) @Column({ name: 'case_share_id', type: 'uuid' }) caseShareId: string;
  @Field(() => ID, { nullable: true }) @Column({ name: 'partner_organisation_id', type: 'uuid', nullable: true }) partnerOrganisationId: string | null;
  @Field(() => ID) @Column({ name: 'author_library_service_id', type: 'uuid' }) authorLibraryServiceId: string;
  @Field(() => ID) @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @Field(() => Role, { description: "The author's role at the time" }) @Column({ name: 'author_role', type: 'text' }) authorRole: Role;
  @Field(() => CaseUpdateKind) @Column({ type: 'text' }) kind: CaseUpdateKind;
  @Field() @Column({ type: 'text' }) body: string;
  @Field(() => DataProtection) @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;

  @Column(ON_BEHALF_COLUMNS.answeredBy) onBehalfAnsweredBy: string | null;
  @Column(ON_BEHALF_COLUMNS.channel) onBehalfChannel: AnswerChannel | null;
  @Column(ON_BEHALF_COLUMNS.answeredAt) onBehalfAnsweredAt: Date | null;

  @Field(() => RecordedOnBehalf, {
    nullable: true,
    description:
      'Set when the update is the partner organisation’s, recorded by a library user (authorId) on its behalf; null when the author wrote it themselves',
  })
  get recordedOnBehalf(): RecordedOnBehalf | null {
    return recordedOnBehalf(this, this.authorId);
  }
}

export const CaseUpdateConnection = ConnectionType(CaseUpdate);
