import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Trim, VersionedIdArgs } from '../../../../common/src/index.js';

@ArgsType()
export class CloseCaseArgs extends VersionedIdArgs {
  @Field(() => String, { nullable: true, description: 'Why the case is closed, what happened' })
  @IsOptional() @Trim() @IsString() @MaxLength(10000)
  closureSummary?: string | null;
}

@ArgsType()
export class AddCaseNoteArgs {
  @Field(() => ID) @IsUUID('all', { message: '$property must be a UUID' })
  caseId: string;

  @Field() @Trim() @IsString() @MinLength(1) @MaxLength(20000)
  body: string;

  @Field(() => ID, { nullable: true, description: 'A note of the same case that this note corrects' })
  @IsOptional() @IsUUID('all', { message: '$property must be a UUID' })
  correctsNoteId?: string | null;
}

@ArgsType()
export class TimelineArgs {
  @Field(() => Int, { nullable: true, defaultValue: 200, description: 'Most recent entries, 1 to 1000' })
  @IsOptional() @IsInt() @Min(1) @Max(1000)
  first?: number = 200;
}
