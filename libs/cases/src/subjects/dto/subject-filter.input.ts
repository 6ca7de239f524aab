import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { FilterArg, PageArgs, SearchFilter } from '../../../../common/src/index.js';

@InputType()
export class SubjectFilterInput {
  @SearchFilter('Part of a name, alias or description (case-insensitive)')
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
  @FilterArg(() => SubjectFilterInput)
  filter?: SubjectFilterInput;
}
