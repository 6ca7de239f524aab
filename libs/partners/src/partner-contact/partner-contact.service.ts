import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, assertCanChangeFields, findAccessible, findForWrite, auditEach, loadAccessible } from '../../../access/src/index.js';
import { BadInputError, type Connection, ConflictError, emptyConnection, groupByKey, type LoaderRegistry, loaderFor, paginate, assignGiven, containsPattern } from '../../../common/src/index.js';
import { AuditAction, AuditService, retainUntilFor, newDataProtection, updateDataProtection } from '../../../governance/src/index.js';
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
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, args: PartnerContactsArgs): Promise<Connection<PartnerContact>> {
    const qb = accessibleQuery(this.db.manager, PartnerContact, TYPE, actor);
    if (!qb) return emptyConnection();
    const a = qb.alias;
    qb.andWhere(`${a}.archivedAt IS NULL`);
    const { partnerOrganisationId, search } = args.filter ?? {};
    if (partnerOrganisationId) qb.andWhere(`${a}.partnerOrganisationId = :partnerOrganisationId`, { partnerOrganisationId });
    if (search) qb.andWhere(`${a}.name ILIKE :search ESCAPE '\\'`, { search: containsPattern(search) });
    const page = await paginate(qb, args, { property: 'name', direction: 'ASC' });
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, page.edges.map((e) => e.node));
    return page;
  }

  async get(actor: Actor, id: string): Promise<PartnerContact> {
    const contact = await findAccessible(this.db.manager, PartnerContact, TYPE, actor, id);
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, [contact]);
    return contact;
  }

  /** For Referral.partnerContact: one query per request, with the reader's rules; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<PartnerContact | null> {
    return loadAccessible(ctx, this.db.manager, actor, PartnerContact, TYPE, id, { audit: this.audit });
  }

  /** PartnerOrganisation.contacts: one query per request for all organisations on the page. */
  forOrganisation(ctx: { loaders: LoaderRegistry }, actor: Actor, partnerOrganisationId: string): Promise<PartnerContact[]> {
    return loaderFor<PartnerContact[]>(ctx, 'PartnerOrganisation.contacts', async (ids) => {
      const qb = accessibleQuery(this.db.manager, PartnerContact, TYPE, actor);
      if (!qb) return ids.map(() => []);
      const a = qb.alias;
      const rows = await qb.andWhere(`${a}.partnerOrganisationId IN (:...ids)`, { ids }).andWhere(`${a}.archivedAt IS NULL`)
        .orderBy(`${a}.name`, 'ASC').addOrderBy(`${a}.id`, 'ASC').getMany();
      await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, rows);
      return groupByKey(ids, rows, (r) => r.partnerOrganisationId);
    }).load(partnerOrganisationId);
  }

  async create(actor: Actor, input: CreatePartnerContactInput): Promise<PartnerContact> {
    const libraryServiceId = actor.principal.libraryServiceId;
    // Checked before the organisation is looked up, so a user who may not create learns nothing about it.
    assertCan(actor, 'create', TYPE, { libraryServiceId, partnerOrganisationId: input.partnerOrganisationId });
    return this.db.transaction(async (m) => {
      const org = await findAccessible(m, PartnerOrganisation, 'PartnerOrganisation', actor, input.partnerOrganisationId);
      if (org.status === PartnerStatus.ARCHIVED) throw new BadInputError(`PartnerOrganisation ${org.id} is archived: add contacts to an active organisation`);
      const repo = m.getRepository(PartnerContact);
      const contact = await repo.save(repo.create({
        libraryServiceId: org.libraryServiceId,
        partnerOrganisationId: org.id,
        name: input.name,
        jobTitle: input.jobTitle ?? null,
        phone: input.phone ?? null,
        email: input.email ?? null,
        preferredContact: input.preferredContact ?? PreferredContactMethod.EMAIL,
        notes: input.notes ?? null,
        archivedAt: null,
        dataProtection: newDataProtection(input.dataProtection, await retainUntilFor(m, org.libraryServiceId, 'PARTNER_CONTACT', new Date())),
      }));
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [contact]);
      return contact;
    });
  }

  async update(actor: Actor, input: UpdatePartnerContactInput): Promise<PartnerContact> {
    return this.db.transaction(async (m) => {
      const contact = await findForWrite(m, PartnerContact, TYPE, actor, input.id, 'update', input.version);
      if (contact.archivedAt) throw new ConflictError(`${TYPE} ${contact.id} is archived and can no longer be changed`);
      const { id: _id, version: _version, ...changes } = input;
      assertCanChangeFields(actor, 'update', TYPE, contact, Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined));
      assignGiven(contact, input, ['name', 'jobTitle', 'phone', 'email', 'preferredContact', 'notes']);
      // Confirming a contact's details restarts its retention clock.
      updateDataProtection(contact.dataProtection, input.dataProtection, await retainUntilFor(m, contact.libraryServiceId, 'PARTNER_CONTACT', new Date()));
      const saved = await m.getRepository(PartnerContact).save(contact);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async archive(actor: Actor, id: string, version: number): Promise<PartnerContact> {
    return this.db.transaction(async (m) => {
      const contact = await findForWrite(m, PartnerContact, TYPE, actor, id, 'archive', version);
      if (contact.archivedAt) throw new ConflictError(`${TYPE} ${id} is already archived`);
      contact.archivedAt = new Date();
      // Archiving is the other event that starts the retention clock (see RETENTION_YEARS).
      contact.dataProtection.retainUntil = await retainUntilFor(m, contact.libraryServiceId, 'PARTNER_CONTACT', contact.archivedAt);
      const saved = await m.getRepository(PartnerContact).save(contact);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
