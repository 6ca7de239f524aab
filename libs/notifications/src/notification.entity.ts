import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../common/src/index.js';
import { NotificationKind } from './notification-kind.enum.js';

/** One in-app notification for one user: what kind of thing happened to which record, as identifiers only. */
@ObjectType({ description: 'Something that happened that you should look at: a kind and the record it is about, identifiers only' })
@Entity('notification')
export class Notification {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  /** The one user it is for (the reader: never exposed, never anyone else). */
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Field(() => NotificationKind) @Column({ type: 'text' }) kind: NotificationKind;
  @Field({ description: 'The type of the record it is about (Referral, SharedCase, FollowUpAction, Ban, DataSharingAgreement, RightsRequest)' })
  @Column({ name: 'record_type', type: 'text' })
  recordType: string;
  @Field(() => ID, { description: 'The record it is about; open it through its own query (which applies your access as always)' })
  @Column({ name: 'record_id', type: 'uuid' })
  recordId: string;
  @Column({ name: 'event_key', type: 'text' }) eventKey: string;
  @Column({ type: 'boolean', default: false }) digest: boolean;
  @Column({ name: 'digested_at', type: 'timestamptz', nullable: true }) digestedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When you marked it read; null while unread' })
  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
