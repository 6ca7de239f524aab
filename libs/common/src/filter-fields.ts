import { applyDecorators, type Type as ClassType } from '@nestjs/common';
import { Field, ID } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Trim } from './validation.js';
import { DateTimeScalar } from './scalars.js';

/*
 * The fields of list filters, one way each (architecture.md, "Filters"): every condition is optional
 * (left out or null, it matches anything); a list matches any of its values (an empty one nothing).
 */

/** A condition on an enumeration, matching any of at most `max` values: `statuses: [CaseStatus!]`. */
export const AnyOfFilter = (enumType: object, max: number, description?: string) =>
  applyDecorators(
    Field(() => [enumType], { nullable: true, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    IsEnum(enumType, { each: true }),
  );

/** A condition matching any of at most `max` records: `branchIds: [ID!]`. */
export const AnyIdFilter = (max: number, description?: string) =>
  applyDecorators(
    Field(() => [ID], { nullable: true, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    IsUUID('all', { each: true, message: 'each of $property must be a UUID' }),
  );

/** The one record a list is about: `subjectId: ID`. */
export const IdFilter = (description?: string) =>
  applyDecorators(
    Field(() => ID, { nullable: true, description }),
    IsOptional(),
    IsUUID('all', { message: '$property must be a UUID' }),
  );

/** One end of a time window (`from`, `to`); the description says which end and whether it is included. */
export const DateTimeFilter = (description: string) =>
  applyDecorators(
    Field(() => DateTimeScalar, { nullable: true, description }),
    IsOptional(),
    Type(() => Date),
    IsDate(),
  );

/** Part of a name or text, any case (at most 200 characters, trimmed). */
export const SearchFilter = (description: string) => applyDecorators(Field({ nullable: true, description }), IsOptional(), Trim(), IsString(), MaxLength(200));

/** The `filter` argument of a list: `filter: XFilterInput`. */
export const FilterArg = (filter: () => ClassType<unknown>) => applyDecorators(Field(filter, { nullable: true }), IsOptional(), ValidateNested(), Type(filter));
