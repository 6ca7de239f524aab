import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessScopes, type Actor, auditActor, User } from '../../../access/src/index.js';
import {
  AccessDeniedError,
  BadInputError,
  keysetPage,
  keysetQuery,
  type LoaderRegistry,
  loaderFor,
  NotFoundError,
  type SortKey,
  whereIn,
} from '../../../common/src/index.js';
import { AuditAction } from '../audit/audit-action.enum.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { auditedRecords, SubjectGraph } from '../rights/subject-graph.js';
import type { AuditActorView, AuditEventConnection } from './audit-query.types.js';
import { toCsv } from './csv.js';
import type { AuditEventFilterInput, AuditEventsArgs } from './dto/audit-event-filter.input.js';

const TYPE = 'AuditEvent';
export const CSV_MAX_ROWS = 100_000;
/** The query builder's alias, quoted for raw SQL (the access scope names it after the type). */
const A = '"auditEvent"';
const NEWEST_FIRST: SortKey = { property: 'occurredAt', direction: 'DESC' };

/**
 * The DPO's questions to the audit trail: by user, partner organisation, record, person, action
 * and date; keyset pages on (occurred_at, id), newest first, each served by an index
 * (DataProtection migration). The access rules are in the WHERE: the DPO's own service only,
 * and nobody else sees anything.
 */
