import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { DataCategory } from '../agreement/agreement.enums.js';
import { DateTimeScalar } from '../../../common/src/index.js';

/**
 * A case shared with one partner organisation (or another library service) under one agreement
 * that names it, for some data categories, from `startsAt` until `until`. Whether it works now
 * (`isLive`) is computed in SQL at read time (the live_case_share view).
 */
@ObjectType({ description: 'A decision to share a case with a partner organisation or another library service' })
@Entity('case_share')
export class CaseShare {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => ID, { description: "The sharing library service (the case's)" }) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID) @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Field(() => ID) @Column({ name: 'agreement_id', type: 'uuid' }) agreementId: string;
  @Field(() => ID, { nullable: true }) @Column({ name: 'partner_organisation_id', type: 'uuid', nullable: true }) partnerOrganisationId: string | null;
  @Field(() => ID, { nullable: true, description: 'The receiving library service, for cross-service sharing' })
  @Column({ name: 'recipient_library_service_id', type: 'uuid', nullable: true })
  recipientLibraryServiceId: string | null;
  @Field(() => [DataCategory]) @Column({ type: 'text', array: true }) categories: DataCategory[];
  @Field() @Column({ type: 'text' }) reason: string;
  @Field(() => ID) @Column({ name: 'shared_by_id', type: 'uuid' }) sharedById: string;
  @Field(() => DateTimeScalar) @Column({ name: 'starts_at', type: 'timestamptz' }) startsAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ type: 'timestamptz', nullable: true }) until: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Field(() => ID, { nullable: true }) @Column({ name: 'revoked_by_id', type: 'uuid', nullable: true }) revokedById: string | null;
  @Field(() => String, { nullable: true }) @Column({ name: 'revocation_reason', type: 'text', nullable: true }) revocationReason: string | null;
  @Field(() => Int) @VersionColumn() version: number;
  @Field(() => DateTimeScalar) @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Field(() => DateTimeScalar) @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
