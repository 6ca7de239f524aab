import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DateTimeScalar, DateScalar } from '../../../common/src/index.js';

@ObjectType({ description: 'Something to do after a contact, with an owner and a due date' })
@Entity('follow_up_action')
export class FollowUpAction {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'contact_log_id', type: 'uuid' }) contactLogId: string;
  @Field() @Column({ type: 'text' }) description: string;
  @Field(() => ID, { description: 'The user who should do it' }) @Column({ name: 'owner_id', type: 'uuid' }) ownerId: string;
  @Field(() => DateScalar, { description: 'Due date, YYYY-MM-DD' }) @Column({ name: 'due_on', type: 'date' }) dueOn: string;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'completed_by_id', type: 'uuid', nullable: true }) completedById: string | null;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
