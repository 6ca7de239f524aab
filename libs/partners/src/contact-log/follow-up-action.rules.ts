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

/** Overdue: not completed and due before today (due today is not yet overdue). */
export function isOverdue(action: { dueOn: string; completedAt?: Date | null }, today: string = calendarDate()): boolean {
  return !action.completedAt && action.dueOn < today;
}
