import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEmail, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';
import { IsOptionalNotNull, PHONE_MESSAGE, PHONE_PATTERN, Trim, TrimEach } from '../../../../common/src/index.js';
import { PartnerOrganisationType } from '../partner-organisation-type.enum.js';
import { PartnerRelationship } from '../partner-relationship.enum.js';
import { PartnerStatus } from '../partner-status.enum.js';
import { LIST_MAX, SETTABLE_STATUSES } from './create-partner-organisation.input.js';

/** Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdatePartnerOrganisationInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @Field(() => PartnerOrganisationType, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(PartnerOrganisationType)
  type?: PartnerOrganisationType;

  @Field(() => PartnerRelationship, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(PartnerRelationship)
  relationship?: PartnerRelationship;

  @Field(() => PartnerStatus, { nullable: true, description: 'ACTIVE or INACTIVE' })
  @IsOptionalNotNull()
  @IsIn(SETTABLE_STATUSES, { message: '$property must be ACTIVE or INACTIVE (archive with archivePartnerOrganisation)' })
  status?: PartnerStatus;

  @Field(() => [String], { nullable: true })
  @IsOptionalNotNull()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  servicesOffered?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptionalNotNull()
  @TrimEach()
  @IsArray()
  @ArrayMaxSize(LIST_MAX)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  areasCovered?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Matches(PHONE_PATTERN, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsEmail({}, { message: '$property must be an email address' })
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: '$property must be an http(s) URL' })
  @MaxLength(500)
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}
