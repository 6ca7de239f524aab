import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

/** What happened, as recorded: the incident's own columns that staff may correct after recording. */
export const INCIDENT_RECORD_FIELDS = [
  'branchId',
  'occurredAt',
  'reportedAt',
  'locationInBuilding',
  'category',
  'severity',
  'byelawsBreached',
  'byelawDetails',
  'description',
  'actionsTaken',
  'reportedToPolice',
  'crimeReferenceNumber',
];

/** The lists added to an incident after it is recorded (each has its own mutations). */
const INCIDENT_CHILD_FIELDS = ['people', 'staffInvolved', 'evidence', 'followUpActions'];

/**
 * Fields of an incident everyone who reads it sees. The staff welfare checklist (answers about
 * colleagues' injuries, time off and counselling) is for managers and the DPO only.
 */
export const INCIDENT_SHARED_FIELDS = [
  'id',
  'libraryServiceId',
  ...INCIDENT_RECORD_FIELDS,
  'recordedById',
  'historic',
  'debriefHeldAt',
  'debriefHeldById',
  'debriefNotes',
  'dataProtection',
  'version',
  'createdAt',
  'updatedAt',
  ...INCIDENT_CHILD_FIELDS,
];

/** What frontline staff and outreach workers may add or correct after recording: not the debrief, welfare or data protection. */
export const INCIDENT_DETAIL_FIELDS = [...INCIDENT_RECORD_FIELDS, ...INCIDENT_CHILD_FIELDS];

/**
 * Incidents and bans. STAFF record and read incidents at their own branches, propose bans in the
 * moment, read the bans they proposed and the desk view of bans at their branches. MANAGER runs
 * it all in their service (only a manager confirms, reviews or lifts a ban). OUTREACH_WORKER
 * records and reads incidents and proposes and reads bans in the service. DPO reads. PARTNER and
 * ADMIN get nothing here. A historic record (one from paper, entered after the fact with its real
 * dates) is a manager's to make: a ban straight in its final state, an incident of years ago.
 */
export function incidentsRules({ can, cannot, p, inService }: RuleContext): void {
  const proposal = { ...inService, status: 'PROPOSED' };
  const historic = { historic: true };
  switch (p.role) {
    case Role.MANAGER:
      can(['read', 'create', 'update'], 'Incident', inService);
      can('read', 'Ban', inService);
      can(['update', 'transition'], 'Ban', inService);
      can('create', 'Ban', proposal);
      can('create', 'Ban', { ...inService, ...historic });
      can('read', 'BanNotice', inService);
      break;
    case Role.OUTREACH_WORKER:
      can('read', 'Incident', INCIDENT_SHARED_FIELDS, inService);
      can('create', 'Incident', inService);
      cannot('create', 'Incident', historic);
      can('update', 'Incident', INCIDENT_DETAIL_FIELDS, inService);
      can('read', 'Ban', inService);
      can('create', 'Ban', proposal);
      can('read', 'BanNotice', inService);
      break;
    case Role.STAFF: {
      const atOwnBranches = { ...inService, branchId: { $in: p.branchIds } };
      can('read', 'Incident', INCIDENT_SHARED_FIELDS, atOwnBranches);
      can('create', 'Incident', atOwnBranches);
      cannot('create', 'Incident', historic);
      can('update', 'Incident', INCIDENT_DETAIL_FIELDS, atOwnBranches);
      can('create', 'Ban', proposal);
      can('read', 'Ban', { ...inService, proposedById: p.id });
      can('read', 'BanNotice', atOwnBranches);
      break;
    }
    case Role.DPO:
      can('read', ['Incident', 'Ban', 'BanNotice'], inService);
      break;
  }
}
