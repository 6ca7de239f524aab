import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../../../common/src/index.js';

@InputType({ description: 'A record by its record type (as recordOfProcessing names it) and id, and why' })
export class LegalHoldInput {
  @Field({ description: 'e.g. BAN, INCIDENT, SUBJECT: any record type with a legal hold (recordOfProcessing lists them)' })
  @Matches(/^[A-Z][A-Z0-9_]{1,60}$/, { message: 'recordType must be a record type recordOfProcessing lists, e.g. BAN' })
  recordType: string;

  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  id: string;

  @Field({ description: 'Placing: why the record must be kept (e.g. the claim or investigation). Lifting: why it no longer must' })
  @Trim()
  @IsString()
  @MinLength(1, { message: 'reason must say why' })
  @MaxLength(2000)
  reason: string;
}

@InputType()
export class RunRetentionSweepInput {
  @Field({ description: 'True: report what the sweep would do and change nothing' })
  @IsBoolean()
  dryRun: boolean;
}
