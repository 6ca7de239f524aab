import { Field, InputType, OmitType } from '@nestjs/graphql';
import { IsBoolean } from 'class-validator';
import { DateScalar, IsOptionalNotNull, VersionedUpdateInput } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { AgeBand } from '../age-band.enum.js';
import { CreateSubjectInput, IsAliasList } from './create-subject.input.js';

/** Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdateSubjectInput extends VersionedUpdateInput(
  OmitType(CreateSubjectInput, ['confirmNotDuplicate', 'aliases', 'isChildSafeguarding', 'isAdultAtRisk', 'dataProtection']),
) {
  // The update's own descriptions (the create's speak of what is given at first); the validation is the create's.
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD; giving one clears the age band' }) dateOfBirth?: string | null;
  @Field(() => AgeBand, { nullable: true }) ageBand?: AgeBand | null;
  @Field(() => String, { nullable: true }) photoReference?: string | null;

  // Lists and flags are never null.
  @Field(() => [String], { nullable: true, description: 'Replaces the aliases' })
  @IsOptionalNotNull()
  @IsAliasList()
  aliases?: string[];

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  isChildSafeguarding?: boolean;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsBoolean()
  isAdultAtRisk?: boolean;

  @DataProtectionField()
  dataProtection?: DataProtectionInput;
}
