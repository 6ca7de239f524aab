import { Transform } from 'class-transformer';
import { registerDecorator, ValidateIf, type ValidationOptions } from 'class-validator';

/** Phone numbers as people write them: digits, spaces, brackets, dashes, an optional leading +. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{7,20}$/;
export const PHONE_MESSAGE = '$property must be a phone number (7 to 20 digits, spaces, brackets or dashes, optionally starting with +)';

const trimValue = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/** Trims a string, so "  Mind " and "Mind" are the same name. */
export const Trim = () => Transform(({ value }) => trimValue(value));

/** Trims each string of an array. */
export const TrimEach = () => Transform(({ value }) => (Array.isArray(value) ? value.map(trimValue) : value));

/**
 * Optional, but not nullable: for update fields whose column is NOT NULL. `@IsOptional`
 * would let an explicit null through to the database.
 */
export const IsOptionalNotNull = () => ValidateIf((_, value) => value !== undefined);

/** A real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: '$property must be a date written YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => isCalendarDate(value) },
    });
}

/** Clocks of browsers and servers differ a little; "just now" must not count as the future. */
export const CLOCK_SKEW_MS = 2 * 60_000;

export function isNotInFuture(value: unknown, now: Date = new Date()): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime()) && value.getTime() <= now.getTime() + CLOCK_SKEW_MS;
}

export function IsNotInFuture(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isNotInFuture',
      target: object.constructor,
      propertyName,
      options: { message: '$property must be a date and time that is not in the future', ...options },
      validator: { validate: (value: unknown) => isNotInFuture(value) },
    });
}
