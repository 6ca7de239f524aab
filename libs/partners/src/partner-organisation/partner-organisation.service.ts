import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, findAccessible, findForWrite, maskFields, auditEach } from '../../../access/src/index.js';
import { type Connection, ConflictError, emptyConnection, type LoaderRegistry, loaderFor, paginate, assignGiven, containsPattern, whereIn } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import type { CreatePartnerOrganisationInput } from './dto/create-partner-organisation.input.js';
import type { PartnerOrganisationsArgs } from './dto/partner-organisation-filter.input.js';
import type { UpdatePartnerOrganisationInput } from './dto/update-partner-organisation.input.js';
import { PartnerOrganisation } from './partner-organisation.entity.js';
import { PartnerStatus } from './partner-status.enum.js';

const TYPE = 'PartnerOrganisation';

@Injectable()
export class PartnerOrganisationService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, args: PartnerOrganisationsArgs): Promise<Connection<PartnerOrganisation>> {
    const qb = accessibleQuery(this.db.manager, PartnerOrganisation, TYPE, actor);
    if (!qb) return emptyConnection();
    const a = qb.alias;
    const { types, statuses, search } = args.filter ?? {};
    whereIn(qb, `${a}.type`, 'fTypes', types);
    if (statuses) whereIn(qb, `${a}.status`, 'fStatuses', statuses);
    else qb.andWhere(`${a}.status <> :archived`, { archived: PartnerStatus.ARCHIVED });
    if (search) qb.andWhere(`${a}.name ILIKE :search ESCAPE '\\'`, { search: containsPattern(search) });
    const page = await paginate(qb, args, { property: 'name', direction: 'ASC' });
    maskFields(actor.ability, TYPE, page.edges.map((e) => e.node));
    return page;
  }

  async get(actor: Actor, id: string): Promise<PartnerOrganisation> {
    const org = await findAccessible(this.db.manager, PartnerOrganisation, TYPE, actor, id);
    return maskFields(actor.ability, TYPE, [org])[0]!;
  }

  /** For ContactLog.partnerOrganisation: one query per request, with the reader's rules; null when not readable. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<PartnerOrganisation | null> {
    return loaderFor<PartnerOrganisation | null>(ctx, 'PartnerOrganisation.byId', async (ids) => {
      const qb = accessibleQuery(this.db.manager, PartnerOrganisation, TYPE, actor);
      const rows = qb ? await qb.andWhere(`${qb.alias}.id IN (:...ids)`, { ids }).getMany() : [];
      maskFields(actor.ability, TYPE, rows);
      const found = new Map(rows.map((r) => [r.id, r]));
      return ids.map((key) => found.get(key) ?? null);
    }).load(id);
  }

  async create(actor: Actor, input: CreatePartnerOrganisationInput): Promise<PartnerOrganisation> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertCan(actor, 'create', TYPE, { libraryServiceId });
    return this.db.transaction(async (m) => {
      const repo = m.getRepository(PartnerOrganisation);
      await this.assertNameFree(m, libraryServiceId, input.name);
      const org = await repo.save(repo.create({
        libraryServiceId,
        name: input.name,
        type: input.type,
        relationship: input.relationship,
        status: input.status ?? PartnerStatus.ACTIVE,
        servicesOffered: input.servicesOffered ?? [],
        areasCovered: input.areasCovered ?? [],
        phone: input.phone ?? null,
        email: input.email ?? null,
        website: input.website ?? null,
        address: input.address ?? null,
        notes: input.notes ?? null,
        archivedAt: null,
      }));
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [org]);
      return org;
    });
  }

  async update(actor: Actor, input: UpdatePartnerOrganisationInput): Promise<PartnerOrganisation> {
    return this.db.transaction(async (m) => {
      const org = await findForWrite(m, PartnerOrganisation, TYPE, actor, input.id, 'update', input.version);
      if (org.status === PartnerStatus.ARCHIVED) throw new ConflictError(`${TYPE} ${org.id} is archived and can no longer be changed`);
      if (input.name !== undefined && input.name.toLowerCase() !== org.name.toLowerCase()) await this.assertNameFree(m, org.libraryServiceId, input.name);
      assignGiven(org, input, ['name', 'type', 'relationship', 'status', 'servicesOffered', 'areasCovered', 'phone', 'email', 'website', 'address', 'notes']);
      const saved = await m.getRepository(PartnerOrganisation).save(org);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async archive(actor: Actor, id: string, version: number): Promise<PartnerOrganisation> {
    return this.db.transaction(async (m) => {
      const org = await findForWrite(m, PartnerOrganisation, TYPE, actor, id, 'archive', version);
      if (org.status === PartnerStatus.ARCHIVED) throw new ConflictError(`${TYPE} ${id} is already archived`);
      org.status = PartnerStatus.ARCHIVED;
      org.archivedAt = new Date();
      const saved = await m.getRepository(PartnerOrganisation).save(org);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  /** A friendlier answer than the unique index's (which still guards against a race). */
  private async assertNameFree(m: EntityManager, libraryServiceId: string, name: string): Promise<void> {
    const taken = await m.getRepository(PartnerOrganisation).createQueryBuilder('p')
      .where('p.libraryServiceId = :libraryServiceId AND lower(p.name) = lower(:name)', { libraryServiceId, name })
      .getExists();
    if (taken) throw new ConflictError(`A partner organisation called "${name}" already exists in your library service`);
  }
}
