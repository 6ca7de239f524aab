import type { Type } from '@nestjs/common';
import { IntersectionType, PartialType } from '@nestjs/graphql';
import { VersionedIdInput } from './versioned-id.input.js';

/**
 * The base of an `UpdateXInput`: `id` and `version` ({@link VersionedIdInput}) and every field of
 * `fields` (a create input, or the part of it an update changes alike: OmitType / PickType) optional
 * and without its default value. A field left out stays as it is. Null goes to the field's own
 * validators, as `IsOptionalNotNull()` would: a field the create requires refuses it; a field the
 * create marks `@IsOptional()` accepts it (null clears it). A field the update validates otherwise
 * (null refused where the create accepts it, another rule or message) is left out of `fields` and
 * declared whole on the update input; one whose description alone differs is declared there with
 * `@Field` only, and keeps the create's validation.
 */
export function VersionedUpdateInput<T>(fields: Type<T>) {
  return IntersectionType(VersionedIdInput, PartialType(fields, { skipNullProperties: false, omitDefaultValues: true }));
}
