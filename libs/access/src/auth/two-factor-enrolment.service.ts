import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadInputError, ConflictError, UnauthenticatedError } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import type { TwoFactorConfirmation, TwoFactorEnrolment } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import type { RequestContext } from './request-context.js';

/**
 * Setting up two-factor sign-in: by a signed-in user, or, for a role that must have it
 * (TWO_FACTOR_ROLES), during sign-in with the enrolment token the password earned. Confirming
 * with a code from the app turns it on, gives ten recovery codes, and (when signing in) the
 * session. Both steps and every wrong code are audited.
 */
@Injectable()
export class TwoFactorEnrolmentService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async start(enrolmentToken: string | undefined, ctx: RequestContext): Promise<TwoFactorEnrolment> {
    const userId = await this.enrolling(enrolmentToken, ctx);
    return this.db.transaction(async (m) => {
      const [user] = await m.query('SELECT id, email, role, library_service_id, totp_enabled_at FROM app_user WHERE id = $1 AND is_active FOR UPDATE', [
        userId,
      ]);
      if (!user) throw new UnauthenticatedError('Sign in again');
      if (user.totp_enabled_at) throw new ConflictError('Two-factor sign-in is already set up for this account (an administrator can reset it)');
      const started = await this.auth.twoFactor.start(m, user);
      await this.audit.record(m, this.actorOf(user, ctx), { action: AuditAction.UPDATE, entityType: 'User', entityIds: [user.id] });
      return started;
    });
  }

  async confirm(enrolmentToken: string | undefined, code: string, ctx: RequestContext): Promise<TwoFactorConfirmation> {
    const fromSignIn = Boolean(enrolmentToken);
    const userId = await this.enrolling(enrolmentToken, ctx);
    const codes = await this.db.transaction(async (m) => {
      const [user] = await m.query('SELECT id, role, library_service_id AS "libraryServiceId", totp_enabled_at FROM app_user WHERE id = $1 AND is_active', [
        userId,
      ]);
      if (!user) throw new UnauthenticatedError('Sign in again');
      if (user.totp_enabled_at) throw new ConflictError('Two-factor sign-in is already set up for this account');
      const confirmed = await this.auth.twoFactor.confirm(m, user, code);
      const actor = {
        userId: user.id,
        role: user.role,
        libraryServiceId: user.libraryServiceId,
        requestId: ctx.requestId,
        clientRequestId: ctx.clientRequestId,
      };
      await this.audit.record(m, actor, { action: confirmed ? AuditAction.UPDATE : AuditAction.LOGIN_FAILED, entityType: 'User', entityIds: [user.id] });
      return confirmed;
    });
    if (!codes) throw new BadInputError('The code is not right: check the app shows Safer Libraries, and enter the code it shows now');
    const session = fromSignIn ? await this.auth.signedIn(userId, ctx.signIn, null, ctx) : null;
    return { recoveryCodes: codes, session };
  }

  private async enrolling(enrolmentToken: string | undefined, ctx: RequestContext): Promise<string> {
    if (enrolmentToken) return this.auth.enrollingUser(enrolmentToken);
    if (ctx.actor) return ctx.actor.principal.id;
    throw new UnauthenticatedError('Sign in first, or give the enrolmentToken of your sign-in');
  }

  private actorOf(user: { id: string; role: string; library_service_id: string }, ctx: RequestContext) {
    return { userId: user.id, role: user.role, libraryServiceId: user.library_service_id, requestId: ctx.requestId, clientRequestId: ctx.clientRequestId };
  }
}
