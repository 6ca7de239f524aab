import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageArgs, Trim } from '../../../../common/src/index.js';
import { CaseStatus } from '../../../../cases/src/case/case-status.enum.js';
import { DataCategory } from '../../agreement/agreement.enums.js';

const PURPOSE = 'Why you are reading (written to the audit trail with every record returned). Required here or in the X-Purpose header; the argument wins';

@InputType()
export class SharedCaseFilterInput {
  @Field(() => [CaseStatus], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(CaseStatus, { each: true })
  statuses?: CaseStatus[];

  @Field(() => [DataCategory], { nullable: true, description: 'Only cases shared with you for any of these categories' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(DataCategory, { each: true })
  categories?: DataCategory[];
}

@ArgsType()
export class SharedCasesArgs extends PageArgs {
  @Field(() => SharedCaseFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SharedCaseFilterInput)
  filter?: SharedCaseFilterInput;

  @Field({ nullable: true, description: PURPOSE })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  purpose?: string;
}

@ArgsType()
export class SharedCaseArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field({ nullable: true, description: PURPOSE })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  purpose?: string;
}
