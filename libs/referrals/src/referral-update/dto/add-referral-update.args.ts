import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../../../common/src/index.js';

@InputType()
export class AddReferralUpdateInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  referralId: string;

  @Field({ description: 'The message, 1 to 10,000 characters' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  body: string;
}
