import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/src/index.js';
import { NotificationDelivery, NotificationKind } from './notification-kind.enum.js';

/** A user's delivery choice for one kind; a kind with no row is IMMEDIATE. */
@ObjectType({ description: 'How you hear of one kind of notification' })
@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @Field(() => NotificationKind) @PrimaryColumn({ type: 'text' }) kind: NotificationKind;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => NotificationDelivery) @Column({ type: 'text' }) delivery: NotificationDelivery;
  @Field(() => Int, { description: '0 while you have not chosen (the default applies)' }) @VersionColumn() version: number;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When you chose; null while the default applies' })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date | null;
}
