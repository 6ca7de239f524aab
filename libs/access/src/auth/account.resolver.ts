import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AccountLinksService } from '../users/account-links.service.js';
import { RequestPasswordResetInput, SetPasswordInput } from '../users/dto/account.input.js';
import { Public } from './current-actor.decorator.js';
import type { RequestContext } from './request-context.js';

/** What a person does with the links emailed to them, before they can sign in. */
@Resolver()
export class AccountResolver {
  constructor(private readonly links: AccountLinksService) {}

  @Public()
  @Mutation(() => Boolean, { description: 'Choose your password with the token of your invitation email (once, before it expires); then sign in' })
  async acceptInvitation(@Args('input') { token, password }: SetPasswordInput, @Context() ctx: RequestContext): Promise<boolean> {
    await this.links.redeem(token, 'INVITATION', password, ctx);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Emails a password reset link to this address if it is an account’s; always answers true, so it tells nobody who has an account',
  })
  async requestPasswordReset(@Args('input') { email }: RequestPasswordResetInput): Promise<boolean> {
    await this.links.requestReset(email);
    return true;
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Choose a new password with the token of a password reset email (once, before it expires)' })
  async resetPassword(@Args('input') { token, password }: SetPasswordInput, @Context() ctx: RequestContext): Promise<boolean> {
    await this.links.redeem(token, 'PASSWORD_RESET', password, ctx);
    return true;
  }
}
