import type { EntityManager } from 'typeorm';
import { BadInputError } from '../../../common/src/index.js';
import { AuditAction, newDataProtection, retainUntilFor, updateDataProtection } from '../../../governance/src/index.js';
import { PartnerContact } from '../partner-contact/partner-contact.entity.js';
import { PreferredContactMethod } from '../partner-contact/preferred-contact-method.enum.js';
import { PartnerOrganisation } from '../partner-organisation/partner-organisation.entity.js';
import { PartnerStatus } from '../partner-organisation/partner-status.enum.js';
import { type DirectoryRecord, organisationsOf, parseOrganisation } from './open-referral.js';

/** Organisations one import may hold (the document's own size is limited where it arrives). */
export const DIRECTORY_MAX_ORGANISATIONS = 1000;

export interface RefusedDirectoryRecord {
  /** Position of the organisation in the document, from 0. */
  index: number;
  sourceId: string | null;
  reason: string;
}

export interface DirectoryImportResult {
  created: number;
  updated: number;
  unchanged: number;
  refused: RefusedDirectoryRecord[];
  contactsCreated: number;
  contactsUpdated: number;
}

/** Writes the audit rows of the import with its transaction (the request's allowance, or the CLI's identity). */
export type DirectoryAudit = (action: AuditAction, entityType: string, rows: readonly { id: string; libraryServiceId: string }[]) => Promise<void>;

class Refused extends Error {}

/** The document's organisations, parsed: the JSON itself must be sound, its records each may fail alone. */
export function parseDirectory(document: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new BadInputError('The document is not valid JSON');
  }
  let organisations: unknown[];
  try {
    organisations = organisationsOf(parsed);
  } catch (err) {
    throw new BadInputError(`The document is not an Open Referral UK directory: ${(err as Error).message}`);
  }
  if (organisations.length > DIRECTORY_MAX_ORGANISATIONS) {
    throw new BadInputError(`The document holds ${organisations.length} organisations; import at most ${DIRECTORY_MAX_ORGANISATIONS} at a time`);
  }
  return organisations;
}

/**
 * Imports an Open Referral UK document into one library service's partners, inside the caller's
 * transaction: each organisation in a savepoint of its own, so a record refused (invalid, or in
 * conflict with another partner) leaves the others written. Keyed by the ORUK organisation id
 * (partner_organisation.source_id, unique per service): a second import updates, never duplicates.
 * Type and relationship are the library's (ORUK has neither): set on creation (OTHER,
 * COLLABORATIVE_RELATIONSHIP), never overwritten. Contacts are matched by name within the
 * organisation; contacts the document no longer lists are left as they are.
 */
export async function importDirectory(
  m: EntityManager,
  libraryServiceId: string,
  document: string,
  audit: DirectoryAudit,
  progress?: (done: number, total: number) => void,
): Promise<DirectoryImportResult> {
  const organisations = parseDirectory(document);
  const result: DirectoryImportResult = { created: 0, updated: 0, unchanged: 0, refused: [], contactsCreated: 0, contactsUpdated: 0 };
  const seen = new Set<string>();
  const retainUntil = await retainUntilFor(m, libraryServiceId, 'PARTNER_CONTACT', new Date());
  for (const [index, raw] of organisations.entries()) {
    const parsed = parseOrganisation(raw);
    if (!parsed.ok) result.refused.push({ index, sourceId: parsed.sourceId, reason: parsed.reason });
    else if (seen.has(parsed.record.sourceId))
      result.refused.push({ index, sourceId: parsed.record.sourceId, reason: 'the id appears earlier in the document' });
    else {
      seen.add(parsed.record.sourceId);
      await m.query('SAVEPOINT directory_record');
      try {
        await writeRecord(m, libraryServiceId, parsed.record, retainUntil, audit, result);
        await m.query('RELEASE SAVEPOINT directory_record');
      } catch (err) {
        await m.query('ROLLBACK TO SAVEPOINT directory_record');
        // A refusal names its reason; anything else (a race on the unique indexes) is told without its SQL.
        const reason = err instanceof Refused ? err.message : 'could not be written (it conflicts with another partner)';
        result.refused.push({ index, sourceId: parsed.record.sourceId, reason });
      }
    }
    progress?.(index + 1, organisations.length);
  }
  return result;
}

