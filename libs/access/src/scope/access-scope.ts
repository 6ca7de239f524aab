import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  type Connection,
  DEFAULT_PAGE_SIZE,
  emptyConnection,
  LimitExceededError,
  NotFoundError,
  type PageArgs,
  paginate,
  paginateEach,
  type SortKey,
  StaleVersionError,
} from '../../../common/src/index.js';
import type { AuditAction, AuditActor, AuditService } from '../../../governance/src/index.js';
import { type Actor, auditActor } from '../ability/actor.js';
import { applyAccessRules, assertAllowed, assertFieldsChangeable, canOn, maskFields } from '../ability/casl-to-sql.js';
import type { Action, SubjectType } from '../ability/subjects.js';
import { AUDITED_READS, READ_AUDIT, READ_AUDIT_TYPE } from './audited-reads.js';
import { refusing } from './refusals.js';
import type { SqlConditions } from './sql-conditions.js';

/** Adds a caller's own filters to a query that already carries the access rules. */
export type Where<T extends ObjectLiteral> = (qb: SelectQueryBuilder<T>, alias: string) => void;

export interface ReadOptions {
  /** Also require the rules of this action (e.g. bans due for review: those the reader may `transition`). */
  alsoAllowed?: Action;
  /** Order of `findMany`, after which `id` breaks ties. */
  orderBy?: SortKey;
}

/**
 * The audit rows one request may write through its scope (REQUEST_MAX_AUDIT_ROWS): a ceiling no
 * query shape can pass, whatever the cost estimate let through. Shared by the scope and the
 * scopes of its transactions. Once reached, the request writes and reads nothing more.
 */
export class AuditAllowance {
  private written = 0;
  private refusal: LimitExceededError | null = null;

  constructor(readonly maximum: number = Infinity) {}

  /** Counts `rows` about to be written; refuses (and keeps refusing) past the maximum. */
  take(rows: number): void {
    this.check();
    if (this.written + rows > this.maximum) {
      this.refusal = new LimitExceededError(
        `This request would write ${this.written + rows} audit rows, more than the ${this.maximum} one request may (REQUEST_MAX_AUDIT_ROWS): ask for fewer records at once`,
        'auditRows',
        this.maximum,
        this.written + rows,
      );
      throw this.refusal;
    }
    this.written += rows;
  }

  /** Gives back rows taken but not written (a page that returned fewer than it could). */
  release(rows: number): void {
    this.written -= rows;
  }

  /** Throws the refusal again once the request has been refused. */
  check(): void {
    if (this.refusal) throw this.refusal;
  }
}

/** What a scope needs from the running app (one per app, shared by every request). */
export interface ScopeServices {
  db: DataSource;
  audit: AuditService;
  conditions: SqlConditions;
}

/**
 * The one way to read a tenant-owned record: built once per request from the actor, every read
 * through it gets the actor's CASL rules in its SQL WHERE (tenancy, roles, restriction under
 * Art 18: all in the ability), the fields the actor may not read nulled, and one READ audit row per
 * personal-data record returned, with the actor's purpose. Writes load their record through
 * `forWrite` and record their audit rows through `audited`. See docs/architecture.md.
 *
 * A scope is bound to an EntityManager: the app's by default, a transaction's through `in(m)`.
 */
export class AccessScope {
  constructor(
    private readonly services: ScopeServices,
    readonly actor: Actor,
    private readonly m: EntityManager = services.db.manager,
    private readonly allowance: AuditAllowance = new AuditAllowance(),
  ) {}

  get principal(): Actor['principal'] {
    return this.actor.principal;
  }

  get manager(): EntityManager {
    return this.m;
  }

  /** The same actor and rules, on another EntityManager (inside a transaction). */
  in(m: EntityManager): AccessScope {
    return m === this.m ? this : new AccessScope(this.services, this.actor, m, this.allowance);
  }

  /** Runs `work` in one transaction, with this scope bound to it: the write and its audit rows commit together. */
  transaction<R>(work: (scope: AccessScope, m: EntityManager) => Promise<R>): Promise<R> {
    return this.services.db.transaction((m) => work(this.in(m), m));
  }

  // ---- reads -----------------------------------------------------------------------------------

