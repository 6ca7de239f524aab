import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs, Trim } from '../../../../common/src/index.js';

@InputType()
export class SubjectFilterInput {
  @Field({ nullable: true, description: 'Part of a name, alias or description (case-insensitive)' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  isChildSafeguarding?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  isAdultAtRisk?: boolean;

  @Field({ nullable: true, defaultValue: false, description: 'Include records merged into another' })
  @IsOptional()
  @IsBoolean()
  includeMerged?: boolean;
}

@ArgsType()
export class SubjectsArgs extends PageArgs {
  @Field(() => SubjectFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SubjectFilterInput)
  filter?: SubjectFilterInput;
}
