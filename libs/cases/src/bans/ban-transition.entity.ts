import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BanStatus } from './ban.enums.js';
import { DateTimeScalar } from '../../../common/src/index.js';

/** One step of a ban's history: who moved it, from what to what, when and why. Never changed. */
@ObjectType()
@Entity('ban_transition')
export class BanTransition {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'ban_id', type: 'uuid' }) banId: string;
  @Field(() => BanStatus, { nullable: true, description: 'Null for the proposal itself' })
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: BanStatus | null;
  @Field(() => BanStatus) @Column({ name: 'to_status', type: 'text' }) toStatus: BanStatus;
  @Field(() => ID) @Column({ name: 'by_id', type: 'uuid' }) byId: string;
  @Field(() => DateTimeScalar) @Column({ type: 'timestamptz', insert: false }) at: Date;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) note: string | null;
}
