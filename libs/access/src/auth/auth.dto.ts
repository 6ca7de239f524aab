import { ArgsType, Field, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { User } from '../users/user.entity.js';
import { DateTimeScalar } from '../../../common/src/index.js';

@ArgsType()
export class LoginArgs {
  @Field()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @Field({ nullable: true, description: 'The `knownDeviceToken` of your last sign-in on this client (browsers send it as a cookie instead)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  knownDeviceToken?: string;

  @Field({
    nullable: true,
    description: 'The 6-digit code of your authenticator app, or one of your recovery codes, when your account signs in with a second factor',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  twoFactorCode?: string;
}

@ObjectType({ description: 'A signed-in session: a short-lived access token, and a refresh token for the next one' })
export class Session {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`; works until expiresAt (JWT_TTL_SECONDS)' }) accessToken: string;
  @Field(() => DateTimeScalar) expiresAt: Date;
  @Field({ description: 'Give it to refreshSession for a new access token before expiresAt; it works once (a copy used again ends the session)' })
  refreshToken: string;
  @Field(() => DateTimeScalar) refreshTokenExpiresAt: Date;
  @Field(() => User) user: User;
}

@ObjectType()
export class LoginResult extends Session {
  @Field({
    description:
      'Keep it and pass it to `login` next time (browsers also get it as an HttpOnly cookie): failed sign-ins by others against your email then do not hold this client back',
  })
  knownDeviceToken: string;
}

const TOKEN = () => Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'refreshToken is not a refresh token of this service' });

@InputType()
export class RefreshSessionInput {
  @Field()
  @IsString()
  @TOKEN()
  refreshToken: string;
}

@InputType({ description: 'Ends the session the refresh token belongs to (its access token runs out at its expiry)' })
export class SignOutInput extends RefreshSessionInput {}

@InputType({ description: 'Signed in: leave enrolmentToken out. Signing in to an account that needs a second factor: the enrolmentToken of the login error' })
export class StartTwoFactorEnrolmentInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  enrolmentToken?: string;
}

@InputType()
export class ConfirmTwoFactorEnrolmentInput extends StartTwoFactorEnrolmentInput {
  @Field({ description: 'The 6-digit code the authenticator app shows now' })
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits the authenticator app shows' })
  code: string;
}

@ObjectType()
export class TwoFactorEnrolment {
  @Field({ description: 'Give it to the authenticator app (as a QR code, or opened on the phone)' }) otpauthUri: string;
  @Field({ description: 'The same secret, to type into the app by hand (base32)' }) secret: string;
}

@ObjectType()
export class TwoFactorConfirmation {
  @Field(() => [String], { description: 'Ten recovery codes, each works once in place of a code; shown only now: keep them somewhere safe' })
  recoveryCodes: string[];
  @Field(() => LoginResult, { nullable: true, description: 'When enrolling while signing in: the session' })
  session: LoginResult | null;
}
