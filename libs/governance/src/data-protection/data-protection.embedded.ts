import { applyDecorators } from '@nestjs/common';
import { Field, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Column } from 'typeorm';
import { LawfulBasis } from './lawful-basis.enum.js';
import { DateScalar } from '../../../common/src/index.js';

/**
 * The data-protection columns every record holding personal data embeds
 * (`@Column(() => DataProtection, { prefix: false })`). Defined once, here.
 */
@ObjectType({ description: 'Why this personal data is held, and until when' })
export class DataProtection {
  @Field(() => LawfulBasis)
  @Column({ name: 'lawful_basis', type: 'text' })
  lawfulBasis: LawfulBasis;

  @Field(() => String, { nullable: true, description: 'Article 9(2) / DPA 2018 Schedule 1 condition, when special category data is held' })
  @Column({ name: 'special_category_condition', type: 'text', nullable: true })
  specialCategoryCondition: string | null;

  @Field(() => String, { nullable: true, description: 'Article 10 / Schedule 1 Part 3 condition, when criminal offence data is held' })
  @Column({ name: 'criminal_offence_condition', type: 'text', nullable: true })
  criminalOffenceCondition: string | null;

  @Field(() => DateScalar, { description: 'Date (YYYY-MM-DD) after which the retention sweep deletes or anonymises the record' })
  @Column({ name: 'retain_until', type: 'date' })
  retainUntil: string;

  @Field({ description: 'A legal hold stops the retention sweep from touching the record' })
  @Column({ name: 'legal_hold', type: 'boolean', default: false })
  legalHold: boolean;
}

/** What a user may state about a record's data protection when creating or updating it. */
@InputType()
export class DataProtectionInput {
  @Field(() => LawfulBasis, { nullable: true })
  @IsOptional()
  @IsEnum(LawfulBasis)
  lawfulBasis?: LawfulBasis;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  specialCategoryCondition?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  criminalOffenceCondition?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  legalHold?: boolean;
}

/** The optional `dataProtection: DataProtectionInput` of a record's create or update input; the description says what applies when it is left out. */
export const DataProtectionField = (description?: string) =>
  applyDecorators(
    Field(() => DataProtectionInput, { nullable: true, description }),
    IsOptional(),
    ValidateNested(),
    Type(() => DataProtectionInput),
  );
