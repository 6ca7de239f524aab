import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { Role } from '../../../access/src/users/role.enum.js';
import { DataProtection, PersonalData } from '../../../governance/src/index.js';
import { DateTimeScalar } from '../../../common/src/index.js';
import { type AnswerChannel, ON_BEHALF_COLUMNS, RecordedOnBehalf, recordedOnBehalf } from '../on-behalf/recorded-on-behalf.js';

/**
 * A message on one referral between the library and the receiving partner. The partner
 * organisation is copied from the referral (it cannot change once sent) so access rules can
 * filter on this table's own columns. Its retention follows the referral's. A partner's message
 * given outside the app (a partner with no login phoned) is written by the library user who
 * recorded it, with who answered at the partner, how and when.
 */
// No clock of its own: an update takes its referral's date (set by the referrals context) and goes with it.
@PersonalData({
  recordType: 'REFERRAL_UPDATE',
  title: 'Referral update',
  auditEntityType: 'ReferralUpdate',
  sharedWithPartners: true,
  purpose: 'Messages between the library and the partner about a referral',
  dataSubjectCategories: ['people referred to partner services', 'staff and partner users who wrote them'],
  dataCategories: [
    'free-text messages',
    'author and role',
    'for a message recorded on a partner’s behalf: who answered at the partner (name or role), how and when',
  ],
  retention: 'REFERRAL',
  anonymise: { body: 'Anonymised under the retention policy' },
  rectifiable: ['body'],
})
@ObjectType({ description: 'A message between the library and the partner on one referral' })
@Entity('referral_update')
export class ReferralUpdate {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'referral_id', type: 'uuid' }) referralId: string;
  @Column({ name: 'partner_organisation_id', type: 'uuid' }) partnerOrganisationId: string;
  @Field(() => ID) @Column({ name: 'author_id', type: 'uuid' }) authorId: string;
  @Field(() => Role, { description: "The author's role; PARTNER means the receiving organisation wrote it (so does recordedOnBehalf)" })
  @Column({ name: 'author_role', type: 'text' })
  authorRole: Role;
  @Field() @Column({ type: 'text' }) body: string;
  @Column(() => DataProtection, { prefix: false }) dataProtection: DataProtection;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar, { description: 'When it was written' }) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;

  @Column(ON_BEHALF_COLUMNS.answeredBy) onBehalfAnsweredBy: string | null;
  @Column(ON_BEHALF_COLUMNS.channel) onBehalfChannel: AnswerChannel | null;
  @Column(ON_BEHALF_COLUMNS.answeredAt) onBehalfAnsweredAt: Date | null;

  @Field(() => RecordedOnBehalf, {
    nullable: true,
    description: 'Set when the message is the partner’s, recorded by a library user (authorId) on its behalf; null when the author wrote it themselves',
  })
  get recordedOnBehalf(): RecordedOnBehalf | null {
    return recordedOnBehalf(this, this.authorId);
  }
}
