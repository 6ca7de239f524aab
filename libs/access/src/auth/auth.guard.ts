import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { UnauthenticatedError } from '../../../common/src/index.js';
import { IS_PUBLIC } from './current-actor.decorator.js';

/** Global guard: every GraphQL operation needs a signed-in user unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const gql = GqlExecutionContext.create(context).getContext();
    if (gql.actor) return true;
    throw new UnauthenticatedError(gql.authError ?? 'Sign in first: send `Authorization: Bearer <accessToken>` from the login mutation');
  }
}
