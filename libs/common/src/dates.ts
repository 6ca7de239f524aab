/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so results do not depend on the server's zone. */
export function addYears(date: Date, years: number): string {
  const d = new Date(Date.UTC(date.getUTCFullYear() + years, date.getUTCMonth(), date.getUTCDate()));
  // 29 February + 1 year rolls to 1 March, which is the later (safer) retention date.
  return d.toISOString().slice(0, 10);
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Due dates are calendar dates as the library's staff read them, so "today" is the date in
 * the UK (Europe/London also covers the Crown Dependencies), whatever the server's time zone.
 */
export const SERVICE_TIME_ZONE = 'Europe/London';

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one (it showed in profiles of every list). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) at `at` in `timeZone`. */
export function calendarDate(at: Date = new Date(), timeZone: string = SERVICE_TIME_ZONE): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The years a date or date-time the service stores may fall in. Nothing it records happened before
 * 1900, and nothing is planned (a review date, a ban's end) a century ahead: such a year is a typo,
 * and a stored one does harm (an incident dated 0000-01-01 would have a retain-until date in 1906,
 * so the next retention sweep would delete it).
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEARS_AHEAD = 100;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 extended format with a zone: seconds and a fraction optional, Z or ±hh:mm required (a time without a zone is ambiguous). */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

/** Day 0 of the next month is the last of this one (years from 100 on are taken as written). */
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Why year-month-day is not a day the service accepts ("must …", to follow the field's name), or null when it is one. */
function dayProblem(y: string, m: string, d: string, now: Date): string | null {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const latest = now.getUTCFullYear() + LATEST_YEARS_AHEAD;
  if (year < EARLIEST_YEAR || year > latest) return `must be in a year from ${EARLIEST_YEAR} to ${latest}, not ${y}`;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return `must be a day of the calendar, which ${y}-${m}-${d} is not`;
  return null;
}

/**
 * A calendar date as the API takes it: a string YYYY-MM-DD (ISO 8601) naming a real day
 * (not 30 February) between EARLIEST_YEAR and LATEST_YEARS_AHEAD from now. Returns why not, or null.
 */
export function calendarDateProblem(value: unknown, now: Date = new Date()): string | null {
  if (typeof value !== 'string') return `must be a string written YYYY-MM-DD, such as 2025-03-01, not ${kindOf(value)}`;
  const parts = CALENDAR_DATE.exec(value);
  if (!parts) return 'must be written YYYY-MM-DD, such as 2025-03-01';
  return dayProblem(parts[1], parts[2], parts[3], now);
}

/**
 * An instant as the API takes it: an ISO 8601 date-time with a zone (Z or ±hh:mm), a real day and
 * time of day, in the years calendarDateProblem allows. Returns the instant, or why not.
 */
export function parseIsoDateTime(value: unknown, now: Date = new Date()): Date | string {
  const example = 'ISO 8601 with a time zone, such as 2025-03-01T14:30:00Z or 2025-03-01T14:30:00+01:00';
  if (typeof value !== 'string') return `must be a string written ${example}, not ${kindOf(value)}`;
  const p = DATE_TIME.exec(value);
  if (!p) return `must be written ${example}`;
  const [, y, mo, d, h, mi, s = '00', fraction = '', zulu, sign, oh, om] = p;
  const problem = dayProblem(y, mo, d, now);
  if (problem) return problem;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return `must have a time of day, which ${h}:${mi}:${s} is not`;
  if (!zulu && (Number(oh) > 23 || Number(om) > 59)) return `must have a time zone offset from -23:59 to +23:59, not ${sign}${oh}:${om}`;
  const offsetMinutes = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  // Date.UTC maps years 0 to 99 to 1900 to 1999; the year is at least EARLIEST_YEAR here, so it is taken as written.
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0').slice(0, 3)));
  return new Date(local - offsetMinutes * 60_000);
}
