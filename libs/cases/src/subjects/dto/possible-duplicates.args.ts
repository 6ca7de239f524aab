import { ArgsType, Field } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { DateScalar, IsCalendarDate, IsText, TrimEach } from '../../../../common/src/index.js';
import { ALIASES_MAX } from './create-subject.input.js';

/** The details of a person about to be recorded. */
@ArgsType()
export class PossibleDuplicatesArgs {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(200)
  name?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  dateOfBirth?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ALIASES_MAX)
  @TrimEach()
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  aliases?: string[];
}
