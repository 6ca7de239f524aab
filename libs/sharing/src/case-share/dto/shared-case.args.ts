import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { PageArgs, Trim } from '../../../../common/src/index.js';
import { DataCategory } from '../../agreement/agreement.enums.js';

const PURPOSE = 'Why you are reading (written to the audit trail with every record returned). Required here or in the X-Purpose header; the argument wins';

@InputType()
export class SharedCaseFilterInput {
  @Field({ nullable: true, description: 'Case status: OPEN, MONITORING or CLOSED' }) @IsOptional() @IsIn(['OPEN', 'MONITORING', 'CLOSED'])
  status?: string;

  @Field(() => DataCategory, { nullable: true, description: 'Only cases shared with you for this category' }) @IsOptional() @IsEnum(DataCategory)
  category?: DataCategory;
}

@ArgsType()
export class SharedCasesArgs extends PageArgs {
  @Field(() => SharedCaseFilterInput, { nullable: true })
  @IsOptional() @ValidateNested() @Type(() => SharedCaseFilterInput)
  filter?: SharedCaseFilterInput;

  @Field({ nullable: true, description: PURPOSE }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(500)
  purpose?: string;
}

@ArgsType()
export class SharedCaseArgs {
  @Field(() => ID) @IsUUID('all', { message: 'id must be a UUID' })
  id: string;

  @Field({ nullable: true, description: PURPOSE }) @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(500)
  purpose?: string;
}
