import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsEnum, IsIn, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { IsNonBlankText, IsText, Trim, TrimEach } from '../../../../common/src/index.js';
import { ContactPointsInput } from '../../contact-points.input.js';
import { PartnerOrganisationType } from '../partner-organisation-type.enum.js';
import { PartnerRelationship } from '../partner-relationship.enum.js';
import { PartnerStatus } from '../partner-status.enum.js';

/** ARCHIVED is reached only through archivePartnerOrganisation, which also stamps archivedAt. */
export const SETTABLE_STATUSES = [PartnerStatus.ACTIVE, PartnerStatus.INACTIVE];
export const LIST_MAX = 30;

export const IsSettableStatus = () => IsIn(SETTABLE_STATUSES, { message: '$property must be ACTIVE or INACTIVE (archive with archivePartnerOrganisation)' });

/** Services offered, areas covered: up to LIST_MAX short entries. */
export const IsEntryList = () =>
  applyDecorators(TrimEach(), IsArray(), ArrayMaxSize(LIST_MAX), IsString({ each: true }), MinLength(1, { each: true }), MaxLength(200, { each: true }));

@InputType()
export class CreatePartnerOrganisationInput extends ContactPointsInput {
  @Field()
  @IsNonBlankText(200)
  name: string;

  @Field(() => PartnerOrganisationType)
  @IsEnum(PartnerOrganisationType)
  type: PartnerOrganisationType;

  @Field(() => PartnerRelationship)
  @IsEnum(PartnerRelationship)
  relationship: PartnerRelationship;

  @Field(() => PartnerStatus, { nullable: true, description: 'ACTIVE (the default) or INACTIVE' })
  @IsOptional()
  @IsSettableStatus()
  status?: PartnerStatus;

  @Field(() => [String], { nullable: true, description: `Up to ${LIST_MAX} entries` })
  @IsOptional()
  @IsEntryList()
  servicesOffered?: string[];

  @Field(() => [String], { nullable: true, description: `Up to ${LIST_MAX} entries` })
  @IsOptional()
  @IsEntryList()
  areasCovered?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: '$property must be an http(s) URL' })
  @MaxLength(500)
  website?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(500)
  address?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string | null;
}
