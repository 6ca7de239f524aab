import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn, VirtualColumn } from 'typeorm';
import { Role } from './role.enum.js';

/**
 * A person who signs in. Staff roles belong to a library service; a PARTNER also belongs to a
 * partner organisation (of that service). Relations to other contexts are kept as ids, so this
 * context does not import theirs. Colleagues see a user's name, role and branches only (the
 * `users` list); the other fields are null for them.
 */
@ObjectType()
@Entity('app_user')
export class User {
  @Field(() => ID) @PrimaryGeneratedColumn('uuid') id: string;
  @Field(() => String, { nullable: true, description: 'null to colleagues' }) @Column({ type: 'text' }) email: string;
  @Field() @Column({ name: 'display_name', type: 'text' }) displayName: string;
  @Field(() => Role) @Column({ type: 'text' }) role: Role;
  @Field(() => ID) @Column({ name: 'library_service_id', type: 'uuid' }) libraryServiceId: string;
  @Field(() => ID, { nullable: true }) @Column({ name: 'partner_organisation_id', type: 'uuid', nullable: true }) partnerOrganisationId: string | null;
  /** Null while an invitation is pending: the user has not chosen a password yet. */
  @Column({ name: 'password_hash', type: 'text', select: false, nullable: true }) passwordHash: string | null;
  @Field(() => Boolean, { nullable: true, description: 'false once deactivated: the user cannot sign in; null to colleagues' })
  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;
  @Field(() => Boolean, { nullable: true, description: 'Invited and not yet signed up (no password chosen); null to colleagues' })
  @VirtualColumn({ type: 'boolean', query: (alias) => `${alias}.password_hash IS NULL` })
  invitationPending: boolean;
  /** A PARTNER's organisation is ACTIVE (null for the library's own staff): a paused or archived partner's users cannot sign in. */
  @VirtualColumn({
    type: 'boolean',
    query: (alias) => `(SELECT po.status = 'ACTIVE' FROM partner_organisation po WHERE po.id = ${alias}.partner_organisation_id)`,
  })
  partnerOrganisationActive: boolean | null;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt: Date | null;
  @Field(() => [ID], { description: 'Branches a STAFF user works at' }) branchIds: string[];
  @Field(() => Boolean, { nullable: true, description: 'Signs in with an authenticator app (TOTP); null to colleagues' })
  @VirtualColumn({ type: 'boolean', query: (alias) => `${alias}.totp_enabled_at IS NOT NULL` })
  twoFactorEnabled: boolean;
  /** The generation of the user's sessions: access tokens of an earlier one no longer work (loaded with the user on every request; never shown). */
  sessionGeneration?: number;
  @Field(() => Int) @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** Whether a user may sign in and use their tokens: active, and (a partner's staff) of an organisation the library works with now. */
export function maySignIn(user: Pick<User, 'isActive' | 'partnerOrganisationActive'>): boolean {
  return user.isActive && user.partnerOrganisationActive !== false;
}
