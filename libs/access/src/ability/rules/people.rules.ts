import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

/**
 * Subjects (people), their special category details, cases and case notes.
 * STAFF may make a quick record of a person (with an incident) but read nothing about people;
 * special category details are for managers, outreach workers and the DPO only; case notes are
 * never updated (corrections are new notes), so no role gets `update` on CaseNote.
 * ADMIN and PARTNER get nothing here (partner sharing comes with case shares).
 */
export function peopleRules({ can, p, inService }: RuleContext): void {
  switch (p.role) {
    case Role.MANAGER:
      can('read', ['Subject', 'SubjectSpecialCategory', 'Case'], inService);
      can(['create', 'update', 'merge'], 'Subject', inService);
      can(['create', 'update'], ['SubjectSpecialCategory', 'Case'], inService);
      can(['read', 'create'], 'CaseNote', inService);
      break;
    case Role.OUTREACH_WORKER:
      can('read', ['Subject', 'SubjectSpecialCategory', 'Case'], inService);
      can(['create', 'update'], ['Subject', 'SubjectSpecialCategory', 'Case'], inService);
      can(['read', 'create'], 'CaseNote', inService);
      break;
    case Role.STAFF:
      can('create', 'Subject', inService);
      break;
    case Role.DPO:
      can('read', ['Subject', 'SubjectSpecialCategory', 'Case', 'CaseNote'], inService);
      break;
  }
}
