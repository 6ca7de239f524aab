import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { DateTimeScalar } from '../../../common/src/index.js';

/** An Article 18 restriction: while active, the subject's records are for the DPO's eyes only and are not shared. */
@ObjectType({ description: "A restriction of processing of a person's records" })
@Entity('subject_restriction')
export class SubjectRestriction {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Field(() => ID, { nullable: true }) @Column({ name: 'rights_request_id', type: 'uuid', nullable: true }) rightsRequestId: string | null;
  @Field() @Column({ type: 'text' }) reason: string;
  @Field(() => ID) @Column({ name: 'restricted_by_id', type: 'uuid' }) restrictedById: string;
  @Field(() => DateTimeScalar) @Column({ name: 'restricted_at', type: 'timestamptz', insert: false }) restrictedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true }) liftedAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'lifted_by_id', type: 'uuid', nullable: true }) liftedById: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: 'lift_reason', type: 'text', nullable: true }) liftReason: string | null;
  @Field(() => Int) @VersionColumn() version: number;
}
