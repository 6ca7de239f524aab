import type { EntityManager } from 'typeorm';
import { type Actor, findAccessible } from '../../../access/src/index.js';
import { BadInputError, NotFoundError } from '../../../common/src/index.js';
import { subjectNotRestrictedSql } from '../../../governance/src/index.js';
import { PartnerOrganisation, PartnerStatus } from '../../../partners/src/index.js';

/**
 * The person must be a subject of the referral's own library service, and not restricted (a
 * restricted person reads as not found, as in the read rules; a referral would disclose them).
 * Read with SQL on the subject table (id and merge pointer only): this context does not load or
 * expose the Subject record itself.
 */
export async function assertSubjectInService(m: EntityManager, subjectId: string, libraryServiceId: string): Promise<void> {
  const [row] = await m.query(`SELECT merged_into_id FROM subject s WHERE s.id = $1 AND s.library_service_id = $2 AND ${subjectNotRestrictedSql('s.id')}`, [subjectId, libraryServiceId]);
  if (!row) throw new NotFoundError('Subject', subjectId);
  if (row.merged_into_id) {
    throw new BadInputError(`Subject ${subjectId} was merged into ${row.merged_into_id}: refer that record instead`, { field: 'subjectId', mergedIntoId: row.merged_into_id });
  }
}

/** The receiving organisation: readable by the worker (else NOT_FOUND) and ACTIVE (else BAD_USER_INPUT). */
export async function activePartner(m: EntityManager, actor: Actor, partnerOrganisationId: string): Promise<PartnerOrganisation> {
  const org = await findAccessible(m, PartnerOrganisation, 'PartnerOrganisation', actor, partnerOrganisationId);
  if (org.status !== PartnerStatus.ACTIVE) {
    throw new BadInputError(`PartnerOrganisation ${org.id} is ${org.status}: refer to an active organisation`, { field: 'partnerOrganisationId' });
  }
  return org;
}

/** A named contact must belong to the receiving organisation and not be archived. */
export async function assertContactOfPartner(m: EntityManager, partnerContactId: string, partnerOrganisationId: string): Promise<void> {
  const [row] = await m.query(
    'SELECT 1 FROM partner_contact WHERE id = $1 AND partner_organisation_id = $2 AND archived_at IS NULL',
    [partnerContactId, partnerOrganisationId]);
  if (!row) {
    throw new BadInputError(`partnerContactId ${partnerContactId} is not a current contact of the receiving partner organisation`, { field: 'partnerContactId' });
  }
}