const ORGANISATION_FIELDS = ['name', 'servicesOffered', 'areasCovered', 'email', 'website', 'phone'] as const;
const CONTACT_FIELDS = ['jobTitle', 'email', 'phone'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function writeRecord(
  m: EntityManager,
  libraryServiceId: string,
  record: DirectoryRecord,
  retainUntil: string,
  audit: DirectoryAudit,
  result: DirectoryImportResult,
): Promise<void> {
  const orgs = m.getRepository(PartnerOrganisation);
  const incoming = record.organisation;
  // Locked until the import commits: a manager's edit meanwhile waits, then meets the new version (CONFLICT), rather than being overwritten.
  let org = await orgs.findOne({ where: { libraryServiceId, sourceId: record.sourceId }, lock: { mode: 'pessimistic_write' } });
  if (org?.status === PartnerStatus.ARCHIVED) throw new Refused(`the partner imported from this id (${org.id}) is archived`);
  const namesake = await orgs
    .createQueryBuilder('p')
    .where('p.libraryServiceId = :libraryServiceId AND lower(p.name) = lower(:name)', { libraryServiceId, name: incoming.name })
    .getOne();
  if (namesake && namesake.id !== org?.id)
    throw new Refused(`a partner called "${incoming.name}" already exists (${namesake.id}) and was not imported from this id`);

  const values: Pick<PartnerOrganisation, (typeof ORGANISATION_FIELDS)[number]> = {
    name: incoming.name,
    servicesOffered: incoming.servicesOffered ?? [],
    areasCovered: incoming.areasCovered ?? [],
    email: incoming.email ?? null,
    website: incoming.website ?? null,
    phone: incoming.phone ?? null,
  };
  let changed = false;
  const isNew = !org;
  if (!org) {
    org = await orgs.save(
      orgs.create({
        ...values,
        libraryServiceId,
        sourceId: record.sourceId,
        type: incoming.type,
        relationship: incoming.relationship,
        status: PartnerStatus.ACTIVE,
        address: null,
        notes: null,
        archivedAt: null,
      }),
    );
    await audit(AuditAction.CREATE, 'PartnerOrganisation', [org]);
    result.created++;
  } else if (ORGANISATION_FIELDS.some((f) => !same(org![f], values[f]))) {
    Object.assign(org, values);
    org = await orgs.save(org);
    await audit(AuditAction.UPDATE, 'PartnerOrganisation', [org]);
    changed = true;
  }

  const repo = m.getRepository(PartnerContact);
  const existing = await repo.find({ where: { partnerOrganisationId: org.id } });
  const created: PartnerContact[] = [];
  const updated: PartnerContact[] = [];
  for (const c of record.contacts) {
    const match = existing.find((e) => e.archivedAt === null && e.name.toLowerCase() === c.name.toLowerCase());
    const fields = { jobTitle: c.jobTitle ?? null, email: c.email ?? null, phone: c.phone ?? null };
    if (!match) {
      created.push(
        await repo.save(
          repo.create({
            libraryServiceId,
            partnerOrganisationId: org.id,
            name: c.name,
            ...fields,
            preferredContact: PreferredContactMethod.EMAIL,
            notes: null,
            archivedAt: null,
            // Partner staff in their work role, as createPartnerContact records them (PUBLIC_TASK).
            dataProtection: newDataProtection('PARTNER_CONTACT', undefined, retainUntil),
          }),
        ),
      );
    } else if (CONTACT_FIELDS.some((f) => !same(match[f], fields[f]))) {
      Object.assign(match, fields);
      // Details confirmed by the directory restart the retention clock, as an update here does.
      updateDataProtection('PARTNER_CONTACT', match.dataProtection, undefined, retainUntil);
      updated.push(await repo.save(match));
    }
  }
  if (created.length) await audit(AuditAction.CREATE, 'PartnerContact', created);
  if (updated.length) await audit(AuditAction.UPDATE, 'PartnerContact', updated);
  result.contactsCreated += created.length;
  result.contactsUpdated += updated.length;
  // A partner whose contacts alone changed counts as updated; one the document leaves as it was, as unchanged.
  if (!isNew) {
    if (changed || created.length || updated.length) result.updated++;
    else result.unchanged++;
  }
}
