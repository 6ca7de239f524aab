import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { LawfulBasis, NoPersonalData } from '../../../governance/src/index.js';
import { AgreementStatus, DataCategory } from './agreement.enums.js';
import { DateTimeScalar, DateScalar } from '../../../common/src/index.js';

const date = (name: string) => ({ name, type: 'date' as const, nullable: true });

/**
 * A data sharing agreement (information sharing agreement) between the library service and one
 * or more partner organisations or other library services. No personal data goes to a party
 * without an ACTIVE agreement in force that covers its category. `status` is the stored status;
 * GraphQL shows the effective one (EXPIRED once the end date has passed).
 */
@NoPersonalData('An agreement records the lawful basis of the data it lets through, not data about a person (signatories sign in their official capacity)')
@ObjectType({ description: 'A data sharing agreement: who may receive which categories of data, why, and on what lawful basis' })
@Entity('data_sharing_agreement')
export class DataSharingAgreement {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID, { description: 'The library service that owns the agreement and shares under it' })
  @Column({ name: 'library_service_id', type: 'uuid' })
  libraryServiceId: string;
  @Field() @Column({ type: 'text' }) title: string;
  @Field({ description: 'Why data is shared, e.g. "reducing antisocial behaviour in the town centre libraries"' }) @Column({ type: 'text' }) purpose: string;
  @Field(() => LawfulBasis, { description: 'UK GDPR Article 6(1) basis for sharing' }) @Column({ name: 'lawful_basis', type: 'text' }) lawfulBasis: LawfulBasis;
  @Field(() => String, { nullable: true }) @Column({ name: 'lawful_basis_details', type: 'text', nullable: true }) lawfulBasisDetails: string | null;
  @Field({ description: 'Shares under the power of section 115 of the Crime and Disorder Act 1998' })
  @Column({ name: 'uses_section_115', type: 'boolean', default: false })
  usesSection115: boolean;
  @Field({ description: 'The police party processes under Part 3 of the Data Protection Act 2018 (law enforcement)' })
  @Column({ name: 'dpa_part_3', type: 'boolean', default: false })
  dpaPart3: boolean;
  @Field(() => String, { nullable: true, description: 'Article 9(2) / Schedule 1 condition; required to allow SPECIAL_CATEGORY' })
  @Column({ name: 'special_category_condition', type: 'text', nullable: true })
  specialCategoryCondition: string | null;
  @Field(() => String, { nullable: true, description: 'Article 10 / Schedule 1 Part 3 condition; required to allow CRIMINAL_OFFENCE unless dpaPart3' })
  @Column({ name: 'criminal_offence_condition', type: 'text', nullable: true })
  criminalOffenceCondition: string | null;
  @Field(() => [DataCategory], { description: 'The categories of data that may be shared under it' })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  categories: DataCategory[];
  @Field(() => [ID], {
    description: 'Branches whose live alarms the partner organisations that are parties receive while the agreement is ACTIVE and in force (empty: none)',
  })
  @Column({ name: 'alert_branch_ids', type: 'uuid', array: true, default: () => `'{}'` })
  alertBranchIds: string[];
  @Field(() => String, { nullable: true, description: 'How long parties keep shared data, and what happens then' })
  @Column({ name: 'retention_agreed', type: 'text', nullable: true })
  retentionAgreed: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: 'security_measures', type: 'text', nullable: true }) securityMeasures: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD' }) @Column(date('starts_on')) startsOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD; the agreement reads as EXPIRED after it' }) @Column(date('ends_on')) endsOn:
    string | null;
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD' }) @Column(date('review_on')) reviewOn: string | null;
  @Field(() => AgreementStatus, { description: 'Effective status: EXPIRED once endsOn has passed' })
  @Column({ type: 'text', default: AgreementStatus.DRAFT })
  status: AgreementStatus;
  @Field(() => String, { nullable: true, description: 'Why it was last suspended or terminated' })
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;
  @Field(() => ID) @Column({ name: 'created_by_id', type: 'uuid' }) createdById: string;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'activated_at', type: 'timestamptz', nullable: true }) activatedAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'activated_by_id', type: 'uuid', nullable: true }) activatedById: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'suspended_at', type: 'timestamptz', nullable: true }) suspendedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true }) terminatedAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'terminated_by_id', type: 'uuid', nullable: true }) terminatedById: string | null;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
