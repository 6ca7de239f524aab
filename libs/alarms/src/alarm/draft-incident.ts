import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../../common/src/index.js';
import { Alarm } from './alarm.entity.js';

/**
 * What a stood-down alarm already says of the incident to record: the client fills in the rest
 * (category, description) and passes it to recordIncident. Nothing is recorded by itself: an
 * alarm is not always an incident, and an incident needs a person to say what happened.
 */
@ObjectType({ description: 'The start of an incident record from a stood-down alarm: pass it, completed, to recordIncident' })
export class DraftIncident {
  @Field(() => ID) branchId: string;
  @Field(() => DateTimeScalar, { description: 'When the alarm was raised' }) occurredAt: Date;
  @Field(() => DateTimeScalar, { description: 'When it was stood down (recordIncident takes no end: put it in the description if it matters)' })
  endedAt: Date;
  @Field(() => String, { nullable: true }) locationInBuilding: string | null;
}

export function draftIncidentOf(alarm: Alarm): DraftIncident | null {
  if (alarm.falseAlarm || !alarm.stoodDownAt) return null;
  return { branchId: alarm.branchId, occurredAt: alarm.raisedAt, endedAt: alarm.stoodDownAt, locationInBuilding: alarm.locationInBuilding };
}

@ObjectType({ description: 'A stood-down alarm, and the incident it suggests recording' })
export class StandDownAlarmPayload {
  @Field(() => Alarm) alarm: Alarm;
  @Field(() => DraftIncident, { nullable: true, description: 'Null for a false alarm' }) draftIncident: DraftIncident | null;
}
