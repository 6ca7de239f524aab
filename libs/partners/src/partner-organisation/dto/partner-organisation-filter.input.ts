import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { AnyOfFilter, FilterArg, PageArgs, SearchFilter, TrimEach } from '../../../../common/src/index.js';
import { PartnerOrganisationType } from '../partner-organisation-type.enum.js';
import { PartnerStatus } from '../partner-status.enum.js';

/** Directory terms: up to 10 entries of up to 200 characters; an entry matches when all its words do. */
const DirectoryTerms = (description: string) =>
  applyDecorators(
    Field(() => [String], { nullable: true, description }),
    IsOptional(),
    TrimEach(),
    IsArray(),
    ArrayMaxSize(10),
    IsString({ each: true }),
    MaxLength(200, { each: true }),
  );

@InputType()
export class PartnerOrganisationFilterInput {
  @AnyOfFilter(PartnerOrganisationType, 20)
  types?: PartnerOrganisationType[];

  @AnyOfFilter(PartnerStatus, 10, 'Without it, archived organisations are left out')
  statuses?: PartnerStatus[];

  @SearchFilter('Part of the name, any case')
  search?: string;

  @SearchFilter(
    'Directory search (full text): every word, or the start of it ("food" finds "Food parcels" and "foodbank"), in the name, a service offered or an area covered',
  )
  text?: string;

  @DirectoryTerms('Partners offering any of these services (each matched word by word, by the start of words, against services offered only)')
  servicesOffered?: string[];

  @DirectoryTerms('Partners covering any of these areas (each matched word by word, by the start of words, against areas covered only)')
  areasCovered?: string[];
}

@ArgsType()
export class PartnerOrganisationsArgs extends PageArgs {
  @FilterArg(() => PartnerOrganisationFilterInput)
  filter?: PartnerOrganisationFilterInput;
}
