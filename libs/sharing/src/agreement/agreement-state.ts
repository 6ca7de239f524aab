import { addYears } from '../../../common/src/index.js';
import { AgreementStatus, DataCategory } from './agreement.enums.js';

/** Thrown by the pure rules; the service maps `kind` to BAD_USER_INPUT or CONFLICT. */
export class AgreementRuleError extends Error {
  constructor(
    readonly kind: 'input' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

export type AgreementAction = 'activate' | 'suspend' | 'terminate';

/** What the rules look at: the stored agreement and the facts the activation checks need. */
export interface AgreementFacts {
  status: AgreementStatus;
  startsOn: string | null;
  endsOn: string | null;
  reviewOn: string | null;
  categories: DataCategory[];
  specialCategoryCondition: string | null;
  criminalOffenceCondition: string | null;
  dpaPart3: boolean;
  partyCount: number;
  hasPolicePartner: boolean;
  signatories: { signedOn: string }[];
}

/** The moves each (effective) status allows. */
export const AGREEMENT_TRANSITIONS: Readonly<Record<AgreementStatus, readonly AgreementAction[]>> = {
  [AgreementStatus.DRAFT]: ['activate', 'terminate'],
  [AgreementStatus.ACTIVE]: ['suspend', 'terminate'],
  [AgreementStatus.SUSPENDED]: ['activate', 'terminate'],
  [AgreementStatus.EXPIRED]: ['terminate'],
  [AgreementStatus.TERMINATED]: [],
};

const TARGET: Record<AgreementAction, AgreementStatus> = {
  activate: AgreementStatus.ACTIVE,
  suspend: AgreementStatus.SUSPENDED,
  terminate: AgreementStatus.TERMINATED,
};

/** The status an agreement reads as today: ACTIVE or SUSPENDED past its end date is EXPIRED. */
export function effectiveAgreementStatus(a: { status: AgreementStatus; endsOn: string | null }, today: string): AgreementStatus {
  const running = a.status === AgreementStatus.ACTIVE || a.status === AgreementStatus.SUSPENDED;
  return running && a.endsOn !== null && a.endsOn < today ? AgreementStatus.EXPIRED : a.status;
}

/** Data may flow under it today: ACTIVE, started, not ended (the same rule as the live_case_share view). */
export function isAgreementInForce(a: { status: AgreementStatus; startsOn: string | null; endsOn: string | null }, today: string): boolean {
  return a.status === AgreementStatus.ACTIVE && a.startsOn !== null && a.startsOn <= today && (a.endsOn === null || a.endsOn >= today);
}

/** Why an agreement cannot be activated yet, as messages a manager can act on (empty: it can). */
export function activationProblems(a: AgreementFacts, today: string): string[] {
  const problems: string[] = [];
  if (!a.startsOn) problems.push('a start date (startsOn)');
  if (a.endsOn && a.endsOn < today) problems.push(`an end date that has not passed (endsOn ${a.endsOn} is before today)`);
  if (a.partyCount < 1) problems.push('at least one party besides your library service (a partner organisation or another library service)');
  if (a.categories.length < 1) problems.push('at least one data category');
  if (!a.signatories.length) problems.push('at least one signatory with the date they signed');
  if (a.signatories.some((s) => s.signedOn > today)) problems.push('signatures dated today or earlier');
  if (!a.reviewOn) problems.push('a review date (reviewOn)');
  if (a.categories.includes(DataCategory.SPECIAL_CATEGORY) && !a.specialCategoryCondition?.trim()) {
    problems.push('an Article 9(2) / Schedule 1 condition (specialCategoryCondition), since it allows SPECIAL_CATEGORY');
  }
  if (a.categories.includes(DataCategory.CRIMINAL_OFFENCE) && !a.criminalOffenceCondition?.trim() && !a.dpaPart3) {
    problems.push('an Article 10 / Schedule 1 Part 3 condition (criminalOffenceCondition) or DPA 2018 Part 3 processing, since it allows CRIMINAL_OFFENCE');
  }
  if (a.dpaPart3 && !a.hasPolicePartner) problems.push('a police partner party, since it states DPA 2018 Part 3 (law enforcement) processing');
  return problems;
}

/** Checks a move from the agreement's effective status; returns the stored status it moves to. */
export function assertAgreementTransition(a: AgreementFacts, action: AgreementAction, today: string): AgreementStatus {
  const from = effectiveAgreementStatus(a, today);
  const allowed = AGREEMENT_TRANSITIONS[from];
  if (!allowed.includes(action)) {
    const hint = allowed.length ? `from ${from} you may ${allowed.join(' or ')} it` : `${from} is final`;
    throw new AgreementRuleError('conflict', `An agreement that is ${from} cannot be moved to ${TARGET[action]}: ${hint}`);
  }
  if (action === 'activate') {
    const problems = activationProblems(a, today);
    if (problems.length) throw new AgreementRuleError('input', `The agreement cannot be activated yet: it needs ${problems.join('; ')}`);
  }
  return TARGET[action];
}

/** Fields that may still change once an agreement has been activated: its review and end dates (a review may extend it). */
export const FIELDS_EDITABLE_AFTER_ACTIVATION = ['reviewOn', 'endsOn', 'securityMeasures', 'retentionAgreed'] as const;

/** Which fields of an update are refused in this status (everything may change while DRAFT; nothing once final). */
export function refusedEdits(status: AgreementStatus, fields: string[]): string[] {
  if (status === AgreementStatus.DRAFT) return [];
  if (status === AgreementStatus.TERMINATED) return fields;
  return fields.filter((f) => !(FIELDS_EDITABLE_AFTER_ACTIVATION as readonly string[]).includes(f));
}

/** The review date an agreement takes when none is given: one year after its start (none while it has no start). */
export function defaultAgreementReviewOn(startsOn: string | null): string | null {
  return startsOn ? addYears(new Date(`${startsOn}T00:00:00Z`), 1) : null;
}

/** `today + days` as YYYY-MM-DD (UTC calendar arithmetic). */
export function addDays(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