@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly graph: SubjectGraph,
    private readonly scopes: AccessScopes,
  ) {}

  async list(actor: Actor, args: AuditEventsArgs): Promise<AuditEventConnection> {
    const empty: AuditEventConnection = { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, count: async () => 0 };
    const filtered = await this.filteredQuery(this.db.manager, actor, args.filter ?? {});
    if (!filtered) return empty;
    const count = () => filtered.clone().getCount();
    const { edges, pageInfo } = await keysetPage(filtered.clone(), args, NEWEST_FIRST);
    // Reading the trail is itself recorded: once per page, not once per line (the trail would feed on itself).
    await this.audit.record(this.db.manager, auditActor(actor), { action: AuditAction.READ, entityType: TYPE, entityIds: [null] });
    return { edges, pageInfo, count };
  }

  /** CSV of every matching event (up to CSV_MAX_ROWS), newest first; recorded as one EXPORT event. */
  async csv(actor: Actor, filter: AuditEventFilterInput): Promise<string> {
    this.scopes.of(actor).assertCan('export', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    const qb = await this.filteredQuery(this.db.manager, actor, filter);
    if (!qb) throw new AccessDeniedError('You may not read the audit trail');
    const rows = await qb
      .select([
        `${A}.id AS id`,
        `${A}.occurred_at AS occurred_at`,
        `${A}.action AS action`,
        `${A}.entity_type AS entity_type`,
        `${A}.entity_id AS entity_id`,
        `${A}.actor_id AS actor_id`,
        `${A}.actor_role AS actor_role`,
        `${A}.purpose AS purpose`,
        `${A}.request_id AS request_id`,
      ])
      .addSelect(`(SELECT u.display_name FROM app_user u WHERE u.id = ${A}.actor_id)`, 'actor_name')
      .addSelect(
        `(SELECT po.name FROM app_user u JOIN partner_organisation po ON po.id = u.partner_organisation_id WHERE u.id = ${A}.actor_id)`,
        'actor_organisation',
      )
      .orderBy(`${A}.occurred_at`, 'DESC')
      .addOrderBy(`${A}.id`, 'DESC')
      .limit(CSV_MAX_ROWS + 1)
      .getRawMany();
    if (rows.length > CSV_MAX_ROWS) throw new BadInputError(`More than ${CSV_MAX_ROWS} events match: narrow the filter (from, to) and export in parts`);
    const header = [
      'id',
      'occurred_at',
      'action',
      'entity_type',
      'entity_id',
      'actor_id',
      'actor_name',
      'actor_role',
      'actor_organisation',
      'purpose',
      'request_id',
    ];
    const csv = toCsv(
      header,
      rows.map((r) => header.map((h) => r[h])),
    );
    await this.db.transaction((m) =>
      this.audit.record(
        m,
        { ...auditActor(actor), purpose: exportPurpose(actor.purpose, rows.length, filter) },
        {
          action: AuditAction.EXPORT,
          entityType: TYPE,
          entityIds: [null],
        },
      ),
    );
    return csv;
  }

  /** Users named in the trail, with their organisation; one query per request, the DPO's rules on User applied. */
  actorOf(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<AuditActorView | null> {
    return loaderFor<AuditActorView | null>(ctx, 'AuditEvent.actor', async (ids) => {
      const qb = this.scopes.of(actor).query(User, 'User');
      if (!qb) return ids.map(() => null);
      const { entities, raw } = await qb
        .andWhere(`${qb.alias}.id IN (:...ids)`, { ids })
        .addSelect(`(SELECT po.name FROM partner_organisation po WHERE po.id = "${qb.alias}".partner_organisation_id)`, 'po_name')
        .getRawAndEntities();
      const found = new Map(
        entities.map((u, i) => [
          u.id,
          {
            id: u.id,
            displayName: u.displayName,
            role: u.role,
            partnerOrganisationId: u.partnerOrganisationId,
            partnerOrganisationName: raw[i].po_name ?? null,
          },
        ]),
      );
      return ids.map((k) => found.get(k) ?? null);
    }).load(id);
  }

  /** One page of a filtered query: after the cursor, newest first, one more than asked (to tell whether there is a next page). */
  page(qb: SelectQueryBuilder<AuditEvent>, args: { first?: number; after?: string }): Promise<SelectQueryBuilder<AuditEvent>> {
    return keysetQuery(qb, args, NEWEST_FIRST);
  }

  /** The filtered query, rules first; null when the actor may read no events. */
  async filteredQuery(m: EntityManager, actor: Actor, filter: AuditEventFilterInput): Promise<SelectQueryBuilder<AuditEvent> | null> {
    const qb = this.scopes.of(actor).in(m).query(AuditEvent, TYPE);
    if (!qb) return null;
    const { actorId, entityType, entityId, actions, from, to, partnerOrganisationId, subjectId } = filter;
    if (actorId) qb.andWhere(`${A}.actor_id = :actorId`, { actorId });
    if (entityType) qb.andWhere(`${A}.entity_type = :entityType`, { entityType });
    if (entityId) qb.andWhere(`${A}.entity_id = :entityId`, { entityId });
    whereIn(qb, `${A}.action`, 'actions', actions);
    if (from) qb.andWhere(`${A}.occurred_at >= :from`, { from });
    if (to) qb.andWhere(`${A}.occurred_at < :to`, { to });
    if (partnerOrganisationId) {
      qb.andWhere(`${A}.actor_id IN (SELECT u.id FROM app_user u WHERE u.partner_organisation_id = :partnerOrganisationId)`, { partnerOrganisationId });
    }
    if (subjectId) {
      const refs = await this.recordsOf(m, subjectId, actor.principal.libraryServiceId);
      qb.andWhere(`(${A}.entity_type, ${A}.entity_id) IN (SELECT * FROM unnest(CAST(:refTypes AS text[]), CAST(:refIds AS text[])))`, {
        refTypes: refs.map((r) => r.entityType),
        refIds: refs.map((r) => r.id),
      });
    }
    return qb;
  }

  /** The person and every record linked to them; a person not of the reader's service has no records here. */
  private async recordsOf(m: EntityManager, subjectId: string, libraryServiceId: string): Promise<{ entityType: string; id: string }[]> {
    try {
      return auditedRecords(await this.graph.crawl(m, subjectId, libraryServiceId));
    } catch (err) {
      if (err instanceof NotFoundError) return [{ entityType: 'Subject', id: subjectId }];
      throw err;
    }
  }
}

function exportPurpose(purpose: string | null | undefined, rows: number, filter: AuditEventFilterInput): string {
  const given = Object.entries(filter)
    .filter(([, v]) => v != null)
    .map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : v}`)
    .join(', ');
  return `${purpose ? `${purpose} — ` : ''}CSV export of ${rows} audit events${given ? ` (${given})` : ''}`.slice(0, 1000);
}
