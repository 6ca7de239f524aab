import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { IsNonBlankText, PageArgs } from '../../../../common/src/index.js';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { CaseUpdateKind } from '../case-update.enums.js';

@InputType()
export class AddCaseUpdateInput {
  @Field(() => ID, { description: 'A case shared with you now' })
  @IsUUID('all', { message: '$property must be a UUID' })
  caseId: string;

  @Field(() => CaseUpdateKind)
  @IsEnum(CaseUpdateKind)
  kind: CaseUpdateKind;

  @Field()
  @IsNonBlankText(10000)
  body: string;

  @Field(() => DataProtectionInput, { nullable: true, description: 'Lawful basis PUBLIC_TASK when not given' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}

@ArgsType()
export class CaseUpdatesArgs extends PageArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'caseId must be a UUID' })
  caseId: string;
}
