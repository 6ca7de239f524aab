import type { EntityManager } from 'typeorm';
import { AccessDeniedError } from '../../../common/src/index.js';

/**
 * Restriction of processing (UK GDPR Article 18): while a subject is restricted, their records
 * are readable only by the DPO and cannot be shared. The restriction lives in
 * `subject_restriction` (one active row per subject); these helpers are how the other contexts
 * honour it, since access rules cannot see another table.
 */
export class SubjectRestrictedError extends AccessDeniedError {
  constructor(subjectIds: string[]) {
    super("This person's records are restricted at their request: only the data protection officer may read them, and they cannot be shared", { subjectIds });
  }
}

/** SQL predicate: the subject in `subjectIdSql` (a column, e.g. `"referral"."subject_id"`) is restricted now. */
export function subjectRestrictedSql(subjectIdSql: string): string {
  return `EXISTS (SELECT 1 FROM subject_restriction sr WHERE sr.subject_id = ${subjectIdSql} AND sr.lifted_at IS NULL)`;
}

/** SQL predicate: the subject in `subjectIdSql` is not restricted. */
export function subjectNotRestrictedSql(subjectIdSql: string): string {
  return `NOT ${subjectRestrictedSql(subjectIdSql)}`;
}

/** Which of these subjects are restricted now. */
export async function restrictedSubjectIds(m: EntityManager, subjectIds: string[]): Promise<Set<string>> {
  if (!subjectIds.length) return new Set();
  const rows: { subject_id: string }[] = await m.query('SELECT subject_id FROM subject_restriction WHERE subject_id = ANY($1::uuid[]) AND lifted_at IS NULL', [
    subjectIds,
  ]);
  return new Set(rows.map((r) => r.subject_id));
}

/** Refuses to share (or let a non-DPO read) records of restricted subjects: FORBIDDEN. Call inside the sharing transaction. */
export async function assertNotRestricted(m: EntityManager, subjectIds: string[]): Promise<void> {
  const restricted = await restrictedSubjectIds(m, subjectIds);
  if (restricted.size) throw new SubjectRestrictedError([...restricted]);
}
