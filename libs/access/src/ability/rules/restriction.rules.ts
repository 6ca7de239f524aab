import { Role } from '../../users/role.enum.js';
import type { SubjectType } from '../subjects.js';
import type { RuleContext } from './rule-context.js';
import { SHARED_CASE_VIEWS } from './sharing.rules.js';

/**
 * The record types that are a person's records, and so fall under a restriction of processing
 * (UK GDPR Art 18, docs/domain.md#restriction). `subjectRestricted` is a SQL condition (an
 * EXISTS over subject_restriction for the record's person) registered by libs/governance, so this
 * rule works in the SQL WHERE of every read; in-memory checks never see it.
 */
export const PERSON_RECORD_TYPES: SubjectType[] = [
  'Subject',
  'SubjectSpecialCategory',
  'Case',
  'Ban',
  'Referral',
  'IntelligenceItem',
  'SharedCase',
  'CaseUpdate',
  // The partner projection of a shared case: every row is about the case's person.
  ...SHARED_CASE_VIEWS,
];

/**
 * Restriction, defined once: while a person is restricted, nobody but the DPO reads their records
 * (and they cannot be shared: libs/sharing checks that in the sharing transaction).
 * Applied after every context's rules, so it wins over any `can`.
 *
 * Deliberate exception: the frontline desk view of bans in force (`BanNotice`, from the ban_notice
 * view) is not a person record here. Staff must still see that a restricted person is banned
 * (Art 18(2): processing for the protection of the rights of another person), so BanNotice is
 * left out of PERSON_RECORD_TYPES on purpose, and its read rules in incidents.rules.ts apply as they are.
 */
export function restrictionRules({ cannot, p }: RuleContext): void {
  if (p.role === Role.DPO) return;
  cannot('read', PERSON_RECORD_TYPES, { subjectRestricted: true });
}