  /** One page of the records the actor may read, filtered by `where`, in a stable keyset order. */
  async list<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    type: SubjectType,
    args: PageArgs,
    sort: SortKey,
    where?: Where<T>,
    opts: ReadOptions = {},
  ): Promise<Connection<T>> {
    const qb = this.readable(entity, type, opts);
    if (!qb) return emptyConnection();
    where?.(qb, qb.alias);
    // An audited page's READ rows are written by the page's own statement (one round trip, and no
    // row leaves unaudited): counted first as a full page, the rows it did not return given back.
    const audited = AUDITED_READS.has(type);
    const most = args.first ?? DEFAULT_PAGE_SIZE;
    if (audited) this.allowance.take(most);
    const actor = auditActor(this.actor);
    const auditAs = READ_AUDIT_TYPE[type] ?? type;
    const page = await paginate(
      qb,
      args,
      sort,
      audited
        ? {
            manager: this.m,
            serviceProperty: 'libraryServiceId',
            sql: (source, first) => this.services.audit.rowsFrom(source, actor, READ_AUDIT, auditAs, first),
          }
        : undefined,
    );
    if (audited) this.allowance.release(most);
    const nodes = page.edges.map((e) => e.node);
    // A page that did not write them (not audited, or read by TypeORM in several statements) is delivered as any read.
    if (!page.wrote) await this.deliver(type, nodes);
    else {
      maskFields(this.actor.ability, type, nodes);
      this.allowance.take(nodes.length);
    }
    return page;
  }

  /**
   * One page of a to-many relation for each of many parents (a case's notes, a referral's updates),
   * for one DataLoader batch: `parentProperty IN parentIds` plus `where`, paged per parent
   * (paginateEach), every node masked and audited like any other read.
   */
  async listEach<T extends ObjectLiteral & { id: string }>(
    entity: EntityTarget<T>,
    type: SubjectType,
    parentProperty: string,
    parentIds: readonly string[],
    args: PageArgs,
    sort: SortKey,
    where?: Where<T>,
  ): Promise<Connection<T>[]> {
    const qb = parentIds.length ? this.readable(entity, type, {}) : null;
    if (!qb) return parentIds.map(() => emptyConnection());
    qb.andWhere(`${qb.alias}.${parentProperty} IN (:...scopeParentIds)`, { scopeParentIds: [...parentIds] });
    where?.(qb, qb.alias);
    const pages = await paginateEach(qb, parentProperty, parentIds, args, sort);
    await this.deliver(
      type,
      pages.flatMap((p) => p.edges.map((e) => e.node)),
    );
    return pages;
  }

  /** One record by id. A record the actor may not read answers NOT_FOUND, exactly like one that does not exist. */
  async find<T extends ObjectLiteral>(entity: EntityTarget<T>, type: SubjectType, id: string, where?: Where<T>): Promise<T> {
    const qb = this.readable(entity, type, {});
    if (qb) where?.(qb, qb.alias);
    const row = qb ? await qb.andWhere(`${qb.alias}.id = :scopeId`, { scopeId: id }).getOne() : null;
    if (!row) throw this.notFound(type, id, 'read');
    await this.deliver(type, [row]);
    return row;
  }

  /**
   * The rules-applied query itself, for the types that are not records of a person (the audit
   * trail, users, branches), whose readers need their own selects and paging. Refused for the
   * audited types: their rows must leave through list/find/findMany, masked and audited.
   * Null when the actor may read none.
   */
  query<T extends ObjectLiteral>(entity: EntityTarget<T>, type: SubjectType): SelectQueryBuilder<T> | null {
    if (AUDITED_READS.has(type)) throw new Error(`${type} holds personal data: read it through list, find or findMany`);
    return this.readable(entity, type, {});
  }

  /**
   * A record the actor may read, loaded to link another record to it inside a write (a case to its
   * person, a contact to its organisation): NOT_FOUND when not readable, masked, and not audited as a
   * read, since nothing of it leaves the service (the write that links it is audited).
   */
  async reference<T extends ObjectLiteral>(entity: EntityTarget<T>, type: SubjectType, id: string): Promise<T> {
    const qb = this.readable(entity, type, {});
    const row = qb ? await qb.andWhere(`${qb.alias}.id = :scopeId`, { scopeId: id }).getOne() : null;
    if (!row) throw this.notFound(type, id, 'read');
    maskFields(this.actor.ability, type, [row]);
    return row;
  }

  /** Every readable record matching `where` (callers bound it: by parent ids of a loader, a case, a subject). */
  async findMany<T extends ObjectLiteral>(entity: EntityTarget<T>, type: SubjectType, where: Where<T>, opts: ReadOptions = {}): Promise<T[]> {
    const qb = this.readable(entity, type, opts);
    if (!qb) return [];
    where(qb, qb.alias);
    if (opts.orderBy) qb.orderBy(`${qb.alias}.${opts.orderBy.property}`, opts.orderBy.direction).addOrderBy(`${qb.alias}.id`, opts.orderBy.direction);
    const rows = await qb.getMany();
    await this.deliver(type, rows);
    return rows;
  }

  /** Records by id for a DataLoader, in the order of `ids`; null where the actor may not read it. */
  async byIds<T extends ObjectLiteral & { id: string }>(entity: EntityTarget<T>, type: SubjectType, ids: readonly string[]): Promise<(T | null)[]> {
    const rows = ids.length ? await this.findMany(entity, type, (qb, a) => qb.andWhere(`${a}.id IN (:...scopeIds)`, { scopeIds: [...ids] })) : [];
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  }

  /**
   * Columns of records reached through readable parents (the person a referral is about, as the
   * referral shows them to its partner): the parents' rules decide, the columns are only those
   * named, and each related record returned is audited as a read of `related.auditAs`.
   * Rows come back with `parentId`, the related record's `id` and `libraryServiceId`.
   */
  async through<P extends ObjectLiteral, R extends object>(
    parent: EntityTarget<P>,
    type: SubjectType,
    parentIds: readonly string[],
    related: { table: string; on: (parentAlias: string) => string; columns: Record<keyof R & string, string>; auditAs: string },
  ): Promise<(R & { parentId: string; id: string; libraryServiceId: string })[]> {
    const qb = parentIds.length ? this.readable(parent, type, {}) : null;
    if (!qb) return [];
    const a = qb.alias;
    qb.innerJoin(related.table, 'rel', related.on(a))
      .andWhere(`${a}.id IN (:...scopeIds)`, { scopeIds: [...parentIds] })
      .select(`${a}.id`, 'parentId')
      .addSelect('rel.id', 'id')
      .addSelect('rel.library_service_id', 'libraryServiceId');
    for (const [name, column] of Object.entries<string>(related.columns)) qb.addSelect(`rel.${column}`, name);
    const rows = await qb.getRawMany<R & { parentId: string; id: string; libraryServiceId: string }>();
    await this.audited(READ_AUDIT, related.auditAs, [...new Map(rows.map((r) => [r.id, r])).values()]);
    return rows;
  }

  /**
   * Counts and sums over the records the actor may read (statistics): `build` adds its grouping and
   * reads raw aggregates. Not audited and not masked, so it must return aggregates only, never rows.
   */
  async aggregate<T extends ObjectLiteral, R>(
    entity: EntityTarget<T>,
    type: SubjectType,
    build: (qb: SelectQueryBuilder<T>, alias: string) => Promise<R>,
    empty: R,
  ): Promise<R> {
    const qb = this.readable(entity, type, {});
    return qb ? build(qb, qb.alias) : empty;
  }

  /**
   * Limits a query over child rows (an incident's evidence, a ban's transitions) to parents the actor
   * may read, with the parents' own rules as a subquery. False when no parent is readable: answer
   * empty without querying.
   */
  onlyReadable<C extends ObjectLiteral, P extends ObjectLiteral>(
    qb: SelectQueryBuilder<C>,
    parentIdColumn: string,
    parent: EntityTarget<P>,
    type: SubjectType,
  ): boolean {
    const readable = this.readable(parent, type, {});
    if (!readable) return false;
    readable.select(`${readable.alias}.id`);
    qb.andWhere(`${parentIdColumn} IN (${readable.getQuery()})`).setParameters(readable.getParameters());
    return true;
  }

  /** The ids among `ids` that the actor may read (a link check: nothing else is returned, nothing audited). */
  async readableIds<T extends ObjectLiteral>(entity: EntityTarget<T>, type: SubjectType, ids: readonly string[]): Promise<Set<string>> {
    const qb = ids.length ? this.readable(entity, type, {}) : null;
    if (!qb) return new Set();
    const rows = await qb
      .select(`${qb.alias}.id`, 'id')
      .andWhere(`${qb.alias}.id IN (:...scopeIds)`, { scopeIds: [...ids] })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * The ids among `ids` of records that exist in the actor's own library service, whatever the
   * actor may read of them: for a link the actor may make without reading the record (frontline
   * staff name a person on an incident). Tenancy only, ids only, nothing audited.
   */
  async idsInService<T extends ObjectLiteral>(entity: EntityTarget<T>, ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.m
      .getRepository(entity)
      .createQueryBuilder('linked')
      .select('linked.id', 'id')
      .where('linked.id IN (:...scopeIds)', { scopeIds: [...ids] })
      .andWhere('linked.libraryServiceId = :scopeServiceId', { scopeServiceId: this.principal.libraryServiceId })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Whether a restriction (Art 18) hides a person's records from this actor: read off the ability
   * (restriction.rules.ts), for the few reads that show a person inside another record (an
   * incident's people keep the link but lose the name).
   */
  get hidesRestricted(): boolean {
    return this.actor.ability.rulesFor('read', 'Subject').some((r) => r.inverted && r.conditions && 'subjectRestricted' in r.conditions);
  }

  /** SQL true when the person in `subjectIdSql` may be named to this actor (see hidesRestricted). */
  personVisibleSql(subjectIdSql: string): string {
    return this.hidesRestricted ? `NOT (${this.services.conditions.restrictedPersonSql(subjectIdSql)})` : 'TRUE';
  }

  // ---- writes ----------------------------------------------------------------------------------

  /**
   * Loads a record to change it, inside the caller's transaction: locked, readable (else
   * NOT_FOUND), allowed for `action` (else FORBIDDEN), and at the version the user saw (else CONFLICT).
   * `opts.alsoAllowed` decides another action in SQL too, for rules whose conditions only SQL can see.
   */
  async forWrite<T extends ObjectLiteral & { id: string; version: number }>(
    entity: EntityTarget<T>,
    type: SubjectType,
    id: string,
    action: Action,
    expectedVersion?: number,
    opts: ReadOptions = {},
  ): Promise<T> {
    const qb = this.readable(entity, type, opts);
    const row = qb ? await qb.andWhere(`${qb.alias}.id = :scopeId`, { scopeId: id }).setLock('pessimistic_write').getOne() : null;
    if (!row) throw this.notFound(type, id, action);
    // Reading was decided in SQL above (read rules may hold SQL-only conditions); other actions in memory.
    if (action !== 'read') assertAllowed(this.actor, action, type, row);
    if (expectedVersion !== undefined && row.version !== expectedVersion) throw new StaleVersionError(type, id, expectedVersion, row.version);
    return row;
  }

  /** Refuses an action on a record (a new one, or one loaded for writing) the actor may not perform: FORBIDDEN. */
  assertCan(action: Action, type: SubjectType, record: object): void {
    assertAllowed(this.actor, action, type, record);
  }

  can(action: Action, type: SubjectType, record: object, field?: string): boolean {
    return canOn(this.actor.ability, action, type, record, field);
  }

  /** Refuses a change to any field the actor may not change on this record (field-level rules). */
  assertCanChangeFields(action: Action, type: SubjectType, record: object, fields: string[]): void {
    assertFieldsChangeable(this.actor.ability, action, type, record, fields);
  }

  /**
   * Writes one audit row per record, attributed to each record's own library service, in one
   * statement with this scope's manager; counted against the request's REQUEST_MAX_AUDIT_ROWS before anything is written.
   * `purpose`, when given, is recorded instead of the one the user stated: a write that is itself
   * the purpose (an intelligence review decision) says so, as the sweep and erasure do.
   */
  async audited(action: AuditAction, entityType: string, rows: readonly { id: string; libraryServiceId: string }[], purpose?: string): Promise<void> {
    this.allowance.take(rows.length);
    // Outside a transaction, a GraphQL request's reads (reads only) are gathered and written in one statement before it answers.
    const deferred = action === READ_AUDIT && purpose === undefined && this.m === this.services.db.manager ? this.actor.deferredAudit : null;
    if (deferred) deferred.add(rows.map((r) => ({ action, entityType, id: r.id, libraryServiceId: r.libraryServiceId })));
    else await this.services.audit.recordEach(this.m, { ...auditActor(this.actor), ...(purpose === undefined ? {} : { purpose }) }, action, entityType, rows);
  }

  /**
   * For a write whose own statement writes its audit rows (a data-modifying WITH, as
   * `auditRowsFrom` writes them): who to record, once the `rows` are counted against the request's
   * REQUEST_MAX_AUDIT_ROWS, as `audited` counts them.
   */
  auditedInStatement(rows: number): AuditActor {
    this.allowance.take(rows);
    return auditActor(this.actor);
  }

  // ---- inside ----------------------------------------------------------------------------------

  /** NOT_FOUND for a record the actor asked for by id, marked for the refusal audit (refusals.ts). */
  private notFound(type: SubjectType, id: string, action: Action): NotFoundError {
    return refusing(new NotFoundError(type, id), { entityType: type, entityId: id, action });
  }

  private readable<T extends ObjectLiteral>(entity: EntityTarget<T>, type: SubjectType, opts: ReadOptions): SelectQueryBuilder<T> | null {
    // A request refused at its audit ceiling reads nothing more (the aliases still waiting would only be refused in turn).
    this.allowance.check();
    const qb = this.m.getRepository(entity).createQueryBuilder(type.charAt(0).toLowerCase() + type.slice(1));
    const { ability } = this.actor;
    if (!applyAccessRules(qb, ability, 'read', type, this.services.conditions)) return null;
    if (opts.alsoAllowed && !applyAccessRules(qb, ability, opts.alsoAllowed, type, this.services.conditions)) return null;
    return qb;
  }

  /** What every read does to its rows before they leave the scope: mask, then audit. */
  private async deliver<T extends ObjectLiteral>(type: SubjectType, rows: T[]): Promise<void> {
    maskFields(this.actor.ability, type, rows);
    if (AUDITED_READS.has(type) && rows.length) await this.audited(READ_AUDIT, READ_AUDIT_TYPE[type] ?? type, rows as never);
  }

  /**
   * `reference`, with the row locked FOR SHARE until the caller's transaction ends: for a write
   * that relies on the linked record not changing meanwhile (a case is shared under an agreement
   * only while it stays in force). Others may read and reference it too, not change it.
   */
  async referenceLocked<T extends ObjectLiteral>(entity: EntityTarget<T>, type: SubjectType, id: string): Promise<T> {
    const qb = this.readable(entity, type, {});
    const row = qb ? await qb.andWhere(`${qb.alias}.id = :scopeId`, { scopeId: id }).setLock('pessimistic_read').getOne() : null;
    if (!row) throw this.notFound(type, id, 'read');
    maskFields(this.actor.ability, type, [row]);
    return row;
  }

  // ---- people named in other records, merged lists, links by more than id -----------------------

  /**
   * The people a readable record names (an incident's people, a ban's person), as that record shows
   * them to its readers, who may not read the person's own record (frontline staff): for the
   * parents among `parentIds` the actor may read, one row per person named, with `parentId`,
   * `subjectId` and `label` (the name, or the description when the name is unknown). The label is
   * null for a person whose restriction hides them from this actor (see hidesRestricted): the link
   * stays, the name goes. `link` names the table whose rows name the people (joined as `lnk`, with
   * its `columns` and order); without it the parent names one person itself. Not audited: the
   * parent's own read is.
   */
  async peopleNamed<P extends ObjectLiteral, R extends object = object>(
    parent: EntityTarget<P>,
    type: SubjectType,
    parentIds: readonly string[],
    person: {
      subjectId: (parentAlias: string) => string;
      link?: { table: string; on: (parentAlias: string) => string; columns: Record<keyof R & string, string>; orderBy?: string[] };
    },
  ): Promise<(R & { parentId: string; subjectId: string; label: string | null })[]> {
    const qb = parentIds.length ? this.readable(parent, type, {}) : null;
    if (!qb) return [];
    const a = qb.alias;
    const { link } = person;
    if (link) qb.innerJoin(link.table, 'lnk', link.on(a));
    const subjectId = person.subjectId(a);
    qb.leftJoin(
      'subject',
      'person',
      `person.id = ${subjectId} AND person.library_service_id = "${a}".library_service_id AND ${this.personVisibleSql(subjectId)}`,
    )
      .andWhere(`${a}.id IN (:...scopeIds)`, { scopeIds: [...parentIds] })
      .select(`${a}.id`, 'parentId')
      .addSelect(subjectId, 'subjectId')
      .addSelect('coalesce(person.name, person.description)', 'label');
    for (const [name, column] of Object.entries<string>(link?.columns ?? {})) qb.addSelect(`lnk.${column}`, name);
    for (const column of link?.orderBy ?? []) qb.addOrderBy(`lnk.${column}`);
    return qb.getRawMany();
  }

  /**
   * Records of several types in one list (a case's timeline): each part is a query over one type's
   * records the actor may read (a part they may read none of is left out), selecting the same
   * columns, `id` among them; the parts are joined by UNION ALL and `tail` (ORDER BY and LIMIT over
   * the alias `u`, with `params`) cuts the list. Every row returned is audited as a read of its
   * record, up to `returned` rows. Rows are raw, not masked: a part selects only fields every reader of its type may read.
   */
  async union<R extends { id: string }>(parts: UnionPart[], tail: string, params: ObjectLiteral = {}, returned = Infinity): Promise<R[]> {
    const query = this.unionQuery(parts, (qb, i) => qb.addSelect(`${i}`, 'scopePart').addSelect(`${qb.alias}.libraryServiceId`, 'scopeServiceId'));
    if (!query) return [];
    const rows: (R & { scopePart: number; scopeServiceId: string })[] = await query(`SELECT * FROM (:union) u ${tail}`, params);
    // Only what the caller returns is read: a look-ahead row (is there a next page?) is not.
    const shown = rows.slice(0, returned);
    for (const [i, part] of parts.entries()) {
      const read = shown.filter((r) => Number(r.scopePart) === i).map((r) => ({ id: r.id, libraryServiceId: r.scopeServiceId }));
      if (AUDITED_READS.has(part.type) && read.length) await this.audited(READ_AUDIT, READ_AUDIT_TYPE[part.type] ?? part.type, read);
    }
    return rows.map(({ scopePart: _part, scopeServiceId: _service, ...row }) => row as unknown as R);
  }

  /** How many rows `union` would list, before any cursor or limit: a count, not audited. */
  async unionCount(parts: UnionPart[], params: ObjectLiteral = {}): Promise<number> {
    const query = this.unionQuery(parts);
    if (!query) return 0;
    const [{ n }] = await query('SELECT count(*)::int AS n FROM (:union) u', params);
    return n;
  }

  /** The parts the actor may read, each with its rules, joined by UNION ALL in place of `(:union)`; null when none is readable. */
  private unionQuery(parts: UnionPart[], extra?: (qb: SelectQueryBuilder<ObjectLiteral>, part: number) => void) {
    const built = parts.flatMap((part, i) => {
      const qb = this.readable(part.entity, part.type, {});
      if (!qb) return [];
      part.select(qb, qb.alias);
      extra?.(qb, i);
      return [qb];
    });
    if (!built.length) return null;
    const union = built.map((qb) => `(${qb.getQuery()})`).join(' UNION ALL ');
    return (text: string, params: ObjectLiteral) =>
      this.m.query(
        ...this.m.connection.driver.escapeQueryWithParameters(
          text.replace('(:union)', `(${union})`),
          Object.assign({}, ...built.map((qb) => qb.getParameters()), params),
        ),
      );
  }

  /**
   * idsInService, with a few columns of each record that say nothing about the person (a merge
   * pointer): for a link check that must say more than "not in your service" (a record merged into
   * another is linked by the one kept). Tenancy only, whatever the actor may read; nothing audited.
   */
  async inService<T extends ObjectLiteral & { id: string }, K extends keyof T & string>(
    entity: EntityTarget<T>,
    ids: readonly string[],
    properties: readonly K[],
  ): Promise<Pick<T, 'id' | K>[]> {
    if (!ids.length) return [];
    const qb = this.m
      .getRepository(entity)
      .createQueryBuilder('linked')
      .select('linked.id', 'id')
      .where('linked.id IN (:...scopeIds)', { scopeIds: [...ids] })
      .andWhere('linked.libraryServiceId = :scopeServiceId', { scopeServiceId: this.principal.libraryServiceId });
    for (const p of properties) qb.addSelect(`linked.${p}`, p);
    return qb.getRawMany();
  }
}

/** One type's part of a merged list (see AccessScope.union). */
export interface UnionPart {
  entity: EntityTarget<ObjectLiteral>;
  type: SubjectType;
  select: Where<ObjectLiteral>;
}
