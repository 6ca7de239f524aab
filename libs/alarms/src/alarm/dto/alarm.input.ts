import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import { AnyIdFilter, FilterArg, IsNonBlankText, PageArgs, VersionedIdInput } from '../../../../common/src/index.js';

/** At most this long: a codeword is a word or two ("Code Blue"), a place a short phrase. */
export const CODEWORD_MAX = 40;
export const LOCATION_MAX = 200;

@InputType({ description: 'Raises an alarm at a branch: only the branch is required, so it can go out in one tap' })
export class RaiseAlarmInput {
  @Field(() => ID, { description: 'A branch you work at (managers and outreach workers: any branch of your service)' })
  @IsUUID('all', { message: 'branchId must be a UUID' })
  branchId: string;

  @Field(() => String, { nullable: true, description: `The service's codeword, at most ${CODEWORD_MAX} characters` })
  @IsOptional()
  @IsNonBlankText(CODEWORD_MAX)
  codeword?: string | null;

  @Field(() => String, { nullable: true, description: `Where in the building, at most ${LOCATION_MAX} characters` })
  @IsOptional()
  @IsNonBlankText(LOCATION_MAX)
  locationInBuilding?: string | null;
}

@InputType({ description: 'Stands an alarm down; the answer carries a draft incident to record' })
export class StandDownAlarmInput extends VersionedIdInput {
  @Field({ nullable: true, description: 'Nothing happened that needs recording (default false): the draft incident is then null' })
  @IsOptional()
  @IsBoolean()
  falseAlarm?: boolean;
}

@InputType()
export class AlarmFilterInput {
  @AnyIdFilter(100)
  branchIds?: string[];

  @Field({ nullable: true, description: 'true: not yet stood down; false: stood down' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

@ArgsType()
export class AlarmsArgs extends PageArgs {
  @FilterArg(() => AlarmFilterInput)
  filter?: AlarmFilterInput;
}

@ArgsType()
export class AlarmUpdatesArgs {
  @Field(() => [ID], { description: 'The branches to watch (1 to 100); alarms you may not read are never sent' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of $property must be a UUID' })
  branchIds: string[];
}
