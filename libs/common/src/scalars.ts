import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { calendarDateProblem, EARLIEST_YEAR, LATEST_YEARS_AHEAD, parseIsoDateTime } from './dates.js';
import { InvalidValueError } from './errors.js';

/** What a literal in the query is, for the message: the parsers only ever see strings from it. */
function literal(ast: ValueNode): unknown {
  if (ast.kind === Kind.STRING) return ast.value;
  if (ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return Number(ast.value);
  if (ast.kind === Kind.BOOLEAN) return ast.value;
  if (ast.kind === Kind.LIST) return [];
  return ast.kind === Kind.NULL ? null : {};
}

function toDateTime(value: unknown): Date {
  const parsed = parseIsoDateTime(value);
  if (typeof parsed === 'string') throw new InvalidValueError(`A date-time ${parsed}`);
  return parsed;
}

function toCalendarDate(value: unknown): string {
  const problem = calendarDateProblem(value);
  if (problem) throw new InvalidValueError(`A date ${problem}`);
  return value as string;
}

/**
 * Replaces @nestjs/graphql's GraphQLISODateTime (same name, same answers), which took anything
 * `new Date()` takes: numbers, booleans, year 0, 30 February. The "not in the future" rule depends
 * on the field, so it is a class-validator decorator (IsNotInFuture), not part of the scalar.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string | null>({
  name: 'DateTime',
  description:
    `An instant, written ISO 8601 with a time zone: 2025-03-01T14:30:00Z or 2025-03-01T14:30:00+01:00 (seconds optional). ` +
    `Answers are in UTC with milliseconds. A year from ${EARLIEST_YEAR} to ${LATEST_YEARS_AHEAD} years ahead; numbers and booleans are refused.`,
  serialize: (value) => (value instanceof Date ? value.toISOString() : null),
  parseValue: toDateTime,
  parseLiteral: (ast) => toDateTime(literal(ast)),
});

/**
 * A calendar date, YYYY-MM-DD: the wire format of the `…On` fields, which were Strings checked by
 * @IsCalendarDate; the scalar says so in the schema and refuses a bad date as the request is read.
 * Answers are the strings the database returns for a date column.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: `A calendar date, written YYYY-MM-DD (ISO 8601), such as 2025-03-01: a real day, in a year from ${EARLIEST_YEAR} to ${LATEST_YEARS_AHEAD} years ahead.`,
  serialize: (value) => {
    if (typeof value !== 'string') throw new TypeError(`a Date field answered ${typeof value}, not a YYYY-MM-DD string`);
    return value;
  },
  parseValue: toCalendarDate,
  parseLiteral: (ast) => toCalendarDate(literal(ast)),
});
