import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { type Connection, ConflictError, type LoaderRegistry, loaderFor, assignGiven, containsPattern, whereIn } from '../../../common/src/index.js';
import { AuditAction } from '../../../governance/src/index.js';
import type { CreatePartnerOrganisationInput } from './dto/create-partner-organisation.input.js';
import type { PartnerOrganisationsArgs } from './dto/partner-organisation-filter.input.js';
import type { UpdatePartnerOrganisationInput } from './dto/update-partner-organisation.input.js';
import { PartnerOrganisation } from './partner-organisation.entity.js';
import { PartnerStatus } from './partner-status.enum.js';
import { directoryDocument, directoryQuery } from '../directory/directory-query.js';

const TYPE = 'PartnerOrganisation';

@Injectable()
export class PartnerOrganisationService {
  constructor(private readonly scopes: AccessScopes) {}

  list(actor: Actor, args: PartnerOrganisationsArgs): Promise<Connection<PartnerOrganisation>> {
    const { types, statuses, search, ...terms } = args.filter ?? {};
    const directory = directoryQuery(terms);
    // Ordered by name within the matches, not by ts_rank: keyset pagination pages by a column, and a rank is none.
    return this.scopes.of(actor).list(PartnerOrganisation, TYPE, args, { property: 'name', direction: 'ASC' }, (qb, a) => {
      whereIn(qb, `${a}.type`, 'fTypes', types);
      if (statuses) whereIn(qb, `${a}.status`, 'fStatuses', statuses);
      else qb.andWhere(`${a}.status <> :archived`, { archived: PartnerStatus.ARCHIVED });
      if (search) qb.andWhere(`${a}.name ILIKE :search ESCAPE '\\'`, { search: containsPattern(search) });
      if (directory.matchesNothing) qb.andWhere('false');
      if (directory.query) qb.andWhere(`${directoryDocument(a)} @@ to_tsquery('simple', :directory)`, { directory: directory.query });
    });
  }

  get(actor: Actor, id: string): Promise<PartnerOrganisation> {
    return this.scopes.of(actor).find(PartnerOrganisation, TYPE, id);
  }

  /** For ContactLog.partnerOrganisation: one query per request, with the reader's rules; null when not readable. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<PartnerOrganisation | null> {
    return loaderFor<PartnerOrganisation | null>(ctx, 'PartnerOrganisation.byId', (ids) => this.scopes.of(actor).byIds(PartnerOrganisation, TYPE, ids)).load(
      id,
    );
  }

  async create(actor: Actor, input: CreatePartnerOrganisationInput): Promise<PartnerOrganisation> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId });
    return scope.transaction(async (s, m) => {
      const repo = m.getRepository(PartnerOrganisation);
      await this.assertNameFree(m, libraryServiceId, input.name);
      const org = await repo.save(
        repo.create({
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
        }),
      );
      await s.audited(AuditAction.CREATE, TYPE, [org]);
      return org;
    });
  }

  async update(actor: Actor, input: UpdatePartnerOrganisationInput): Promise<PartnerOrganisation> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const org = await s.forWrite(PartnerOrganisation, TYPE, input.id, 'update', input.version);
      if (org.status === PartnerStatus.ARCHIVED) throw new ConflictError(`${TYPE} ${org.id} is archived and can no longer be changed`);
      if (input.name !== undefined && input.name.toLowerCase() !== org.name.toLowerCase()) await this.assertNameFree(m, org.libraryServiceId, input.name);
      assignGiven(org, input, ['name', 'type', 'relationship', 'status', 'servicesOffered', 'areasCovered', 'phone', 'email', 'website', 'address', 'notes']);
      const saved = await m.getRepository(PartnerOrganisation).save(org);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async archive(actor: Actor, id: string, version: number): Promise<PartnerOrganisation> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const org = await s.forWrite(PartnerOrganisation, TYPE, id, 'archive', version);
      if (org.status === PartnerStatus.ARCHIVED) throw new ConflictError(`${TYPE} ${id} is already archived`);
      org.status = PartnerStatus.ARCHIVED;
      org.archivedAt = new Date();
      const saved = await m.getRepository(PartnerOrganisation).save(org);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  /** A friendlier answer than the unique index's (which still guards against a race). */
  private async assertNameFree(m: EntityManager, libraryServiceId: string, name: string): Promise<void> {
    const taken = await m
      .getRepository(PartnerOrganisation)
      .createQueryBuilder('p')
      .where('p.libraryServiceId = :libraryServiceId AND lower(p.name) = lower(:name)', { libraryServiceId, name })
      .getExists();
    if (taken) throw new ConflictError(`A partner organisation called "${name}" already exists in your library service`);
  }
}
