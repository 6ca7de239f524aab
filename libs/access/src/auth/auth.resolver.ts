import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../ability/actor.js';
import { User } from '../users/user.entity.js';
import { AuthService } from './auth.service.js';
import {
  ConfirmTwoFactorEnrolmentInput,
  LoginArgs,
  LoginResult,
  RefreshSessionInput,
  Session,
  SignOutInput,
  StartTwoFactorEnrolmentInput,
  TwoFactorConfirmation,
  TwoFactorEnrolment,
} from './auth.dto.js';
import { ChangePasswordInput } from '../users/dto/account.input.js';
import { TwoFactorEnrolmentService } from './two-factor-enrolment.service.js';
import { CurrentActor, Public } from './current-actor.decorator.js';
import type { RequestContext } from './request-context.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly enrolment: TwoFactorEnrolmentService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Public()
  @Mutation(() => LoginResult, {
    description:
      'Sign in; wrong password and unknown email give the same UNAUTHENTICATED error. Repeated failures make the client wait (retryAfterSeconds), doubling each time',
  })
  login(@Args() args: LoginArgs, @Context() ctx: RequestContext): Promise<LoginResult> {
    return this.auth.login(
      args.email,
      args.password,
      ctx.signIn,
      { requestId: ctx.requestId, clientRequestId: ctx.clientRequestId },
      args.knownDeviceToken,
      args.twoFactorCode,
    );
  }

  @Mutation(() => Boolean, {
    description:
      'Your new password, given your current one (wrong: BAD_USER_INPUT, counted like a failed sign-in). Ends every session of yours, this one too: sign in again with the new password',
  })
  async changePassword(
    @Args('input') { currentPassword, newPassword }: ChangePasswordInput,
    @CurrentActor() actor: Actor,
    @Context() ctx: RequestContext,
  ): Promise<boolean> {
    await this.auth.changePassword(actor.principal.id, currentPassword, newPassword, ctx.signIn, {
      requestId: ctx.requestId,
      clientRequestId: ctx.clientRequestId,
    });
    return true;
  }

  @Public()
  @Mutation(() => Session, { description: 'A new access token, and a new refresh token in place of this one (which then works no more)' })
  refreshSession(@Args('input') { refreshToken }: RefreshSessionInput, @Context() ctx: RequestContext): Promise<Session> {
    return this.auth.refresh(refreshToken, { requestId: ctx.requestId, clientRequestId: ctx.clientRequestId });
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Ends the session of this refresh token; always true' })
  async signOut(@Args('input') { refreshToken }: SignOutInput): Promise<boolean> {
    await this.auth.sessions.end(this.db.manager, refreshToken);
    return true;
  }

  @Public()
  @Mutation(() => TwoFactorEnrolment, {
    description: 'Begins setting up an authenticator app (TOTP): signed in, or with the enrolmentToken of a sign-in that needs it',
  })
  startTwoFactorEnrolment(@Args('input') input: StartTwoFactorEnrolmentInput, @Context() ctx: RequestContext): Promise<TwoFactorEnrolment> {
    return this.enrolment.start(input.enrolmentToken, ctx);
  }

  @Public()
  @Mutation(() => TwoFactorConfirmation, { description: 'Finishes it with a code from the app: gives ten recovery codes, and the session when signing in' })
  confirmTwoFactorEnrolment(@Args('input') input: ConfirmTwoFactorEnrolmentInput, @Context() ctx: RequestContext): Promise<TwoFactorConfirmation> {
    return this.enrolment.confirm(input.enrolmentToken, input.code, ctx);
  }

  @Query(() => User, { description: 'The signed-in user' })
  async me(@CurrentActor() actor: Actor): Promise<User> {
    return (await this.auth.loadUser(this.db.manager, actor.principal.id))!;
  }
}
