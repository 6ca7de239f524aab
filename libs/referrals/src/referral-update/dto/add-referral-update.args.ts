import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../../../common/src/index.js';

@ArgsType()
export class AddReferralUpdateArgs {
  @Field(() => ID) @IsUUID('all', { message: '$property must be a UUID' })
  referralId: string;

  @Field({ description: 'The message, 1 to 10,000 characters' }) @Trim() @IsString() @MinLength(1) @MaxLength(10000)
  body: string;
}
