import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsEmail,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  registerDecorator,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { calendarDate, calendarDateProblem } from './dates.js';

/** Phone numbers as people write them: digits, spaces, brackets, dashes, an optional leading +. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{7,20}$/;
export const PHONE_MESSAGE = '$property must be a phone number (7 to 20 digits, spaces, brackets or dashes, optionally starting with +)';

const trimValue = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/** Trims a string, so "  Mind " and "Mind" are the same name. */
export const Trim = () => Transform(({ value }) => trimValue(value));

/** Text as people type it: trimmed, at most `max` characters. */
export const IsText = (max: number) => applyDecorators(Trim(), IsString(), MaxLength(max));

/** Text that must say something: trimmed, 1 to `max` characters. */
export const IsNonBlankText = (max: number) => applyDecorators(Trim(), IsString(), MinLength(1), MaxLength(max));

/** Trims each string of an array. */
export const TrimEach = () => Transform(({ value }) => (Array.isArray(value) ? value.map(trimValue) : value));

/** A phone number as people write it (PHONE_PATTERN), trimmed. */
export const IsPhone = () => applyDecorators(Trim(), IsString(), Matches(PHONE_PATTERN, { message: PHONE_MESSAGE }));

/** An email address, trimmed, of at most 254 characters. */
export const IsEmailAddress = () => applyDecorators(Trim(), IsEmail({}, { message: '$property must be an email address' }), MaxLength(254));

/** A list of at most `max` distinct record ids. */
export const IsIdList = (max: number) =>
  applyDecorators(IsArray(), ArrayMaxSize(max), ArrayUnique(), IsUUID('all', { each: true, message: 'each of $property must be a UUID' }));

/**
 * Optional, but not nullable: for update fields whose column is NOT NULL. `@IsOptional`
 * would let an explicit null through to the database.
 */
export const IsOptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

/** A real calendar date written YYYY-MM-DD (rejects 2025-02-30), in the years the service accepts (calendarDateProblem). */
export function isCalendarDate(value: unknown): value is string {
  return calendarDateProblem(value) === null;
}

export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => `${args.property} ${calendarDateProblem(args.value)}`, ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** Clocks of browsers and servers differ a little; "just now" must not count as the future. */
export const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * For events that have happened (an incident, a contact, a signature, a birth): an instant no
 * later than now (give or take CLOCK_SKEW_MS), or a calendar date no later than today in the
 * service's time zone at that moment. Fields that may lie ahead (a review date, a ban's end) do not
 * carry it.
 */
export function isNotInFuture(value: unknown, now: Date = new Date()): boolean {
  if (typeof value === 'string') return isCalendarDate(value) && value <= calendarDate(new Date(now.getTime() + CLOCK_SKEW_MS));
  return value instanceof Date && !Number.isNaN(value.getTime()) && value.getTime() <= now.getTime() + CLOCK_SKEW_MS;
}

export function IsNotInFuture(options?: ValidationOptions): PropertyDecorator {
  return (object, propertyName) =>
    registerDecorator({
      name: 'isNotInFuture',
      target: object.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must not be in the future', ...options },
      validator: { validate: (value: unknown) => isNotInFuture(value) },
    });
}

/*
 * Text PostgreSQL cannot store as it was sent: a NUL (U+0000) is refused by every text column (an
 * error deep in a write), and an unpaired UTF-16 surrogate is not Unicode at all, so it would be
 * written as U+FFFD and the record would silently differ from what the user typed.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored ("must …", to follow the field's name), or null. */
export function unstorableTextProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode: it holds an unpaired surrogate (such as \\uD800 without its pair)';
  return null;
}

/**
 * Every string inside `value` (nested objects and lists) that cannot be stored, as "path problem",
 * in the order they appear. It walks with a stack of its own, not by recursion: a client's JSON may
 * nest as deep as the body limit allows (some 50,000 levels), which would overflow the call stack
 * (an internal error) before GraphQL looked at the variable. A path is spelt out only for a problem.
 */
export function unstorableTextIn(value: unknown, path: string): string[] {
  interface Place {
    value: unknown;
    key: string;
    parent?: Place;
  }
  const pathOf = (place: Place): string => {
    const keys: string[] = [];
    for (let p: Place | undefined = place; p; p = p.parent) keys.push(p.key);
    return keys.reverse().join('.');
  };
  const problems: string[] = [];
  const stack: Place[] = [{ value, key: path }];
  while (stack.length) {
    const place = stack.pop()!;
    if (typeof place.value === 'string') {
      const problem = unstorableTextProblem(place.value);
      if (problem) problems.push(`${pathOf(place)} ${problem}`);
    } else if (place.value && typeof place.value === 'object') {
      const entries = Array.isArray(place.value) ? place.value.map((item, i) => [String(i), item] as const) : Object.entries(place.value);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i]![1], key: entries[i]![0], parent: place });
    }
  }
  return problems;
}
/** A date and time (a GraphQL DateTime) that is not in the future: when something happened. */
export const IsPastDateTime = () =>
  applyDecorators(
    Type(() => Date),
    IsDate(),
    IsNotInFuture(),
  );
