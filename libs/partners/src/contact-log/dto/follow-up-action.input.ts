import { Field, ID, InputType } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { DateScalar, IsCalendarDate, IsNonBlankText } from '../../../../common/src/index.js';

/** A follow-up action given with a new contact log. */
@InputType()
export class FollowUpActionInput {
  @Field()
  @IsNonBlankText(1000)
  description: string;

  @Field(() => ID, { description: 'An active user of your library service' })
  @IsUUID('all', { message: '$property must be a UUID' })
  ownerId: string;

  @Field(() => DateScalar, { description: 'Due date, YYYY-MM-DD' })
  @IsCalendarDate()
  dueOn: string;
}

/** A follow-up action added to an existing contact log. */
@InputType()
export class AddFollowUpActionInput extends FollowUpActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  contactLogId: string;
}
