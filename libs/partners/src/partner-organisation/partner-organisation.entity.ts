import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { PartnerOrganisationType } from './partner-organisation-type.enum.js';
import { PartnerRelationship } from './partner-relationship.enum.js';
import { PartnerStatus } from './partner-status.enum.js';
import { DateTimeScalar } from '../../../common/src/index.js';

@ObjectType({ description: 'An organisation the library service works with' })
@Entity('partner_organisation')
export class PartnerOrganisation {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field() @Column({ type: 'text' }) name: string;
  @Field(() => PartnerOrganisationType) @Column({ type: 'text' }) type: PartnerOrganisationType;
  @Field(() => [String]) @Column({ name: 'services_offered', type: 'text', array: true, default: () => `'{}'` }) servicesOffered: string[];
  @Field(() => [String]) @Column({ name: 'areas_covered', type: 'text', array: true, default: () => `'{}'` }) areasCovered: string[];
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) website: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) address: string | null;
  @Field(() => PartnerRelationship) @Column({ type: 'text' }) relationship: PartnerRelationship;
  @Field(() => PartnerStatus) @Column({ type: 'text', default: PartnerStatus.ACTIVE }) status: PartnerStatus;
  @Field(() => String, {
    nullable: true,
    description: 'Id of the Open Referral UK organisation it was imported from (importPartnerDirectory); null if entered here',
  })
  @Column({ name: 'source_id', type: 'text', nullable: true })
  sourceId: string | null;

  // Field-restricted (managers, administrators, the DPO): maskFields nulls it for everyone else.
  @Field(() => String, { nullable: true, description: 'Internal notes; null unless you are a manager, administrator or DPO' })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt: Date | null;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
