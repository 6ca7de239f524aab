import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { IsNonBlankText } from '../../../../common/src/index.js';

@InputType()
export class AddReferralUpdateInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  referralId: string;

  @Field({ description: 'The message, 1 to 10,000 characters' })
  @IsNonBlankText(10000)
  body: string;
}
