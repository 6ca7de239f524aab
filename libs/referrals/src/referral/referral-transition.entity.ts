import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../../access/src/users/role.enum.js';
import { ReferralStatus } from './referral.enums.js';
import { DateTimeScalar } from '../../../common/src/index.js';

/**
 * One step of a referral's history: who moved it, when, from which status to which. Append-only,
 * and free of free text (reasons and outcomes live on the referral), so it holds no personal
 * data beyond the referral's own and is deleted with it.
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
  @Field(() => Role, { description: 'Their role at the time (PARTNER for the receiving organisation)' })
  @Column({ name: 'actor_role', type: 'text' })
  actorRole: Role;
  @Field(() => DateTimeScalar) @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'integer', default: 1 }) version: number;
}
