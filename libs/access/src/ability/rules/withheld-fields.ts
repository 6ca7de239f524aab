import type { SubjectType } from '../subjects.js';

/**
 * For each type that some role reads with a field list, the fields deliberately withheld from
 * such readers. Every other column of the entity must be in those readers' field lists: a test
 * (test/architecture/field-decisions.spec.ts) fails when an entity gains a column that no field
 * decision names, so a new column is never shown or hidden by accident.
 */
export const WITHHELD_FIELDS: Partial<Record<SubjectType, readonly string[]>> = {
  // Internal notes about the partnership: managers, administrators and the DPO only.
  PartnerOrganisation: ['notes'],
  // Answers about colleagues' injuries, time off and counselling: managers and the DPO only.
  Incident: ['welfareChecks'],
  // A colleague's address, account status and sign-in times: the user, administrators and the DPO.
  User: ['email', 'passwordHash', 'isActive', 'invitationPending', 'twoFactorEnabled', 'partnerOrganisationActive', 'lastLoginAt', 'createdAt', 'updatedAt'],
};
