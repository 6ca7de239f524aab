import { BadInputError } from '../../common/src/index.js';

/** The longest period one report counts over: three years (a year's report compared with the year before stays well inside). */
export const MAX_PERIOD_DAYS = 3 * 366;
const DAY = 86_400_000;

export interface Period {
  from: Date;
  to: Date;
}

/** Refuses a period that is empty, back to front or longer than MAX_PERIOD_DAYS (BAD_USER_INPUT). */
export function checkPeriod({ from, to }: Period): void {
  if (!(from instanceof Date) || Number.isNaN(from.getTime())) throw new BadInputError('from must be a date-time', { field: 'from' });
  if (!(to instanceof Date) || Number.isNaN(to.getTime())) throw new BadInputError('to must be a date-time', { field: 'to' });
  if (from.getTime() >= to.getTime()) throw new BadInputError('from must be before to', { field: 'from' });
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY) {
    throw new BadInputError(`A report covers at most ${MAX_PERIOD_DAYS} days (three years): shorten the period`, { field: 'to', maximumDays: MAX_PERIOD_DAYS });
  }
}

/** The period of the same length just before. */
export function previousPeriod({ from, to }: Period): Period {
  const length = to.getTime() - from.getTime();
  return { from: new Date(from.getTime() - length), to: new Date(from) };
}

/** The same dates a year earlier (29 February falls back to 1 March, as Date does). */
export function yearBefore({ from, to }: Period): Period {
  const back = (d: Date) => {
    const x = new Date(d);
    x.setUTCFullYear(x.getUTCFullYear() - 1);
    return x;
  };
  return { from: back(from), to: back(to) };
}

/** "VERBAL_ABUSE" → "Verbal abuse": an enumeration value as words. */
export function words(value: string): string {
  const text = value.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
