import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateScalar } from '../../../common/src/index.js';

/** Who signed an agreement, for which party, and when. */
@ObjectType('AgreementSignatory')
@Entity('data_sharing_agreement_signatory')
export class AgreementSignatory {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Field() @Column({ type: 'text' }) name: string;
  @Field(() => String, { nullable: true }) @Column({ name: 'job_title', type: 'text', nullable: true }) jobTitle: string | null;
  @Field({ description: 'The party they signed for' }) @Column({ name: 'on_behalf_of', type: 'text' }) onBehalfOf: string;
  @Field(() => DateScalar, { description: 'YYYY-MM-DD' }) @Column({ name: 'signed_on', type: 'date' }) signedOn: string;
}
