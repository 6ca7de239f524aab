import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { DateTimeScalar, IsNonBlankText, IsPastDateTime } from '../../../../common/src/index.js';
import { ANSWERED_BY_MAX, AnswerChannel } from '../recorded-on-behalf.js';

@InputType({ description: 'A partner’s answer given outside the app, which you record on its behalf' })
export class RecordedOnBehalfInput {
  @Field(() => ID, {
    description: 'The partner organisation that answered: it must be the one the referral was sent to (so an answer is never filed under the wrong referral)',
  })
  @IsUUID('all', { message: '$property must be a UUID' })
  partnerOrganisationId: string;

  @Field({ description: `Who answered at the partner: a name or a role ("duty officer"), 1 to ${ANSWERED_BY_MAX} characters` })
  @IsNonBlankText(ANSWERED_BY_MAX)
  answeredBy: string;

  @Field(() => AnswerChannel)
  @IsEnum(AnswerChannel)
  channel: AnswerChannel;

  @Field(() => DateTimeScalar, {
    description:
      'When the partner answered: not in the future, not before the referral was sent, and for a move not before the referral reached its current status',
  })
  @IsPastDateTime()
  answeredAt: Date;
}
