import { Field, ID, InputType, PickType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsNonBlankText, IsOptionalNotNull, Trim, VersionedUpdateInput } from '../../../../common/src/index.js';
import { LawfulBasis } from '../../../../governance/src/index.js';
import { SpecialCategoryKind } from '../special-category-kind.enum.js';

const CONDITION_MESSAGE =
  'specialCategoryCondition is required for special category data: state the Article 9(2) condition ' +
  '(and DPA 2018 Schedule 1 condition), e.g. "Art 9(2)(g); DPA 2018 Sch 1 para 18: safeguarding of individuals at risk"';

/** Data protection of special category data: the Article 9(2) condition cannot be left out. */
@InputType()
export class SpecialCategoryDataProtectionInput {
  @Field(() => LawfulBasis, { nullable: true, description: 'PUBLIC_TASK when not given' })
  @IsOptional()
  @IsEnum(LawfulBasis)
  lawfulBasis?: LawfulBasis;

  // Nullable in the schema so a missing condition gets this message rather than a schema error.
  @Field(() => String, { nullable: true, description: 'Required: Article 9(2) / DPA 2018 Schedule 1 condition' })
  @IsDefined({ message: CONDITION_MESSAGE })
  @Trim()
  @IsString({ message: CONDITION_MESSAGE })
  @MinLength(3, { message: CONDITION_MESSAGE })
  @MaxLength(500)
  specialCategoryCondition: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  legalHold?: boolean;
}

@InputType()
export class AddSubjectSpecialCategoryInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  subjectId: string;

  @Field(() => SpecialCategoryKind)
  @IsEnum(SpecialCategoryKind)
  category: SpecialCategoryKind;

  @Field()
  @IsNonBlankText(5000)
  details: string;

  @Field(() => SpecialCategoryDataProtectionInput, { nullable: true, description: 'Required, with its specialCategoryCondition' })
  @IsDefined({ message: CONDITION_MESSAGE })
  @ValidateNested()
  @Type(() => SpecialCategoryDataProtectionInput)
  dataProtection: SpecialCategoryDataProtectionInput;
}

/** The condition may be changed, never removed. */
@InputType()
export class UpdateSpecialCategoryDataProtectionInput {
  @Field(() => LawfulBasis, { nullable: true })
  @IsOptional()
  @IsEnum(LawfulBasis)
  lawfulBasis?: LawfulBasis;

  @Field(() => String, { nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString({ message: CONDITION_MESSAGE })
  @MinLength(3, { message: CONDITION_MESSAGE })
  @MaxLength(500)
  specialCategoryCondition?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  legalHold?: boolean;
}

@InputType()
export class UpdateSubjectSpecialCategoryInput extends VersionedUpdateInput(PickType(AddSubjectSpecialCategoryInput, ['category', 'details'])) {
  @Field(() => UpdateSpecialCategoryDataProtectionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateSpecialCategoryDataProtectionInput)
  dataProtection?: UpdateSpecialCategoryDataProtectionInput;
}
