import type { EntityManager } from 'typeorm';
import type { AccessScope } from '../../../access/src/index.js';
import { BadInputError } from '../../../common/src/index.js';
import { PartnerOrganisation, PartnerStatus } from '../../../partners/src/index.js';

/**
 * The person referred must be one the worker may read (their own library service; a restricted
 * person reads as not found, as everywhere: a referral would disclose them) and not merged away.
 * Checked through the Subject read rules, on the subject's id and merge pointer only: this context
 * does not load or expose the Subject record itself.
 */
export async function assertSubjectReferable(s: AccessScope, subjectId: string): Promise<void> {
  // By entity name: the Subject class belongs to the cases context, which this one does not import.
  const found = await s.reference<{ id: string; mergedIntoId: string | null }>('Subject', 'Subject', subjectId);
  if (found.mergedIntoId) {
    throw new BadInputError(`Subject ${subjectId} was merged into ${found.mergedIntoId}: refer that record instead`, {
      field: 'subjectId',
      mergedIntoId: found.mergedIntoId,
    });
  }
}

/** The receiving organisation: readable by the worker (else NOT_FOUND) and ACTIVE (else BAD_USER_INPUT). */
export async function activePartner(s: AccessScope, partnerOrganisationId: string): Promise<PartnerOrganisation> {
  const org = await s.reference(PartnerOrganisation, 'PartnerOrganisation', partnerOrganisationId);
  if (org.status !== PartnerStatus.ACTIVE) {
    throw new BadInputError(`PartnerOrganisation ${org.id} is ${org.status}: refer to an active organisation`, { field: 'partnerOrganisationId' });
  }
  return org;
}

/** A named contact must belong to the receiving organisation and not be archived. */
export async function assertContactOfPartner(m: EntityManager, partnerContactId: string, partnerOrganisationId: string): Promise<void> {
  const [row] = await m.query('SELECT 1 FROM partner_contact WHERE id = $1 AND partner_organisation_id = $2 AND archived_at IS NULL', [
    partnerContactId,
    partnerOrganisationId,
  ]);
  if (!row) {
    throw new BadInputError(`partnerContactId ${partnerContactId} is not a current contact of the receiving partner organisation`, {
      field: 'partnerContactId',
    });
  }
}
