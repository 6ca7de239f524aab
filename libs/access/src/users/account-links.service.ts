import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig, BadInputError, ServiceUnavailableError } from '../../../common/src/index.js';
import { AuditAction, AuditService, type AuditActor } from '../../../governance/src/index.js';
import { Mailer, MESSAGES } from '../../../mail/src/index.js';
import { hashPassword } from '../auth/passwords.js';
import { endSessionsOf } from '../auth/sessions.js';

/** What a one-time link is for: an invited user's first password, or a forgotten one. */
export type LinkPurpose = 'INVITATION' | 'PASSWORD_RESET';

/** The account a link is sent to. */
export interface LinkRecipient {
  id: string;
  email: string;
  displayName: string;
  libraryServiceId: string;
}

/** One reset email per account per minute at most, however often it is asked for (a mail bomb is not a sign-in guess). */
const RESET_COOLDOWN_SECONDS = 60;
const INVALID_LINK = 'This link does not work: it has expired, has been used, or a newer one has been sent. Ask for a new one.';

const sha256 = (token: string) => createHash('sha256').update(token).digest();

/**
 * One-time links by email: invitations (INVITATION_TTL_HOURS) and password resets
 * (PASSWORD_RESET_TTL_MINUTES). The token is 256 random bits, sent once and stored only as its
 * SHA-256; it travels in the link's fragment, which browsers never send to a server. The email goes
 * out inside the transaction that saves the link: if the relay refuses it, nothing is saved.
 */
@Injectable()
export class AccountLinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Makes a link (replacing the account's earlier unused ones of that purpose) and emails it, inside the caller's transaction. */
  async send(m: EntityManager, to: LinkRecipient, purpose: LinkPurpose, createdById: string | null): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const invitation = purpose === 'INVITATION';
    const ttlSeconds = invitation ? this.config.INVITATION_TTL_HOURS * 3600 : this.config.PASSWORD_RESET_TTL_MINUTES * 60;
    await m.query('DELETE FROM account_link WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL', [to.id, purpose]);
    await m.query(
      `INSERT INTO account_link (library_service_id, user_id, purpose, token_hash, expires_at, created_by_id)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), $6)`,
      [to.libraryServiceId, to.id, purpose, sha256(token), ttlSeconds, createdById],
    );
    const link = `${this.config.publicUrl}/account/set-password#${invitation ? 'invitation' : 'reset'}=${token}`;
    const message = invitation
      ? MESSAGES.invitation(to, link, this.config.INVITATION_TTL_HOURS)
      : MESSAGES.passwordReset(to, link, this.config.PASSWORD_RESET_TTL_MINUTES);
    try {
      await this.mailer.send(message);
    } catch {
      throw new ServiceUnavailableError('The email could not be sent (the mail relay did not accept it); nothing was saved. Try again later.');
    }
  }

  /**
   * Sets the password of the account a valid link was sent to, and uses the link up (with every
   * other unused link of the account). Audited as the user's own change.
   */
  async redeem(token: string, purpose: LinkPurpose, password: string, request: Pick<AuditActor, 'requestId' | 'clientRequestId'>): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.db.transaction(async (m) => {
      const [link] = await m.query(
        `SELECT l.id, u.id AS user_id, u.role, u.library_service_id FROM account_link l JOIN app_user u ON u.id = l.user_id
         WHERE l.token_hash = $1 AND l.purpose = $2 AND l.used_at IS NULL AND l.expires_at > now() AND u.is_active
         FOR UPDATE OF l`,
        [sha256(token), purpose],
      );
      if (!link) throw new BadInputError(INVALID_LINK);
      await m.query('UPDATE account_link SET used_at = now() WHERE user_id = $1 AND used_at IS NULL', [link.user_id]);
      await m.query('UPDATE app_user SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1', [link.user_id, passwordHash]);
      // A new password ends every session the old one opened.
      await endSessionsOf(m, link.user_id);
      const actor = { userId: link.user_id, role: link.role, libraryServiceId: link.library_service_id, ...request };
      await this.audit.record(m, actor, { action: AuditAction.UPDATE, entityType: 'User', entityIds: [link.user_id] });
    });
  }

  /**
   * Emails a reset link to the account with this email, if there is an active one that has
   * signed up; says nothing either way (the answer must not tell who has an account). Not audited:
   * asking changes nothing; the reset itself is audited.
   */
  async requestReset(email: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [user] = await m.query(
        `SELECT u.id, u.email, u.display_name AS "displayName", u.library_service_id AS "libraryServiceId" FROM app_user u
         WHERE lower(u.email) = lower($1) AND u.is_active AND u.password_hash IS NOT NULL FOR UPDATE`,
        [email],
      );
      if (!user) return;
      const [recent] = await m.query(
        `SELECT 1 FROM account_link WHERE user_id = $1 AND purpose = 'PASSWORD_RESET' AND created_at > now() - make_interval(secs => $2)`,
        [user.id, RESET_COOLDOWN_SECONDS],
      );
      if (recent) return;
      await this.send(m, user, 'PASSWORD_RESET', null);
    });
  }
}
