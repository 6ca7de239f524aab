import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, Min } from 'class-validator';
import { IdArgs } from './args.js';

/** A record and the version the user last saw: a stale version answers CONFLICT. */
@ArgsType()
export class VersionedIdArgs extends IdArgs {
  @Field(() => Int, { description: 'The version you last read' }) @IsInt() @Min(1)
  version: number;
}
