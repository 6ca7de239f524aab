import { addYears } from '../../../common/src/index.js';

/** Today's date in UTC (YYYY-MM-DD): retention dates are calendar dates, whatever the server's zone. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The first clock date that is NOT yet due on `today` under a policy of `years`: a record whose
 * clock date is before it has addYears(clock, years) < today. Found from a point surely due,
 * stepping forward (addYears is monotonic), so 29 February agrees with `retainUntil` exactly.
 */
export function dueCutoff(today: string, years: number): string {
  let d = addDays(`${Number(today.slice(0, 4)) - years}${today.slice(4)}`.replace(/-02-29$/, '-02-28'), -3);
  while (addYears(new Date(`${d}T00:00:00Z`), years) < today) d = addDays(d, 1);
  return d;
}

/** SQL for the UTC calendar date of a clock expression, by its database type. */
export function clockDateSql(expression: string, type: string): string {
  if (type === 'date') return `(${expression})`;
  if (type === 'timestamp with time zone') return `((${expression}) AT TIME ZONE 'UTC')::date`;
  return `(${expression})::date`;
}

/**
 * SQL for retain-until from a clock date and a number of years, with the same rule as
 * `addYears`: 29 February plus a year is 1 March (the later date), never 28 February.
 */
export function retainUntilSql(dateSql: string, yearsSql: string): string {
  return `(make_date(extract(year from ${dateSql})::int + ${yearsSql}, extract(month from ${dateSql})::int, 1) + (extract(day from ${dateSql})::int - 1))`;
}
