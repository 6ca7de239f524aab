import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../../common/src/index.js';

/** How a partner with no login gave the answer a library user recorded on its behalf. */
export enum AnswerChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  MEETING = 'MEETING',
  LETTER = 'LETTER',
  OTHER = 'OTHER',
}
registerEnumType(AnswerChannel, { name: 'AnswerChannel', description: 'How the partner answered the library, which recorded the answer on its behalf' });

/** The longest `answeredBy`: a name or a role ("duty officer"), not an account of what was said. */
export const ANSWERED_BY_MAX = 200;

/**
 * The columns a record answered on a partner's behalf carries (referral_transition, referral_update,
 * case_update: migration RecordedOnBehalf). All three null: the record is what its author did
 * themselves. Who recorded it is the record's own actor or author.
 */
export interface OnBehalfColumns {
  onBehalfAnsweredBy: string | null;
  onBehalfChannel: AnswerChannel | null;
  onBehalfAnsweredAt: Date | null;
}

@ObjectType({
  description:
    'An answer the partner gave the library outside the app (by phone, email, at a meeting, by letter), which a library user recorded on its behalf. It counts as the partner organisation’s own answer',
})
export class RecordedOnBehalf {
  @Field({ description: 'Who answered at the partner: a name or a role ("duty officer")' }) answeredBy: string;
  @Field(() => AnswerChannel) channel: AnswerChannel;
  @Field(() => DateTimeScalar, { description: 'When the partner answered (the step’s own time: acceptedAt, declinedAt… are this)' }) answeredAt: Date;
  @Field(() => ID, { description: 'The library user who recorded it' }) recordedById: string;
}

/** The GraphQL view of the columns: null for a record its author made as themselves. */
export function recordedOnBehalf(columns: OnBehalfColumns, recordedById: string): RecordedOnBehalf | null {
  if (!columns.onBehalfChannel || !columns.onBehalfAnsweredAt || !columns.onBehalfAnsweredBy) return null;
  return Object.assign(new RecordedOnBehalf(), {
    answeredBy: columns.onBehalfAnsweredBy,
    channel: columns.onBehalfChannel,
    answeredAt: columns.onBehalfAnsweredAt,
    recordedById,
  });
}

/** Column options of the three, for the entities that carry them. */
export const ON_BEHALF_COLUMNS = {
  answeredBy: { name: 'on_behalf_answered_by', type: 'text', nullable: true },
  channel: { name: 'on_behalf_channel', type: 'text', nullable: true },
  answeredAt: { name: 'on_behalf_answered_at', type: 'timestamptz', nullable: true },
} as const;
