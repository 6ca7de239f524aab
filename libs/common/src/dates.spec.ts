import { Kind, parseValue } from 'graphql';
import { calendarDateProblem, parseIsoDateTime } from './dates.js';
import { InvalidValueError } from './errors.js';
import { DateScalar, DateTimeScalar } from './scalars.js';
import { isNotInFuture } from './validation.js';

const now = new Date('2025-03-10T12:00:00Z');

describe('parseIsoDateTime', () => {
  it.each([
    ['2025-03-01T14:30:00Z', '2025-03-01T14:30:00.000Z'],
    ['2025-03-01T14:30Z', '2025-03-01T14:30:00.000Z'],
    ['2025-03-01T14:30:00.123456Z', '2025-03-01T14:30:00.123Z'],
    ['2025-03-01T14:30:00+01:00', '2025-03-01T13:30:00.000Z'],
    ['2025-03-01T00:30:00-05:30', '2025-03-01T06:00:00.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['1900-01-01T00:00:00Z', '1900-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect((parseIsoDateTime(text, now) as Date).toISOString()).toBe(iso);
  });

  it.each([
    [0, /not a number/],
    [1741600000000, /not a number/],
    [true, /not a boolean/],
    [null, /not null/],
    [{}, /not an object/],
    ['2025-03-01', /written ISO 8601 with a time zone/],
    ['2025-03-01T14:30:00', /with a time zone/],
    ['2025-03-01 14:30:00Z', /written ISO 8601/],
    ['2025-03-01T14:30:00+0100', /written ISO 8601/],
    ['Sat, 01 Mar 2025 14:30:00 GMT', /written ISO 8601/],
    ['+002025-03-01T14:30:00Z', /written ISO 8601/],
    ['0000-01-01T00:00:00Z', /year from 1900 to 2125, not 0000/],
    ['1899-12-31T23:59:59Z', /not 1899/],
    ['2126-01-01T00:00:00Z', /not 2126/],
    ['2025-02-29T10:00:00Z', /day of the calendar, which 2025-02-29 is not/],
    ['2025-02-30T10:00:00Z', /2025-02-30 is not/],
    ['2025-13-01T10:00:00Z', /day of the calendar/],
    ['2025-03-00T10:00:00Z', /day of the calendar/],
    ['2025-03-01T24:00:00Z', /time of day, which 24:00:00 is not/],
    ['2025-03-01T12:60:00Z', /time of day/],
    ['2025-03-01T12:00:60Z', /time of day/],
    ['2025-03-01T12:00:00+24:00', /time zone offset .* not \+24:00/],
  ])('refuses %j', (value, expected) => {
    expect(parseIsoDateTime(value, now)).toEqual(expect.stringMatching(expected));
  });
});

describe('calendarDateProblem', () => {
  it.each(['2025-01-31', '2024-02-29', '1900-01-01', '2125-12-31'])('accepts %s', (d) => expect(calendarDateProblem(d, now)).toBeNull());
  it.each([
    [20250101, /string written YYYY-MM-DD.*not a number/],
    [false, /not a boolean/],
    ['2025-1-1', /written YYYY-MM-DD/],
    ['2025-01-01T00:00:00Z', /written YYYY-MM-DD/],
    ['0000-01-01', /year from 1900 to 2125, not 0000/],
    ['2126-01-01', /not 2126/],
    ['2025-02-29', /which 2025-02-29 is not/],
    ['1900-02-29', /which 1900-02-29 is not/],
  ])('refuses %j', (d, expected) => expect(calendarDateProblem(d, now)).toEqual(expect.stringMatching(expected)));
});

describe('isNotInFuture', () => {
  it('takes instants up to now and a clock skew of two minutes', () => {
    expect(isNotInFuture(new Date('2025-03-10T12:01:59Z'), now)).toBe(true);
    expect(isNotInFuture(new Date('2025-03-10T12:02:01Z'), now)).toBe(false);
  });

  it('takes calendar dates up to today in the UK, even when UTC is still on yesterday', () => {
    const bst = new Date('2025-06-30T23:30:00Z'); // 00:30 on 1 July in London
    expect(isNotInFuture('2025-07-01', bst)).toBe(true);
    expect(isNotInFuture('2025-07-02', bst)).toBe(false);
    expect(isNotInFuture('2025-02-30', now)).toBe(false);
  });
});

describe('the DateTime and Date scalars', () => {
  it('parse variables and literals strictly, throwing InvalidValueError', () => {
    expect(DateTimeScalar.parseValue('2025-03-01T14:30:00Z')).toEqual(new Date('2025-03-01T14:30:00Z'));
    expect(() => DateTimeScalar.parseValue(1741600000000)).toThrow(InvalidValueError);
    expect(() => DateTimeScalar.parseLiteral(parseValue('true'))).toThrow(/A date-time must be a string .* not a boolean/);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '5' })).toThrow(/not a number/);
    expect(DateScalar.parseLiteral(parseValue('"2024-02-29"'))).toBe('2024-02-29');
    expect(() => DateScalar.parseValue('2025-02-30')).toThrow(/A date must be a day of the calendar/);
    expect(() => DateScalar.parseValue('2025-02-30')).toThrow(InvalidValueError);
  });

  it('answer as before: instants in UTC with milliseconds, dates as the database gives them', () => {
    expect(DateTimeScalar.serialize(new Date('2025-03-01T14:30:00+01:00'))).toBe('2025-03-01T13:30:00.000Z');
    expect(DateScalar.serialize('2025-03-01')).toBe('2025-03-01');
    expect(() => DateScalar.serialize(new Date())).toThrow(TypeError);
  });
});
