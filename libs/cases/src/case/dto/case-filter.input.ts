import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs } from '../../../../common/src/index.js';
import { CaseStatus, RiskLevel } from '../case-status.enum.js';

@InputType()
export class CaseFilterInput {
  @Field(() => [CaseStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(CaseStatus, { each: true })
  statuses?: CaseStatus[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  ownerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  subjectId?: string;

  @Field(() => [RiskLevel], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(RiskLevel, { each: true })
  riskLevels?: RiskLevel[];
}

@ArgsType()
export class CasesArgs extends PageArgs {
  @Field(() => CaseFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CaseFilterInput)
  filter?: CaseFilterInput;
}
