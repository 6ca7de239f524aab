import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, Trim, DateScalar } from '../../../../common/src/index.js';

/** A follow-up action given with a new contact log. */
@InputType()
export class FollowUpActionInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  description: string;

  @Field(() => ID, { description: 'An active user of your library service' })
  @IsUUID('all', { message: '$property must be a UUID' })
  ownerId: string;

  @Field(() => DateScalar, { description: 'Due date, YYYY-MM-DD' })
  @IsCalendarDate()
  dueOn: string;
}

@InputType()
export class AddFollowUpActionInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  contactLogId: string;

  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  description: string;

  @Field(() => ID, { description: 'An active user of your library service' })
  @IsUUID('all', { message: '$property must be a UUID' })
  ownerId: string;

  @Field(() => DateScalar, { description: 'Due date, YYYY-MM-DD' })
  @IsCalendarDate()
  dueOn: string;
}
