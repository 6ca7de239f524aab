import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs, Trim } from '../../../../common/src/index.js';
import { PartnerOrganisationType } from '../partner-organisation-type.enum.js';
import { PartnerStatus } from '../partner-status.enum.js';

@InputType()
export class PartnerOrganisationFilterInput {
  @Field(() => [PartnerOrganisationType], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(PartnerOrganisationType, { each: true })
  types?: PartnerOrganisationType[];

  @Field(() => [PartnerStatus], { nullable: true, description: 'Without it, archived organisations are left out' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsEnum(PartnerStatus, { each: true })
  statuses?: PartnerStatus[];

  @Field({ nullable: true, description: 'Part of the name, any case' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@ArgsType()
export class PartnerOrganisationsArgs extends PageArgs {
  @Field(() => PartnerOrganisationFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => PartnerOrganisationFilterInput)
  filter?: PartnerOrganisationFilterInput;
}
