import { SERVICE_TIME_ZONE } from '../../../common/src/index.js';
/**
 * Working-day deadlines for partner responses, pure and unit-tested.
 *
 * A working day is Monday to Friday on the UK wall clock (Europe/London, which also covers the
 * Crown Dependencies). Bank holidays are NOT skipped: they differ between England and Wales,
 * Scotland, Northern Ireland and the Crown Dependencies, so a single list would be wrong for
 * some services; a deadline over a bank holiday is one day early.
 *
 * "Answer within N working days" of a referral sent on a weekday at 15:00 means by 15:00 on the
 * N-th following weekday (sent Friday 15:00, 1 working day → Monday 15:00). Sent at the weekend,
 * the clock starts at 00:00 on the Monday.
 */

const DAY_MS = 86_400_000;
const wallFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SERVICE_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  /** YYYY-MM-DD on the UK calendar */
  date: string;
  /** milliseconds since midnight on the UK wall clock */
  msOfDay: number;
}

function wallClock(at: Date): WallClock {
  const parts = Object.fromEntries(wallFormat.formatToParts(at).map((p) => [p.type, p.value]));
  const msOfDay = ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + at.getUTCMilliseconds();
  return { date: `${parts.year}-${parts.month}-${parts.day}`, msOfDay };
}

const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** UK offset from UTC at an instant, in ms (0 in winter, 3,600,000 in summer). */
function offsetAt(ms: number): number {
  const w = wallClock(new Date(ms));
  return utcMidnight(w.date) + w.msOfDay - ms;
}

/** The instant of a UK wall-clock time (two passes settle the offset either side of a clock change). */
function instantOf(date: string, msOfDay: number): Date {
  const naive = utcMidnight(date) + msOfDay;
  const guess = naive - offsetAt(naive);
  return new Date(naive - offsetAt(guess));
}

function isWeekend(date: string): boolean {
  const day = new Date(utcMidnight(date)).getUTCDay();
  return day === 0 || day === 6;
}

function nextWeekday(date: string): string {
  let ms = utcMidnight(date);
  do ms += DAY_MS;
  while (isWeekend(new Date(ms).toISOString().slice(0, 10)));
  return new Date(ms).toISOString().slice(0, 10);
}

/** When an answer is due: `workingDays` weekdays after `sentAt`, at the same UK wall-clock time. */
export function workingDayDeadline(sentAt: Date, workingDays: number): Date {
  if (!Number.isInteger(workingDays) || workingDays < 0) throw new RangeError('workingDays must be a whole number, 0 or more');
  let { date, msOfDay } = wallClock(sentAt);
  if (isWeekend(date)) {
    date = nextWeekday(date);
    msOfDay = 0;
  }
  for (let i = 0; i < workingDays; i++) date = nextWeekday(date);
  return instantOf(date, msOfDay);
}

/** Overdue: still unanswered after the deadline. */
export function isPastDeadline(sentAt: Date, workingDays: number, now: Date = new Date()): boolean {
  return workingDayDeadline(sentAt, workingDays).getTime() < now.getTime();
}

/**
 * The cut-off for SQL: a referral sent before the returned instant is overdue at `now`, one
 * sent at or after it is not. The deadline only ever moves later when the sent time does, so
 * bisection finds the boundary exactly (to the millisecond) without inverting the calendar rules.
 */
export function overdueCutoff(now: Date, workingDays: number): Date {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError('workingDays must be a whole number, 1 or more');
  const end = now.getTime();
  // Far enough back to be overdue whatever the weekends (n working days span < 2n + 7 calendar days).
  let lo = end - (2 * workingDays + 7) * DAY_MS;
  let hi = end;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (workingDayDeadline(new Date(mid), workingDays).getTime() < end) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}
