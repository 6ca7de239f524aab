import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../../common/src/index.js';

export enum TimelineEntryKind {
  NOTE = 'NOTE',
  INCIDENT = 'INCIDENT',
  BAN = 'BAN',
  REFERRAL = 'REFERRAL',
}
registerEnumType(TimelineEntryKind, { name: 'TimelineEntryKind', description: 'What a timeline entry is' });

@ObjectType({ description: 'One event on a case timeline: a case note, an incident involving the subject, a ban or a referral of the subject' })
export class TimelineEntry {
  @Field(() => DateTimeScalar, { description: 'Note: written at; incident: occurred at; ban and referral: created at' }) at: Date;
  @Field(() => TimelineEntryKind) kind: TimelineEntryKind;
  @Field(() => ID, { description: 'Id of the note, incident, ban or referral' }) id: string;
  @Field() summary: string;
}
