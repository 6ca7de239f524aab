import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../../access/src/users/role.enum.js';
import { ReferralStatus } from './referral.enums.js';
import { DateTimeScalar } from '../../../common/src/index.js';
import { type AnswerChannel, ON_BEHALF_COLUMNS, RecordedOnBehalf, recordedOnBehalf } from '../on-behalf/recorded-on-behalf.js';

/**
 * One step of a referral's history: who moved it, when, from which status to which. Append-only,
 * and free of free text about the person (reasons and outcomes live on the referral), so it holds
 * no personal data beyond the referral's own and is deleted with it. A partner's move recorded by
 * the library on its behalf also names who answered at the partner (a name or role of their staff),
 * how and when.
 */
@ObjectType({ description: "One step of a referral's history" })
@Entity('referral_transition')
export class ReferralTransition {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'referral_id', type: 'uuid' }) referralId: string;
  @Field(() => ReferralStatus, { nullable: true, description: 'Null for the creation of the draft' })
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: ReferralStatus | null;
  @Field(() => ReferralStatus) @Column({ name: 'to_status', type: 'text' }) toStatus: ReferralStatus;
  @Field(() => ID, { description: 'Who made the move' }) @Column({ name: 'actor_id', type: 'uuid' }) actorId: string;
  @Field(() => Role, {
    description:
      'Their role at the time (PARTNER for the receiving organisation; for a move recorded on its behalf, the library user’s, with recordedOnBehalf)',
  })
  @Column({ name: 'actor_role', type: 'text' })
  actorRole: Role;
  @Field(() => DateTimeScalar, { description: 'When the move was made in the app (for one recorded on behalf: when it was recorded)' })
  @Column({ type: 'timestamptz' })
  at: Date;
  @Column({ type: 'integer', default: 1 }) version: number;

  @Column(ON_BEHALF_COLUMNS.answeredBy) onBehalfAnsweredBy: string | null;
  @Column(ON_BEHALF_COLUMNS.channel) onBehalfChannel: AnswerChannel | null;
  @Column(ON_BEHALF_COLUMNS.answeredAt) onBehalfAnsweredAt: Date | null;

  @Field(() => RecordedOnBehalf, {
    nullable: true,
    description: 'Set when a library user (actorId) recorded the partner’s move on its behalf; null when whoever moved it did so themselves',
  })
  get recordedOnBehalf(): RecordedOnBehalf | null {
    return recordedOnBehalf(this, this.actorId);
  }
}
