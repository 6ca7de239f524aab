import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { Trim } from './validation.js';
import { IdArgs } from './args.js';

/** A record and the version the user last saw: a stale version answers CONFLICT. */
@ArgsType()
export class VersionedIdArgs extends IdArgs {
  @Field(() => Int, { description: 'The version you last read' }) @IsInt() @Min(1)
  version: number;
}

/** A versioned change that must say why (suspend, terminate, revoke, reject): the reason is kept. */
@ArgsType()
export class VersionedReasonArgs extends VersionedIdArgs {
  @Field() @Trim() @IsString() @MinLength(1) @MaxLength(2000)
  reason: string;
}
