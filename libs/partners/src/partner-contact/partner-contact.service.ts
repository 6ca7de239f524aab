import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor, loadAccessible } from '../../../access/src/index.js';
import {
  BadInputError,
  type Connection,
  ConflictError,
  groupByKey,
  type LoaderRegistry,
  loaderFor,
  assignGiven,
  containsPattern,
} from '../../../common/src/index.js';
import { AuditAction, retainUntilFor, newDataProtection, updateDataProtection } from '../../../governance/src/index.js';
import { PartnerOrganisation } from '../partner-organisation/partner-organisation.entity.js';
import { PartnerStatus } from '../partner-organisation/partner-status.enum.js';
import type { CreatePartnerContactInput } from './dto/create-partner-contact.input.js';
import type { PartnerContactsArgs } from './dto/partner-contact-filter.input.js';
import type { UpdatePartnerContactInput } from './dto/update-partner-contact.input.js';
import { PartnerContact } from './partner-contact.entity.js';
import { PreferredContactMethod } from './preferred-contact-method.enum.js';

const TYPE = 'PartnerContact';

/** Contacts are personal data: every read writes one READ audit row per contact returned. */
@Injectable()
export class PartnerContactService {
  constructor(private readonly scopes: AccessScopes) {}

  list(actor: Actor, args: PartnerContactsArgs): Promise<Connection<PartnerContact>> {
    const { partnerOrganisationId, search } = args.filter ?? {};
    return this.scopes.of(actor).list(PartnerContact, TYPE, args, { property: 'name', direction: 'ASC' }, (qb, a) => {
      qb.andWhere(`${a}.archivedAt IS NULL`);
      if (partnerOrganisationId) qb.andWhere(`${a}.partnerOrganisationId = :partnerOrganisationId`, { partnerOrganisationId });
      if (search) qb.andWhere(`${a}.name ILIKE :search ESCAPE '\\'`, { search: containsPattern(search) });
    });
  }

  get(actor: Actor, id: string): Promise<PartnerContact> {
    return this.scopes.of(actor).find(PartnerContact, TYPE, id);
  }

  /** For Referral.partnerContact: one query per request, with the reader's rules; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<PartnerContact | null> {
    return loadAccessible(ctx, this.scopes.of(actor), PartnerContact, TYPE, id);
  }

  /** PartnerOrganisation.contacts: one query per request for all organisations on the page. */
  forOrganisation(ctx: { loaders: LoaderRegistry }, actor: Actor, partnerOrganisationId: string): Promise<PartnerContact[]> {
    return loaderFor<PartnerContact[]>(ctx, 'PartnerOrganisation.contacts', async (ids) => {
      const rows = await this.scopes.of(actor).findMany(
        PartnerContact,
        TYPE,
        (qb, a) => {
          qb.andWhere(`${a}.partnerOrganisationId IN (:...ids)`, { ids }).andWhere(`${a}.archivedAt IS NULL`);
        },
        { orderBy: { property: 'name', direction: 'ASC' } },
      );
      return groupByKey(ids, rows, (r) => r.partnerOrganisationId);
    }).load(partnerOrganisationId);
  }

  async create(actor: Actor, input: CreatePartnerContactInput): Promise<PartnerContact> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    // Checked before the organisation is looked up, so a user who may not create learns nothing about it.
    scope.assertCan('create', TYPE, { libraryServiceId, partnerOrganisationId: input.partnerOrganisationId });
    return scope.transaction(async (s, m) => {
      const org = await s.reference(PartnerOrganisation, 'PartnerOrganisation', input.partnerOrganisationId);
      if (org.status === PartnerStatus.ARCHIVED) throw new BadInputError(`PartnerOrganisation ${org.id} is archived: add contacts to an active organisation`);
      const repo = m.getRepository(PartnerContact);
      const contact = await repo.save(
        repo.create({
          libraryServiceId: org.libraryServiceId,
          partnerOrganisationId: org.id,
          name: input.name,
          jobTitle: input.jobTitle ?? null,
          phone: input.phone ?? null,
          email: input.email ?? null,
          preferredContact: input.preferredContact ?? PreferredContactMethod.EMAIL,
          notes: input.notes ?? null,
          archivedAt: null,
          dataProtection: newDataProtection(
            'PARTNER_CONTACT',
            input.dataProtection,
            await retainUntilFor(m, org.libraryServiceId, 'PARTNER_CONTACT', new Date()),
          ),
        }),
      );
      await s.audited(AuditAction.CREATE, TYPE, [contact]);
      return contact;
    });
  }

  async update(actor: Actor, input: UpdatePartnerContactInput): Promise<PartnerContact> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const contact = await s.forWrite(PartnerContact, TYPE, input.id, 'update', input.version);
      if (contact.archivedAt) throw new ConflictError(`${TYPE} ${contact.id} is archived and can no longer be changed`);
      const { id: _id, version: _version, ...changes } = input;
      s.assertCanChangeFields(
        'update',
        TYPE,
        contact,
        Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined),
      );
      assignGiven(contact, input, ['name', 'jobTitle', 'phone', 'email', 'preferredContact', 'notes']);
      // Confirming a contact's details restarts its retention clock.
      updateDataProtection(
        'PARTNER_CONTACT',
        contact.dataProtection,
        input.dataProtection,
        await retainUntilFor(m, contact.libraryServiceId, 'PARTNER_CONTACT', new Date()),
      );
      const saved = await m.getRepository(PartnerContact).save(contact);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async archive(actor: Actor, id: string, version: number): Promise<PartnerContact> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const contact = await s.forWrite(PartnerContact, TYPE, id, 'archive', version);
      if (contact.archivedAt) throw new ConflictError(`${TYPE} ${id} is already archived`);
      contact.archivedAt = new Date();
      // Archiving is the other event that starts the retention clock (see RETENTION_YEARS).
      contact.dataProtection.retainUntil = await retainUntilFor(m, contact.libraryServiceId, 'PARTNER_CONTACT', contact.archivedAt);
      const saved = await m.getRepository(PartnerContact).save(contact);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
