import { BadInputError } from '../../../common/src/index.js';
import { RefusalGround, RightsDecision, RightsRequestType } from './rights-request.enums.js';

export interface DecisionInput {
  decision: RightsDecision;
  reason?: string;
  refusalGround?: RefusalGround;
  keepRecordTypes?: string[];
  corrections?: unknown[];
}

/**
 * Whether a decision is complete for its request type, before anything is carried out.
 * Returns the problems, each a sentence the DPO can act on.
 */
export function decisionProblems(type: RightsRequestType, d: DecisionInput): string[] {
  const problems: string[] = [];
  const reasoned = Boolean(d.reason?.trim());
  if (d.decision !== RightsDecision.GRANTED && !reasoned) problems.push('reason is required when a request is granted in part or refused');
  if (d.decision === RightsDecision.REFUSED && !d.refusalGround)
    problems.push('refusalGround is required when refusing: name the retention duty, legal hold or exemption');
  if (d.decision !== RightsDecision.REFUSED && d.refusalGround) problems.push('refusalGround is only for refusals');
  if (d.refusalGround === RefusalGround.RETENTION_DUTY && !d.keepRecordTypes?.length)
    problems.push('a refusal for a retention duty must name the record types it keeps (keepRecordTypes)');
  if (d.keepRecordTypes?.length && type !== RightsRequestType.ERASURE) problems.push('keepRecordTypes applies to erasure requests only');
  if (type === RightsRequestType.ERASURE && d.decision === RightsDecision.GRANTED && d.keepRecordTypes?.length) {
    problems.push('a full grant keeps nothing: grant in part to keep record types');
  }
  if (d.corrections?.length && type !== RightsRequestType.RECTIFICATION) problems.push('corrections apply to rectification requests only');
  if (d.corrections?.length && d.decision === RightsDecision.REFUSED) problems.push('a refusal makes no corrections');
  if (type === RightsRequestType.RECTIFICATION && d.decision !== RightsDecision.REFUSED && !d.corrections?.length) {
    problems.push('granting a rectification needs the corrections to make');
  }
  if (type === RightsRequestType.RESTRICTION && d.decision === RightsDecision.PARTLY_GRANTED) {
    problems.push('a restriction is granted or refused, not granted in part');
  }
  return problems;
}

export function assertDecision(type: RightsRequestType, d: DecisionInput): void {
  const problems = decisionProblems(type, d);
  if (problems.length) throw new BadInputError(`The decision is incomplete: ${problems.join('; ')}`, { problems });
}

/**
 * One calendar month after receipt (UK GDPR Article 12(3)); when the next month has no such
 * day, its last day (received 31 January: due 28 or 29 February).
 */
export function responseDueOn(receivedOn: string): string {
  const [y, m, d] = receivedOn.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, lastDay))).toISOString().slice(0, 10);
}
