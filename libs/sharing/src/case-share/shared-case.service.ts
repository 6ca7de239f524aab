import { Injectable } from '@nestjs/common';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { type AccessScope, AccessScopes, type Actor, shareRecipientOf, type SubjectType, type Where } from '../../../access/src/index.js';
import { BadInputError, type Connection, emptyConnection, groupByKey, type LoaderRegistry, loaderFor, whereIn } from '../../../common/src/index.js';
import { AuditAction } from '../../../governance/src/index.js';
import { DataCategory } from '../agreement/agreement.enums.js';
import { recipientColumn } from '../sharing-sql.js';
import type { SharedCaseArgs, SharedCasesArgs } from './dto/shared-case.args.js';
import { SharedCaseRecord } from './shared-case-record.entity.js';
import {
  SharedBan,
  SharedCase,
  SharedCaseGrant,
  SharedCaseShareInfo,
  type SharedContact,
  SharedContactRoute,
  SharedIncident,
  SharedIntelligenceItem,
  SharedReferral,
  SharedSpecialCategory,
  SharedSubject,
} from './shared-case.types.js';

type Ctx = { loaders: LoaderRegistry };

/**
 * A partner's (or a receiving library service's) reads of the cases shared with it, through the
 * access scope. Which cases: the SharedCase rules, in SQL (a live share to the reader). What of
 * them: the shared-case views (migration SharedCaseViews), which hold exactly what each recipient
 * may see of each case; the rules pick the reader's rows, restriction (Art 18) hides a restricted
 * person's, and every record returned is audited as a read of the record itself, with the purpose.
 */
@Injectable()
export class SharedCaseService {
  constructor(private readonly scopes: AccessScopes) {}

