import { ArgsType, Field, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
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
}

@ObjectType()
export class LoginResult {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken: string;
  @Field(() => DateTimeScalar) expiresAt: Date;
  @Field(() => User) user: User;
  @Field({
    description:
      'Keep it and pass it to `login` next time (browsers also get it as an HttpOnly cookie): failed sign-ins by others against your email then do not hold this client back',
  })
  knownDeviceToken: string;
}
