import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDate, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { DateTimeScalar, FilterArg, IdFilter, IsNonBlankText, PageArgs } from '../../../../common/src/index.js';
import { DataCategory } from '../../agreement/agreement.enums.js';

const UUID = { message: '$property must be a UUID' };

@InputType({ description: 'Give exactly one recipient: partnerOrganisationId, or recipientLibraryServiceId for another library service' })
export class ShareCaseInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  caseId: string;

  @Field(() => ID, { description: 'An ACTIVE agreement of your library service, in force, that names the recipient' })
  @IsUUID('all', UUID)
  agreementId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', UUID)
  partnerOrganisationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Another library service (cross-service sharing), as CaseShare.recipientLibraryServiceId' })
  @IsOptional()
  @IsUUID('all', UUID)
  recipientLibraryServiceId?: string | null;

  @Field(() => [DataCategory], { description: 'What to share; IDENTITY is always included. Each must be allowed by the agreement' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(DataCategory, { each: true })
  categories: DataCategory[];

  @Field({ description: 'Why this case is shared with this recipient' })
  @IsNonBlankText(2000)
  reason: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'From when (now when not given; not in the past)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  startsAt?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Until when (open-ended when not given)' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  until?: Date | null;
}

@InputType()
export class CaseShareFilterInput {
  @IdFilter()
  caseId?: string;

  @IdFilter()
  agreementId?: string;

  @IdFilter()
  partnerOrganisationId?: string;

  @Field({ nullable: true, description: 'true: only shares that work now; false: only those that do not' })
  @IsOptional()
  @IsBoolean()
  isLive?: boolean;
}

@ArgsType()
export class CaseSharesArgs extends PageArgs {
  @FilterArg(() => CaseShareFilterInput)
  filter?: CaseShareFilterInput;
}
