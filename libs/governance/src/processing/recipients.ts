import { foreignKeys, type Queryable, tableColumns } from './schema-catalog.js';
import type { ProcessingRecipient } from './record-of-processing.types.js';

/**
 * Partner organisations that receive personal data: parties to an ACTIVE data sharing agreement.
 * The agreements table belongs to the sharing context (issue 5); until it exists, nobody does.
 * Parties are found either as the agreement's own partner_organisation_id or through a table
 * that refers to the agreement and has one (a parties table).
 */
export async function activeRecipients(q: Queryable, libraryServiceId: string): Promise<{ recipients: ProcessingRecipient[]; note: string | null }> {
  const columns = await tableColumns(q);
  const agreement = columns.get('data_sharing_agreement');
  if (!agreement) {
    return {
      recipients: [],
      note: 'No data sharing agreements are recorded yet (no data_sharing_agreement table): no partner organisation receives personal data',
    };
  }
  const conditions = [
    ...(agreement.has('status') ? [`a.status = 'ACTIVE'`] : []),
    ...(agreement.has('library_service_id') ? ['a.library_service_id = $1'] : []),
    ...(agreement.has('starts_on') ? ['(a.starts_on IS NULL OR a.starts_on <= current_date)'] : []),
    ...(agreement.has('ends_on') ? ['(a.ends_on IS NULL OR a.ends_on >= current_date)'] : []),
  ];
  const where = conditions.length ? conditions.join(' AND ') : 'TRUE';
  let join: string | null = null;
  if (agreement.has('partner_organisation_id')) {
    join = 'JOIN partner_organisation po ON po.id = a.partner_organisation_id';
  } else {
    // A parties table (not, say, the shares made under an agreement, which also name an organisation).
    const party = (await foreignKeys(q)).find(
      (fk) => fk.refTable === 'data_sharing_agreement' && /part(y|ies)/.test(fk.table) && columns.get(fk.table)?.has('partner_organisation_id'),
    );
    if (party) join = `JOIN "${party.table}" p ON p."${party.column}" = a.id JOIN partner_organisation po ON po.id = p.partner_organisation_id`;
  }
  if (!join) return { recipients: [], note: 'Could not tell which partner organisations are party to the data sharing agreements' };
  const rows = await q.query(
    `SELECT DISTINCT po.id, po.name, po.type FROM data_sharing_agreement a ${join} WHERE ${where} AND po.library_service_id = $1 ORDER BY po.name`,
    [libraryServiceId],
  );
  return {
    recipients: rows.map((r: { id: string; name: string; type: string }) => ({ partnerOrganisationId: r.id, name: r.name, type: r.type })),
    note: agreement.has('status') ? null : 'Agreements have no status column: every recorded agreement was counted as active',
  };
}
