import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '../ability/actor.js';

/** The signed-in user of this request (the guard has already refused anonymous requests). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => GqlExecutionContext.create(ctx).getContext().actor);

export const IS_PUBLIC = 'isPublic';
/** Marks the few operations that work without signing in (login). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
