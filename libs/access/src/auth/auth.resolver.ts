import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../ability/actor.js';
import { User } from '../users/user.entity.js';
import { AuthService } from './auth.service.js';
import { LoginArgs, LoginResult } from './auth.dto.js';
import { CurrentActor, Public } from './current-actor.decorator.js';
import type { RequestContext } from './request-context.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Public()
  @Mutation(() => LoginResult, {
    description:
      'Sign in; wrong password and unknown email give the same UNAUTHENTICATED error. Repeated failures make the client wait (retryAfterSeconds), doubling each time',
  })
  login(@Args() args: LoginArgs, @Context() ctx: RequestContext): Promise<LoginResult> {
    return this.auth.login(args.email, args.password, ctx.signIn, { requestId: ctx.requestId, clientRequestId: ctx.clientRequestId }, args.knownDeviceToken);
  }

  @Query(() => User, { description: 'The signed-in user' })
  async me(@CurrentActor() actor: Actor): Promise<User> {
    return (await this.auth.loadUser(this.db.manager, actor.principal.id))!;
  }
}
