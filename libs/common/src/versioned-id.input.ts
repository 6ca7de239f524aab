import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { Trim } from './validation.js';

/**
 * The one shape of "this record, at the version I last read": every mutation that changes an
 * existing record by id alone takes it (a stale version answers CONFLICT), and inputs that need
 * more extend it, so clients learn the shape once.
 */
@InputType({ description: 'A record and the version you last read; a stale version answers CONFLICT' })
export class VersionedIdInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;
}

/** A versioned change that must say why (suspend, terminate, revoke, reject): the reason is kept. */
@InputType({ description: 'A record, the version you last read, and why; the reason is kept with the record' })
export class VersionedReasonInput extends VersionedIdInput {
  @Field()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}
