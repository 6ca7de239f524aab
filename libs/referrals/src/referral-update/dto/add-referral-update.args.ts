import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsUUID, ValidateNested } from 'class-validator';
import { IsNonBlankText } from '../../../../common/src/index.js';
import { RecordedOnBehalfInput } from '../../on-behalf/dto/recorded-on-behalf.input.js';

@InputType()
export class AddReferralUpdateInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  referralId: string;

  @Field({ description: 'The message, 1 to 10,000 characters' })
  @IsNonBlankText(10000)
  body: string;
}

@InputType({ description: 'A message the receiving partner gave outside the app, recorded on its behalf' })
export class AddReferralUpdateOnBehalfInput extends AddReferralUpdateInput {
  @Field(() => RecordedOnBehalfInput, { description: 'Who answered at the partner, how and when' })
  @ValidateNested()
  @Type(() => RecordedOnBehalfInput)
  onBehalf: RecordedOnBehalfInput;
}
