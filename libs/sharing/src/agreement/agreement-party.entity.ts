import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeScalar } from '../../../common/src/index.js';

/** A party to an agreement besides its owning service: a partner organisation, or another library service. */
@ObjectType('AgreementParty', { description: 'A party to a data sharing agreement besides the owning library service' })
@Entity('data_sharing_agreement_party')
export class AgreementParty {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Field(() => ID, { nullable: true }) @Column({ name: 'partner_organisation_id', type: 'uuid', nullable: true }) partnerOrganisationId: string | null;
  @Field(() => ID, { nullable: true, description: 'Another library service (cross-service sharing)' })
  @Column({ name: 'party_library_service_id', type: 'uuid', nullable: true })
  partyLibraryServiceId: string | null;
  @Field({ description: 'The organisation or library service name' }) name: string;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