  async list(actor: Actor, args: SharedCasesArgs): Promise<Connection<SharedCase>> {
    const recipient = shareRecipientOf(actor.principal);
    if (!recipient) return emptyConnection();
    requirePurpose(actor, args.purpose);
    const scope = this.scopes.of(actor);
    const { statuses, categories } = args.filter ?? {};
    const page = await scope.list(SharedCaseRecord, 'SharedCase', args, { property: 'openedAt', direction: 'DESC' }, (qb, a) => {
      whereIn(qb, `${a}.status`, 'fStatuses', statuses);
      if (categories) {
        const { column, id } = recipientColumn(recipient);
        qb.andWhere(
          `EXISTS (SELECT 1 FROM shared_case_grant fg WHERE fg.case_id = ${a}.id AND fg.${column} = :recipientId AND fg.categories && CAST(:fCategories AS text[]))`,
          {
            recipientId: id,
            fCategories: categories,
          },
        );
      }
    });
    const cases = await this.project(
      scope,
      page.edges.map((e) => e.node),
    );
    return { ...page, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: cases[i]! })) };
  }

  async get(actor: Actor, args: SharedCaseArgs): Promise<SharedCase> {
    if (shareRecipientOf(actor.principal)) requirePurpose(actor, args.purpose);
    const scope = this.scopes.of(actor);
    const record = await scope.find(SharedCaseRecord, 'SharedCase', args.id);
    return (await this.project(scope, [record]))[0]!;
  }

  /** Case header with the categories granted now and the sharing service (one query for the page). */
  private async project(scope: AccessScope, records: SharedCaseRecord[]): Promise<SharedCase[]> {
    if (!records.length) return [];
    const grants = await scope.findMany(SharedCaseGrant, 'SharedCaseGrant', (qb, a) => {
      qb.andWhere(`${a}.caseId IN (:...caseIds)`, { caseIds: records.map((r) => r.id) });
    });
    const byCase = new Map(grants.map((g) => [g.caseId, g]));
    return records.map((r) =>
      Object.assign(new SharedCase(), {
        id: r.id,
        libraryServiceId: r.libraryServiceId,
        subjectId: r.subjectId,
        title: r.title,
        status: r.status,
        riskLevel: r.riskLevel,
        openedAt: r.openedAt,
        closedAt: r.closedAt,
        libraryServiceName: byCase.get(r.id)?.libraryServiceName ?? '',
        categories: byCase.get(r.id)?.categories ?? [],
      }),
    );
  }

  /**
   * One section for the cases of this request, in one query over its view: null for a case where
   * the category is not granted (no query at all when none of them has it).
   */
  private section<T extends ObjectLiteral & { caseId: string }>(
    ctx: Ctx,
    actor: Actor,
    c: SharedCase,
    category: DataCategory,
    entity: EntityTarget<T>,
    type: SubjectType,
    name: string,
    order: Where<T> = () => undefined,
  ): Promise<T[] | null> {
    if (!c.categories.includes(category)) return Promise.resolve(null);
    return loaderFor<T[]>(ctx, `SharedCase.${name}`, async (ids) => {
      const rows = await this.scopes.of(actor).findMany(entity, type, (qb, a) => {
        qb.andWhere(`${a}.caseId IN (:...caseIds)`, { caseIds: [...ids] });
        order(qb, a);
      });
      return groupByKey(ids, rows, (r) => r.caseId);
    }).load(c.id);
  }

  async subject(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedSubject | null> {
    const rows = await this.section(ctx, actor, c, DataCategory.IDENTITY, SharedSubject, 'SharedSubject', 'subject');
    return rows?.[0] ?? null;
  }

  async contact(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedContact | null> {
    const rows = await this.section(ctx, actor, c, DataCategory.CONTACT, SharedContactRoute, 'SharedContact', 'contact', (qb, a) =>
      qb.orderBy(`${a}.createdAt`, 'ASC').addOrderBy(`${a}.id`, 'ASC'),
    );
    return rows ? { contactRoutes: [...new Set(rows.map((r) => r.contactRoute))] } : null;
  }

  incidents(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedIncident[] | null> {
    return this.section(ctx, actor, c, DataCategory.INCIDENTS, SharedIncident, 'SharedIncident', 'incidents', (qb, a) =>
      qb.orderBy(`${a}.occurredAt`, 'DESC').addOrderBy(`${a}.id`, 'ASC'),
    );
  }

  bans(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedBan[] | null> {
    return this.section(ctx, actor, c, DataCategory.BANS, SharedBan, 'SharedBan', 'bans', (qb, a) =>
      qb.orderBy(`${a}.startsOn`, 'DESC').addOrderBy(`${a}.id`, 'ASC'),
    );
  }

  referrals(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedReferral[] | null> {
    return this.section(ctx, actor, c, DataCategory.REFERRALS, SharedReferral, 'SharedReferral', 'referrals', (qb, a) =>
      qb.orderBy(`${a}.sentAt`, 'DESC', 'NULLS LAST').addOrderBy(`${a}.id`, 'ASC'),
    );
  }

  intelligence(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedIntelligenceItem[] | null> {
    return this.section(ctx, actor, c, DataCategory.INTELLIGENCE, SharedIntelligenceItem, 'SharedIntelligenceItem', 'intelligence', (qb, a) =>
      qb.orderBy(`${a}.recordedAt`, 'DESC').addOrderBy(`${a}.id`, 'ASC'),
    );
  }

  async specialCategory(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedSpecialCategory | null> {
    if (!c.categories.includes(DataCategory.SPECIAL_CATEGORY)) return null;
    // The flags are audited (by the scope) as a read of the person, even when no details are held;
    // each detail is its own record, audited here.
    const rows = await loaderFor<SharedSpecialCategory[]>(ctx, 'SharedCase.specialCategory', async (ids) => {
      const scope = this.scopes.of(actor);
      const found = await scope.findMany(SharedSpecialCategory, 'SharedSpecialCategory', (qb, a) => {
        qb.andWhere(`${a}.caseId IN (:...caseIds)`, { caseIds: [...ids] });
      });
      await scope.audited(
        AuditAction.READ,
        'SubjectSpecialCategory',
        found.flatMap((r) => r.details.map((d) => ({ id: d.id, libraryServiceId: r.libraryServiceId }))),
      );
      return groupByKey(ids, found, (r) => r.caseId);
    }).load(c.id);
    return rows[0] ?? null;
  }

  shares(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedCaseShareInfo[]> {
    return this.section(ctx, actor, c, DataCategory.IDENTITY, SharedCaseShareInfo, 'SharedCaseShare', 'shares', (qb, a) =>
      qb.orderBy(`${a}.startsAt`, 'ASC').addOrderBy(`${a}.id`, 'ASC'),
    ).then((rows) => rows ?? []);
  }
}

/**
 * A reader of shared data states why: the `purpose` argument (it wins, and applies to the whole
 * request) or the X-Purpose header. Refused with BAD_USER_INPUT when neither is given.
 */
export function requirePurpose(actor: Actor, purpose: string | undefined): void {
  if (purpose?.trim()) actor.purpose = purpose.trim();
  if (!actor.purpose) {
    throw new BadInputError(
      'State why you are reading shared data: give a `purpose` argument or an X-Purpose header (it is written to the audit trail with every record you read)',
    );
  }
}
