import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { DateScalar, IsCalendarDate, IsNotInFuture, IsText, TrimEach } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { AgeBand } from '../age-band.enum.js';

export const ALIASES_MAX = 20;

/** Other names the person uses: up to ALIASES_MAX, each trimmed. */
export const IsAliasList = () => applyDecorators(IsArray(), ArrayMaxSize(ALIASES_MAX), TrimEach(), IsString({ each: true }), MaxLength(200, { each: true }));

/** A person: a name, or a description when the name is unknown. */
@InputType()
export class CreateSubjectInput {
  @Field(() => String, { nullable: true, description: 'Leave out when unknown, and give a description' })
  @IsOptional()
  @IsText(200)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Required when the name is unknown, e.g. "male, 30s, red jacket"' })
  @IsOptional()
  @IsText(2000)
  description?: string | null;

  @Field(() => [String], { nullable: true, description: `Other names the person uses, up to ${ALIASES_MAX}` })
  @IsOptional()
  @IsAliasList()
  aliases?: string[];

  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD; give either this or ageBand' })
  @IsOptional()
  @IsCalendarDate()
  @IsNotInFuture()
  dateOfBirth?: string | null;

  @Field(() => AgeBand, { nullable: true, description: 'Estimated age when the date of birth is not known' })
  @IsOptional()
  @IsEnum(AgeBand)
  ageBand?: AgeBand | null;

  @Field(() => String, { nullable: true, description: 'Where the photo is kept (a reference, not the image)' })
  @IsOptional()
  @IsText(500)
  photoReference?: string | null;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  isChildSafeguarding?: boolean;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  isAdultAtRisk?: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(10000)
  notes?: string | null;

  @DataProtectionField('Lawful basis PUBLIC_TASK when not given')
  dataProtection?: DataProtectionInput;

  @Field({
    nullable: true,
    defaultValue: false,
    description:
      'Create even though possible duplicates exist (after checking them): without it, possible duplicates answer CONFLICT with extensions.candidateIds',
  })
  @IsOptional()
  @IsBoolean()
  confirmNotDuplicate?: boolean;
}
