import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../../common/src/index.js';

/** One field corrected under a rectification request: who, when, why (not the wrong value). */
@ObjectType({ description: 'A correction made under a rectification request' })
@Entity('rectification')
export class Rectification {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'rights_request_id', type: 'uuid' }) rightsRequestId: string;
  @Field() @Column({ name: 'entity_type', type: 'text' }) entityType: string;
  @Field() @Column({ name: 'entity_id', type: 'text' }) entityId: string;
  @Field() @Column({ type: 'text' }) field: string;
  @Field() @Column({ type: 'text' }) reason: string;
  @Field(() => ID) @Column({ name: 'corrected_by_id', type: 'uuid' }) correctedById: string;
  @Field(() => DateTimeScalar) @Column({ name: 'corrected_at', type: 'timestamptz', insert: false }) correctedAt: Date;
}
