import { Field, ID, InputType, OmitType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { DateTimeScalar, IsIdList, IsOptionalNotNull, IsPastDateTime, VersionedUpdateInput } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { Byelaw } from '../byelaw.enum.js';
import { IncidentCategory, IncidentSeverity } from '../incident.enums.js';
import { IsByelawList, RecordIncidentInput, STAFF_MAX } from './record-incident.input.js';

/** Omitted fields stay as they are; null clears an optional field. People and evidence change through their own mutations. */
@InputType()
export class UpdateIncidentInput extends VersionedUpdateInput(
  OmitType(RecordIncidentInput, [
    'people',
    'evidence',
    'reportedAt',
    'category',
    'severity',
    'byelawsBreached',
    'reportedToPolice',
    'staffInvolvedIds',
    'dataProtection',
  ]),
) {
  // The update's own descriptions; the validation is the create's.
  @Field(() => ID, { nullable: true }) branchId?: string;
  @Field(() => DateTimeScalar, { nullable: true }) occurredAt?: Date;
  @Field({ nullable: true }) description?: string;
  @Field(() => String, { nullable: true }) actionsTaken?: string | null;
  @Field(() => String, { nullable: true }) crimeReferenceNumber?: string | null;

  // Validated otherwise than on recording: never null, and the enumerations with their standard message.
  @Field(() => DateTimeScalar, { nullable: true })
  @IsOptionalNotNull()
  @IsPastDateTime()
  reportedAt?: Date;

  @Field(() => IncidentCategory, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(IncidentCategory)
  category?: IncidentCategory;

  @Field(() => IncidentSeverity, { nullable: true })
  @IsOptional()
  @IsEnum(IncidentSeverity)
  severity?: IncidentSeverity | null;

  @Field(() => [Byelaw], { nullable: true, description: 'Replaces the list' })
  @IsOptionalNotNull()
  @IsByelawList()
  byelawsBreached?: Byelaw[];

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  reportedToPolice?: boolean;

  @Field(() => [ID], { nullable: true, description: 'Replaces the staff involved' })
  @IsOptionalNotNull()
  @IsIdList(STAFF_MAX)
  staffInvolvedIds?: string[];

  @DataProtectionField()
  dataProtection?: DataProtectionInput;
}
