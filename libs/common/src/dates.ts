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

/** The calendar date (YYYY-MM-DD) at `at` in `timeZone`. */
export function calendarDate(at: Date = new Date(), timeZone: string = SERVICE_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
