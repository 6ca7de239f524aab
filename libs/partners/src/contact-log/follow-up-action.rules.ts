import { calendarDate } from '../../../common/src/index.js';

/** Overdue: not completed and due before today (due today is not yet overdue). */
export function isOverdue(action: { dueOn: string; completedAt?: Date | null }, today: string = calendarDate()): boolean {
  return !action.completedAt && action.dueOn < today;
}
