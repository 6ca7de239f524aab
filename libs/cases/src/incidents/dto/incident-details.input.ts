import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsUUID, Min, ValidateNested } from 'class-validator';
import { DateScalar, DateTimeScalar, IsCalendarDate, IsNonBlankText, IsPastDateTime, IsText } from '../../../../common/src/index.js';
import { IncidentSubjectPart } from '../incident.enums.js';
import { IncidentEvidenceInput, IncidentPersonInput, WelfareCheckInput } from './incident-parts.input.js';

const UUID = { message: '$property must be a UUID' };

@InputType()
export class AddIncidentSubjectInput extends IncidentPersonInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  incidentId: string;
}

@InputType()
export class RemoveIncidentSubjectInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  incidentId: string;

  @Field(() => ID)
  @IsUUID('all', UUID)
  subjectId: string;

  @Field(() => IncidentSubjectPart)
  @IsEnum(IncidentSubjectPart)
  part: IncidentSubjectPart;
}

@InputType()
export class AddIncidentEvidenceInput extends IncidentEvidenceInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  incidentId: string;
}

@InputType()
export class RemoveIncidentEvidenceInput {
  @Field(() => ID, { description: 'The evidence reference (IncidentEvidence.id)' })
  @IsUUID('all', UUID)
  id: string;
}

/** The post-incident debrief: when, who held it, what was learnt, and the staff welfare checklist. */
@InputType()
export class RecordIncidentDebriefInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  incidentId: string;

  @Field(() => Int, { description: 'The version of the incident you last read' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => DateTimeScalar, { description: 'When the debrief was held; not in the future' })
  @IsPastDateTime()
  heldAt: Date;

  @Field(() => ID, { nullable: true, description: 'Who held it (a user of your library service); you if not given' })
  @IsOptional()
  @IsUUID('all', UUID)
  heldById?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(10000)
  notes?: string | null;

  @Field(() => [WelfareCheckInput], { nullable: true, description: 'Answers to record or replace, per member of staff and item' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => WelfareCheckInput)
  welfareChecks?: WelfareCheckInput[];
}

@InputType()
export class AddIncidentFollowUpActionInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  incidentId: string;

  @Field()
  @IsNonBlankText(2000)
  description: string;

  @Field(() => ID, { description: 'An active user of your library service' })
  @IsUUID('all', UUID)
  ownerId: string;

  @Field(() => DateScalar, { description: 'Due date, YYYY-MM-DD' })
  @IsCalendarDate()
  dueOn: string;
}
