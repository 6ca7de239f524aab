import { Field, InputType } from '@nestjs/graphql';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress } from '../../../../common/src/index.js';

/** Passwords: long enough to resist guessing (argon2id makes each guess slow), short enough to hash cheaply. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

@InputType({ description: 'A password chosen with the token of an emailed link' })
export class SetPasswordInput {
  @Field({ description: 'The token from the link in the email (after the #)' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token is not a link token of this service' })
  token: string;

  @Field()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `password must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(PASSWORD_MAX, { message: `password must be at most ${PASSWORD_MAX} characters` })
  password: string;
}

@InputType()
export class RequestPasswordResetInput {
  @Field()
  @IsEmailAddress()
  email: string;
}

@InputType({ description: 'Your current password, to prove it is you, and the new one' })
export class ChangePasswordInput {
  @Field()
  @IsString()
  @MinLength(1, { message: 'currentPassword: enter your current password' })
  @MaxLength(PASSWORD_MAX, { message: `currentPassword must be at most ${PASSWORD_MAX} characters` })
  currentPassword: string;

  @Field()
  @IsString()
  @MinLength(PASSWORD_MIN, { message: `newPassword must be at least ${PASSWORD_MIN} characters` })
  @MaxLength(PASSWORD_MAX, { message: `newPassword must be at most ${PASSWORD_MAX} characters` })
  newPassword: string;
}
