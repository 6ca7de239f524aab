import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessScopes, type Actor, auditActor, User } from '../../../access/src/index.js';
import {
  AccessDeniedError,
  APP_CONFIG,
  type AppConfig,
  keysetCursor,
  keysetPage,
  keysetQuery,
  LimitExceededError,
  type LoaderRegistry,
  loaderFor,
  type SortKey,
  whereIn,
} from '../../../common/src/index.js';
import { AuditAction } from '../audit/audit-action.enum.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { SubjectGraph } from '../rights/subject-graph.js';
import type { AuditActorView, AuditEventConnection } from './audit-query.types.js';
import { csvLine } from './csv.js';
import type { AuditEventFilterInput, AuditEventsArgs } from './dto/audit-event-filter.input.js';

const TYPE = 'AuditEvent';
/** Events read per query of a CSV export. */
export const EXPORT_BATCH = 1000;
const CSV_COLUMNS = ['id', 'occurred_at', 'action', 'entity_type', 'entity_id', 'actor_id', 'actor_role', 'purpose', 'request_id'];
const CSV_HEADER = [
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
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'EXPORT_MAX_ROWS'>,
  ) {}

  async list(actor: Actor, args: AuditEventsArgs): Promise<AuditEventConnection> {
    const empty: AuditEventConnection = { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, count: async () => 0 };
    const filtered = await this.filtered(this.db.manager, actor, args.filter ?? {});
    if (!filtered) return empty;
    const count = () => filtered.all().getCount();
    const { edges, pageInfo } = await keysetPage(await filtered.page(args), args, NEWEST_FIRST);
    // Reading the trail is itself recorded: once per page, not once per line (the trail would feed on itself).
    await this.audit.record(this.db.manager, auditActor(actor), { action: AuditAction.READ, entityType: TYPE, entityIds: [null] });
    return { edges, pageInfo, count };
  }

  /**
   * The matching events as CSV (RFC 4180), newest first, for GET /exports/audit-events.csv: the
   * header line, then one chunk of lines per keyset batch of EXPORT_BATCH events, read as the
   * download goes (never the whole export in memory). Refused (nothing sent, nothing recorded)
   * when more than EXPORT_MAX_ROWS events match. Recorded as one EXPORT event, with the count,
   * before the first line leaves. The rows are those there when the export starts: its first
   * batch is read before the count and the EXPORT event, and later batches go back in time from it.
   */
  async csvExport(actor: Actor, filter: AuditEventFilterInput): Promise<{ rows: number; lines: AsyncGenerator<string> }> {
    this.scopes.of(actor).assertCan('export', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    const filtered = await this.filteredQuery(this.db.manager, actor, filter);
    if (!filtered) throw new AccessDeniedError('You may not read the audit trail');
    const maximum = this.config.EXPORT_MAX_ROWS;
    const batch = async (after: string | undefined, size: number) => {
      const qb = filtered
        .clone()
        .select(CSV_COLUMNS.map((c) => `${A}.${c} AS ${c}`))
        .addSelect(`(SELECT u.display_name FROM app_user u WHERE u.id = ${A}.actor_id)`, 'actor_name')
        .addSelect(
          `(SELECT po.name FROM app_user u JOIN partner_organisation po ON po.id = u.partner_organisation_id WHERE u.id = ${A}.actor_id)`,
          'actor_organisation',
        );
      const rows: Record<string, unknown>[] = await (await keysetQuery(qb, { first: size, after }, NEWEST_FIRST)).getRawMany();
      return { rows: rows.slice(0, size), next: rows.length > size ? keysetCursor(NEWEST_FIRST, rows[size - 1]) : null };
    };
    const first = await batch(undefined, Math.min(EXPORT_BATCH, maximum));
    const older = first.next ? await this.countAfter(filtered, first.next, maximum - first.rows.length) : 0;
    const rows = first.rows.length + older;
    if (rows > maximum) {
      throw new LimitExceededError(
        `More than ${maximum} events match (EXPORT_MAX_ROWS): narrow the filter (from, to) and export in parts`,
        'exportRows',
        maximum,
      );
    }
    await this.db.transaction((m) =>
      this.audit.record(
        m,
        { ...auditActor(actor), purpose: exportPurpose(actor.purpose, rows, filter) },
        {
          action: AuditAction.EXPORT,
          entityType: TYPE,
          entityIds: [null],
        },
      ),
    );
    const lines = async function* () {
      yield csvLine(CSV_HEADER) + '\r\n';
      let page = first;
      for (;;) {
        if (page.rows.length) yield page.rows.map((r) => csvLine(CSV_HEADER.map((h) => r[h]))).join('\r\n') + '\r\n';
        if (!page.next) return;
        page = await batch(page.next, EXPORT_BATCH);
      }
    };
    return { rows, lines: lines() };
  }

  /** How many events of `filtered` come after the cursor, counting no further than `limit + 1`. */
  private async countAfter(filtered: SelectQueryBuilder<AuditEvent>, after: string, limit: number): Promise<number> {
    const page = await keysetQuery(filtered.clone().select(`${A}.id`), { first: limit, after }, NEWEST_FIRST);
    const [{ n }] = await this.db.query(
      ...this.db.driver.escapeQueryWithParameters(`SELECT count(*)::int AS n FROM (${page.getQuery()}) page`, page.getParameters()),
    );
    return n;
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

  /** The query of one page as `list` reads it (after the cursor, newest first, one more than asked); null when the actor may read no events. */
  async page(
    m: EntityManager,
    actor: Actor,
    filter: AuditEventFilterInput,
    args: { first?: number; after?: string },
  ): Promise<SelectQueryBuilder<AuditEvent> | null> {
    const filtered = await this.filtered(m, actor, filter);
    return filtered && keysetQuery(await filtered.page(args), args, NEWEST_FIRST);
  }

  /** The filtered query, rules first, every matching event (counts, exports); null when the actor may read no events. */
  async filteredQuery(m: EntityManager, actor: Actor, filter: AuditEventFilterInput): Promise<SelectQueryBuilder<AuditEvent> | null> {
    return (await this.filtered(m, actor, filter))?.all() ?? null;
  }

  /**
   * The rules and filters, and about a person the records linked to them (found once): `all()`
   * every matching event, `page(args)` the candidates of one page only.
   */
  private async filtered(m: EntityManager, actor: Actor, filter: AuditEventFilterInput): Promise<FilteredEvents | null> {
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
    if (!subjectId) return { all: () => qb.clone(), page: async () => qb.clone() };
    const refs = await this.recordsOf(m, subjectId, actor.principal.libraryServiceId);
    const records = { refTypes: refs.map((r) => r.entityType), refIds: refs.map((r) => r.id) };
    const unnest = `unnest(CAST(:refTypes AS text[]), CAST(:refIds AS text[])) AS r(entity_type, entity_id)`;
    return {
      // The person's events, each record's from audit_event_entity_idx, gathered once into an
      // array (an InitPlan) that the query then reads by id: as a plain IN, the planner walked the
      // service's whole trail newest first looking for them (seconds at 300,000 events).
      all: () =>
        qb
          .clone()
          .andWhere(
            `${A}.id = ANY(ARRAY(SELECT e.id FROM ${unnest} JOIN audit_event e ON e.entity_type = r.entity_type AND e.entity_id = r.entity_id))`,
            records,
          ),
      // A page needs no more than its own length (and one) of each record's newest events after the
      // cursor: the same query (rules, filters, cursor, order, limit) once per record, LATERAL,
      // backwards on audit_event_entity_idx; so a person read thousands of times costs a page, not
      // their whole trail. Inside it `"auditEvent"` is the per-record query's own row (the inner alias hides the outer one).
      page: async (args) => {
        const perRecord = await keysetQuery(qb.clone().andWhere(`${A}.entity_type = r.entity_type AND ${A}.entity_id = r.entity_id`), args, NEWEST_FIRST);
        perRecord.select(`${A}.id`);
        return qb.clone().andWhere(`${A}.id IN (SELECT x.id FROM ${unnest} CROSS JOIN LATERAL (${perRecord.getQuery()}) AS x(id))`, {
          ...perRecord.getParameters(),
          ...records,
        });
      },
    };
  }

  /** The person and every record linked to them (the crawl's, in one statement); a person not of the reader's service has no records here. */
  private recordsOf(m: EntityManager, subjectId: string, libraryServiceId: string): Promise<{ entityType: string; id: string }[]> {
    return this.graph.auditedRecordsOf(m, subjectId, libraryServiceId);
  }
}

/** The filtered events: every one, or the candidates of one page. */
interface FilteredEvents {
  all(): SelectQueryBuilder<AuditEvent>;
  page(args: { first?: number; after?: string }): Promise<SelectQueryBuilder<AuditEvent>>;
}

function exportPurpose(purpose: string | null | undefined, rows: number, filter: AuditEventFilterInput): string {
  const given = Object.entries(filter)
    .filter(([, v]) => v != null)
    .map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : v}`)
    .join(', ');
  return `${purpose ? `${purpose} — ` : ''}CSV export of ${rows} audit events${given ? ` (${given})` : ''}`.slice(0, 1000);
}
