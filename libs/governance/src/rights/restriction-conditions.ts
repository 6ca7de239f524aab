import { registerSqlCondition, type SubjectType } from '../../../access/src/index.js';

/**
 * A CASL condition field for access rules: `subjectRestricted: false` keeps records of restricted
 * subjects out of a role's reads, in SQL (an EXISTS on subject_restriction), e.g.
 *   can('read', 'Referral', { ...inService, subjectRestricted: false })   // everyone but the DPO
 * Use it on read rules only: in-memory checks (canOn, findForWrite) cannot see other tables, so a
 * write rule carrying it would refuse every write. For writes and shares call assertNotRestricted.
 */
export const RESTRICTED_CONDITION = 'subjectRestricted';

export function registerRestrictionCondition(type: SubjectType, subjectIdColumn: string): void {
  registerSqlCondition(type, RESTRICTED_CONDITION, (alias, param) =>
    `(EXISTS (SELECT 1 FROM subject_restriction sr WHERE sr.subject_id = ${alias}."${subjectIdColumn}" AND sr.lifted_at IS NULL)) IN ${param}`);
}

/** The record types that hold a person's records, by the column naming the person. */
export const RESTRICTABLE_TYPES: [SubjectType, string][] = [
  ['Subject', 'id'], ['SubjectSpecialCategory', 'subject_id'], ['Case', 'subject_id'], ['Ban', 'subject_id'],
  ['Referral', 'subject_id'], ['IntelligenceItem', 'subject_id'],
];
for (const [type, column] of RESTRICTABLE_TYPES) registerRestrictionCondition(type, column);
