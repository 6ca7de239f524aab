import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { DateTimeScalar, IsIdList, IsNonBlankText, IsPastDateTime, IsText } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { Byelaw } from '../byelaw.enum.js';
import { IncidentCategory, IncidentSeverity } from '../incident.enums.js';
import { IncidentEvidenceInput, IncidentPersonInput } from './incident-parts.input.js';

const UUID = { message: '$property must be a UUID' };
export const PEOPLE_MAX = 50;
export const STAFF_MAX = 30;
export const EVIDENCE_MAX = 30;

export const IsByelawList = () => applyDecorators(IsArray(), ArrayMaxSize(20), ArrayUnique(), IsEnum(Byelaw, { each: true }));

/**
 * Quick to fill in at the desk: only when, where, what kind and what happened are required.
 * Everything else may be given now or added later (updateIncident, addIncidentSubject, …).
 */
@InputType()
export class RecordIncidentInput {
  @Field(() => DateTimeScalar, { description: 'When it happened; not in the future' })
  @IsPastDateTime()
  occurredAt: Date;

  @Field(() => ID, { description: 'The branch it happened at (STAFF: one of your branches)' })
  @IsUUID('all', UUID)
  branchId: string;

  @Field(() => IncidentCategory)
  @IsEnum(IncidentCategory, { message: `category must be one of ${Object.values(IncidentCategory).join(', ')}` })
  category: IncidentCategory;

  @Field({ description: 'What happened: what was said and done' })
  @IsNonBlankText(20000)
  description: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was reported; now if not given' })
  @IsOptional()
  @IsPastDateTime()
  reportedAt?: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(500)
  locationInBuilding?: string | null;

  @Field(() => IncidentSeverity, { nullable: true })
  @IsOptional()
  @IsEnum(IncidentSeverity, { message: 'severity must be one of LOW, MEDIUM, HIGH, CRITICAL' })
  severity?: IncidentSeverity | null;

  @Field(() => [Byelaw], { nullable: true })
  @IsOptional()
  @IsByelawList()
  byelawsBreached?: Byelaw[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1000)
  byelawDetails?: string | null;

  @Field(() => String, { nullable: true, description: 'What staff did at the time' })
  @IsOptional()
  @IsText(10000)
  actionsTaken?: string | null;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  reportedToPolice?: boolean;

  @Field(() => String, { nullable: true, description: 'Makes the incident criminal offence data; needs reportedToPolice' })
  @IsOptional()
  @IsNonBlankText(100)
  crimeReferenceNumber?: string | null;

  @Field(() => [ID], { nullable: true, description: `Staff involved (users of your library service), up to ${STAFF_MAX}` })
  @IsOptional()
  @IsIdList(STAFF_MAX)
  staffInvolvedIds?: string[];

  @Field(() => [IncidentPersonInput], { nullable: true, description: `Up to ${PEOPLE_MAX}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PEOPLE_MAX)
  @ValidateNested({ each: true })
  @Type(() => IncidentPersonInput)
  people?: IncidentPersonInput[];

  @Field(() => [IncidentEvidenceInput], { nullable: true, description: `Up to ${EVIDENCE_MAX}` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(EVIDENCE_MAX)
  @ValidateNested({ each: true })
  @Type(() => IncidentEvidenceInput)
  evidence?: IncidentEvidenceInput[];

  @Field({
    nullable: true,
    description: 'True for an incident entered after the fact from paper records (managers only); kept, like any incident, for the years after occurredAt',
  })
  @IsOptional()
  @IsBoolean()
  historic?: boolean;

  @DataProtectionField('PUBLIC_TASK when not given; with a crime reference the criminal offence condition defaults to DPA 2018 Schedule 1 Part 3')
  dataProtection?: DataProtectionInput;
}
