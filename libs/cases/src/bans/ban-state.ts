import { addYears } from '../../../common/src/index.js';
import { BanStatus } from './ban.enums.js';

/** Thrown by the pure rules; the service maps `kind` to BAD_USER_INPUT or CONFLICT. */
export class BanRuleError extends Error {
  constructor(
    readonly kind: 'input' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

/** The allowed moves, from the status the ban has now (its effective status). */
export const BAN_TRANSITIONS: Readonly<Record<BanStatus, readonly BanStatus[]>> = {
  [BanStatus.PROPOSED]: [BanStatus.ACTIVE, BanStatus.LIFTED],
  [BanStatus.ACTIVE]: [BanStatus.UNDER_REVIEW, BanStatus.LIFTED],
  [BanStatus.UNDER_REVIEW]: [BanStatus.ACTIVE, BanStatus.LIFTED],
  [BanStatus.LIFTED]: [],
  [BanStatus.EXPIRED]: [],
};

/** Statuses in which a ban, once started, is in force until its end date. */
const RUNNING: readonly BanStatus[] = [BanStatus.ACTIVE, BanStatus.UNDER_REVIEW];

/** The status a ban reads as today: a running ban whose end date has passed has EXPIRED. */
export function effectiveBanStatus(ban: { status: BanStatus; endsOn: string | null }, today: string): BanStatus {
  return RUNNING.includes(ban.status) && ban.endsOn !== null && ban.endsOn < today ? BanStatus.EXPIRED : ban.status;
}

/**
 * The same rule in SQL, for filters: `:today` must be bound to the same calendar date the code
 * uses. Columns are given as the query names them (`"ban"."status"`, or `ban.status` in a TypeORM
 * query builder). Kept next to `effectiveBanStatus` so the two change together.
 */
export function effectiveBanStatusSql(statusColumn: string, endsOnColumn: string): string {
  return `(CASE WHEN ${statusColumn} IN ('ACTIVE','UNDER_REVIEW') AND ${endsOnColumn} < CAST(:today AS date) THEN 'EXPIRED' ELSE ${statusColumn} END)`;
}

/** In force today: confirmed, started, not yet ended (a ban under review still applies). */
export function isBanInForce(ban: { status: BanStatus; startsOn: string; endsOn: string | null }, today: string): boolean {
  return RUNNING.includes(effectiveBanStatus(ban, today)) && ban.startsOn <= today;
}

export interface BanForTransition {
  status: BanStatus;
  startsOn: string;
  endsOn: string | null;
}

/**
 * Checks a move from the ban's effective status to `to`; throws with a message naming both.
 * Moving to a status that no transition sets is the user's input error; a move the current
 * status does not allow is a conflict with the record's state.
 */
export function assertBanTransition(ban: BanForTransition, to: BanStatus, today: string, note?: string | null): void {
  const from = effectiveBanStatus(ban, today);
  if (to === BanStatus.EXPIRED)
    throw new BanRuleError('input', `A ban cannot be moved from ${from} to EXPIRED: it expires by itself when endsOn has passed; change endsOn instead`);
  if (to === BanStatus.PROPOSED) throw new BanRuleError('input', `A ban cannot be moved from ${from} to PROPOSED: a ban is proposed only when it is created`);
  if (!BAN_TRANSITIONS[from].includes(to)) {
    const allowed = BAN_TRANSITIONS[from];
    const hint = allowed.length ? `from ${from} it may go to ${allowed.join(' or ')}` : `${from} is final`;
    throw new BanRuleError('conflict', `A ban cannot be moved from ${from} to ${to}: ${hint}`);
  }
  if (to === BanStatus.ACTIVE && from === BanStatus.PROPOSED) {
    if (!ban.endsOn)
      throw new BanRuleError('input', 'A ban cannot be moved from PROPOSED to ACTIVE without an end date: set endsOn (and reviewOn) with updateBan first');
    if (ban.endsOn < today) throw new BanRuleError('input', `A ban cannot be moved from PROPOSED to ACTIVE: its endsOn (${ban.endsOn}) has already passed`);
  }
  if (to === BanStatus.LIFTED && !note?.trim()) throw new BanRuleError('input', `A ban cannot be moved from ${from} to LIFTED without a note saying why`);
}

export interface BanDates {
  startsOn: string;
  endsOn: string | null;
  reviewOn: string | null;
  abaOffered: boolean;
  abaSigned: boolean;
  abaSignedOn: string | null;
  appealLodgedOn: string | null;
  appealOutcome: string | null;
  appealOutcomeOn: string | null;
}

/** Problems with a ban's dates and agreement/appeal fields, each naming the fields; empty when fine. */
export function banDateProblems(b: BanDates, today: string): string[] {
  const p: string[] = [];
  if (b.endsOn && b.endsOn < b.startsOn) p.push(`endsOn (${b.endsOn}) is before startsOn (${b.startsOn})`);
  if (b.reviewOn && b.reviewOn < b.startsOn) p.push(`reviewOn (${b.reviewOn}) is before startsOn (${b.startsOn})`);
  if (b.reviewOn && b.endsOn && b.reviewOn > b.endsOn) p.push(`reviewOn (${b.reviewOn}) is after endsOn (${b.endsOn}): review a ban before it ends`);
  if (b.abaSigned && !b.abaOffered) p.push('an acceptable behaviour agreement cannot be signed without being offered (abaOffered)');
  if (b.abaSignedOn && !b.abaSigned) p.push('abaSignedOn needs abaSigned');
  if (b.abaSignedOn && b.abaSignedOn > today) p.push(`abaSignedOn (${b.abaSignedOn}) is in the future`);
  if (b.appealLodgedOn && b.appealLodgedOn > today) p.push(`appealLodgedOn (${b.appealLodgedOn}) is in the future`);
  if (b.appealOutcome && !b.appealLodgedOn) p.push('appealOutcome needs appealLodgedOn: an appeal is lodged before it is decided');
  if (b.appealOutcomeOn && !b.appealOutcome) p.push('appealOutcomeOn needs appealOutcome');
  if (b.appealOutcomeOn && b.appealLodgedOn && b.appealOutcomeOn < b.appealLodgedOn)
    p.push(`appealOutcomeOn (${b.appealOutcomeOn}) is before appealLodgedOn (${b.appealLodgedOn})`);
  if (b.appealOutcomeOn && b.appealOutcomeOn > today) p.push(`appealOutcomeOn (${b.appealOutcomeOn}) is in the future`);
  return p;
}

/**
 * Bans are kept `years` (the service's BAN policy, retentionYearsFor; default 2, docs/domain.md#retention-defaults) after
 * the ban ends: its end date, or the day it was lifted if earlier; a proposal with no end date yet
 * counts from its start until dates are set.
 */
export function banRetainUntil(b: { startsOn: string; endsOn: string | null; liftedOn: string | null }, years: number): string {
  let end = b.endsOn ?? b.startsOn;
  if (b.liftedOn && b.liftedOn < end) end = b.liftedOn;
  if (b.liftedOn && !b.endsOn) end = b.liftedOn;
  return addYears(new Date(`${end}T00:00:00Z`), years);
}
