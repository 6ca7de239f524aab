import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { AuditAction } from '../../../governance/src/index.js';
import { PartnerContact } from '../partner-contact/partner-contact.entity.js';
import { PartnerOrganisation } from '../partner-organisation/partner-organisation.entity.js';
import { PartnerStatus } from '../partner-organisation/partner-status.enum.js';
import { type DirectoryImportResult, importDirectory } from './directory-import.js';
import { directoryDocument, directoryWords } from './directory-query.js';
import { toOpenReferral } from './open-referral.js';

/** The library service's partners as an Open Referral UK directory: imported (administrators) and exported (managers, administrators). */
@Injectable()
export class PartnerDirectoryService {
  constructor(private readonly scopes: AccessScopes) {}

  async import(actor: Actor, document: string): Promise<DirectoryImportResult> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('update', 'PartnerDirectory', { libraryServiceId });
    return scope.transaction((s, m) => importDirectory(m, libraryServiceId, document, (action, type, rows) => s.audited(action, type, rows)));
  }

  /**
   * Active partners whose services offered match any of `serviceWords` (by the start of a word),
   * those whose areas covered match a word of `places` first, then by how well the services match
   * (ts_rank), then by name. With the reader's rules: a partner's user sees at most their own organisation.
   */
  async suggest(actor: Actor, serviceWords: string[], places: string[], first: number): Promise<PartnerOrganisation[]> {
    const words = [...new Set(serviceWords.flatMap(directoryWords))];
    if (!words.length) return [];
    const needs = words.map((w) => `${w}:*B`).join(' | ');
    // Short words of an address ("1", "St") would match too much as prefixes.
    const placeWords = [...new Set(places.flatMap(directoryWords))].filter((w) => w.length >= 3 && !/^\d+$/.test(w));
    const areas = placeWords.length ? placeWords.map((w) => `${w}:*C`).join(' | ') : null;
    return this.scopes.of(actor).findMany(PartnerOrganisation, 'PartnerOrganisation', (qb, a) => {
      const doc = directoryDocument(a);
      qb.andWhere(`${a}.status = :active`, { active: PartnerStatus.ACTIVE }).andWhere(`${doc} @@ to_tsquery('simple', :needs)`, { needs });
      if (areas) qb.orderBy(`(${doc} @@ to_tsquery('simple', :areas))`, 'DESC').setParameter('areas', areas);
      qb.addOrderBy(`ts_rank(${doc}, to_tsquery('simple', :needs))`, 'DESC').addOrderBy(`${a}.name`, 'ASC').addOrderBy(`${a}.id`, 'ASC').limit(first);
    });
  }

  /**
   * Every partner that is not archived, with its contacts, as ORUK organisations, by name. Read
   * with the reader's rules (contacts audited as READ as any read is), then one EXPORT row per
   * partner and per contact, in the same transaction.
   */
  async export(actor: Actor): Promise<{ organizations: Record<string, unknown>[]; partners: number; contacts: number }> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('export', 'PartnerDirectory', { libraryServiceId });
    return scope.transaction(async (s) => {
      const partners = await s.findMany(
        PartnerOrganisation,
        'PartnerOrganisation',
        (qb, a) => qb.andWhere(`${a}.status <> :archived`, { archived: PartnerStatus.ARCHIVED }),
        { orderBy: { property: 'name', direction: 'ASC' } },
      );
      const ids = partners.map((p) => p.id);
      const contacts = ids.length
        ? await s.findMany(
            PartnerContact,
            'PartnerContact',
            (qb, a) => qb.andWhere(`${a}.partnerOrganisationId IN (:...ids)`, { ids }).andWhere(`${a}.archivedAt IS NULL`),
            { orderBy: { property: 'name', direction: 'ASC' } },
          )
        : [];
      await s.audited(AuditAction.EXPORT, 'PartnerOrganisation', partners);
      await s.audited(AuditAction.EXPORT, 'PartnerContact', contacts);
      const organizations = partners.map((p) => toOpenReferral({ ...p, contacts: contacts.filter((c) => c.partnerOrganisationId === p.id) }));
      return { organizations, partners: partners.length, contacts: contacts.length };
    });
  }
}
