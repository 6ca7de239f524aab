import { BadInputError, ConflictError } from '../../../common/src/index.js';
import { ReferralDeclineReason, type ReferralOutcome, ReferralStatus } from './referral.enums.js';

const S = ReferralStatus;

/** The whole status flow: every move not listed here is refused. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  [S.DRAFT]: [S.SENT],
  [S.SENT]: [S.ACCEPTED, S.DECLINED, S.WITHDRAWN],
  [S.ACCEPTED]: [S.IN_PROGRESS],
  [S.IN_PROGRESS]: [S.CLOSED],
  [S.DECLINED]: [],
  [S.WITHDRAWN]: [],
  [S.CLOSED]: [],
};

/** Statuses a referral never leaves; the retention clock starts when it reaches one. */
export const TERMINAL_STATUSES: readonly ReferralStatus[] = [S.DECLINED, S.WITHDRAWN, S.CLOSED];

export function isTerminal(status: ReferralStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * A move the flow does not allow. CONFLICT, not BAD_USER_INPUT: the request is well formed but
 * clashes with the referral's current state (like changing an archived record), and reloading
 * shows why. `extensions` carry from, to and the moves that are allowed.
 */
export class InvalidReferralTransitionError extends ConflictError {
  constructor(
    readonly from: ReferralStatus,
    readonly to: ReferralStatus,
  ) {
    const allowed = REFERRAL_TRANSITIONS[from];
    super(`A referral cannot go from ${from} to ${to}` + (allowed.length ? ` (from ${from} it can go to ${allowed.join(' or ')})` : ` (${from} is final)`), {
      from,
      to,
      allowed: [...allowed],
    });
  }
}

export function canTransition(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

/** What a transition may carry; which parts are required depends on the target status. */
export interface TransitionDetails {
  outcome?: ReferralOutcome | null;
  outcomeNotes?: string | null;
  declineReason?: ReferralDeclineReason | null;
  declineDetails?: string | null;
  withdrawalReason?: string | null;
}

/** The columns a transition changes. */
export interface TransitionPatch {
  status: ReferralStatus;
  sentAt?: Date;
  acceptedAt?: Date;
  declinedAt?: Date;
  withdrawnAt?: Date;
  startedAt?: Date;
  closedAt?: Date;
  outcome?: ReferralOutcome;
  outcomeNotes?: string | null;
  declineReason?: ReferralDeclineReason;
  declineDetails?: string | null;
  withdrawalReason?: string | null;
}

const blank = (s: string | null | undefined) => !s || !s.trim();

/**
 * Pure: checks a move against the flow and what it requires, and returns the columns to set
 * (the status and the timestamp of the step, used for fast statistics).
 * Invalid move → CONFLICT (InvalidReferralTransitionError); missing outcome or decline reason → BAD_USER_INPUT.
 */
export function planTransition(from: ReferralStatus, to: ReferralStatus, details: TransitionDetails, at: Date): TransitionPatch {
  if (!canTransition(from, to)) throw new InvalidReferralTransitionError(from, to);
  switch (to) {
    case S.SENT:
      return { status: to, sentAt: at };
    case S.ACCEPTED:
      return { status: to, acceptedAt: at };
    case S.IN_PROGRESS:
      return { status: to, startedAt: at };
    case S.DECLINED:
      if (!details.declineReason) throw new BadInputError('declineReason is required to decline a referral', { field: 'declineReason' });
      if (details.declineReason === ReferralDeclineReason.OTHER && blank(details.declineDetails)) {
        throw new BadInputError('declineDetails is required when declineReason is OTHER', { field: 'declineDetails' });
      }
      return { status: to, declinedAt: at, declineReason: details.declineReason, declineDetails: details.declineDetails?.trim() || null };
    case S.WITHDRAWN:
      return { status: to, withdrawnAt: at, withdrawalReason: details.withdrawalReason?.trim() || null };
    case S.CLOSED:
      if (!details.outcome) throw new BadInputError('outcome is required to close a referral', { field: 'outcome' });
      return { status: to, closedAt: at, outcome: details.outcome, outcomeNotes: details.outcomeNotes?.trim() || null };
    default:
      throw new InvalidReferralTransitionError(from, to);
  }
}
