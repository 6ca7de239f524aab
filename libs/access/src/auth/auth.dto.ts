import { ArgsType, Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { User } from '../users/user.entity.js';

@ArgsType()
export class LoginArgs {
  @Field() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254)
  email: string;

  @Field() @IsString() @MinLength(1) @MaxLength(200)
  password: string;
}

@ObjectType()
export class LoginResult {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken: string;
  @Field(() => GraphQLISODateTime) expiresAt: Date;
  @Field(() => User) user: User;
}
