import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, auditEach, type ShareRecipient, shareRecipientOf } from '../../../access/src/index.js';
import { BadInputError, type Connection, emptyConnection, groupByKey, type LoaderRegistry, loaderFor, paginate, whereIn } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import { DataCategory } from '../agreement/agreement.enums.js';
import type { SharedCaseArgs, SharedCasesArgs } from './dto/shared-case.args.js';
import type { SharedCaseRecord } from './shared-case-record.entity.js';
import { findSharedCase, sharedCaseQuery } from './subject-restriction.js';
import {
  BAN_SECTION, CASE_HEADERS, CONTACT_SECTION, granted, INCIDENT_SECTION, intelligenceSection, REFERRAL_SECTION, sharesSection,
  SPECIAL_CATEGORY_SECTION, SUBJECT_SECTION,
} from './shared-sections.sql.js';
import {
  SharedBan, SharedCase, SharedCaseShareInfo, SharedContact, SharedIncident, SharedIntelligenceItem, SharedReferral, SharedSpecialCategory,
  SharedSubject,
} from './shared-case.types.js';

type Row = { caseId: string; id: string; libraryServiceId: string };
type Ctx = { loaders: LoaderRegistry };

/**
 * A partner's (or a receiving library service's) reads of the cases shared with it. Which cases:
 * the SharedCase rules, in SQL (a live share to the reader). Which sections: the categories of
 * those live shares, recomputed in the SQL of every section. Purpose required; every record
 * returned is audited with it.
 */
@Injectable()
export class SharedCaseService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  async list(actor: Actor, args: SharedCasesArgs): Promise<Connection<SharedCase>> {
    const qb = sharedCaseQuery(this.db.manager, actor);
    const recipient = shareRecipientOf(actor.principal);
    if (!qb || !recipient) return emptyConnection();
    requirePurpose(actor, args.purpose);
    const a = qb.alias;
    const { statuses, categories } = args.filter ?? {};
    whereIn(qb, `${a}.status`, 'fStatuses', statuses);
    if (categories) {
      const column = 'organisationId' in recipient ? 'partner_organisation_id' : 'recipient_library_service_id';
      qb.andWhere(`EXISTS (SELECT 1 FROM live_case_share fc WHERE fc.case_id = ${a}.id AND fc.${column} = :recipientId AND fc.categories && CAST(:fCategories AS text[]))`, {
        recipientId: 'organisationId' in recipient ? recipient.organisationId : recipient.libraryServiceId, fCategories: categories,
      });
    }
    const page = await paginate(qb, args, { property: 'openedAt', direction: 'DESC' });
    const cases = await this.project(actor, recipient, page.edges.map((e) => e.node));
    return { ...page, edges: page.edges.map((e, i) => ({ cursor: e.cursor, node: cases[i]! })) };
  }

  async get(actor: Actor, args: SharedCaseArgs): Promise<SharedCase> {
    const recipient = shareRecipientOf(actor.principal);
    if (recipient) requirePurpose(actor, args.purpose);
    const record = await findSharedCase(this.db.manager, actor, args.id);
    return (await this.project(actor, recipient!, [record]))[0]!;
  }

  /** Case header with the categories shared now (one query for the page), audited as a READ of each case. */
  private async project(actor: Actor, recipient: ShareRecipient, records: SharedCaseRecord[]): Promise<SharedCase[]> {
    if (!records.length) return [];
    const g = granted(recipient, actor.principal.libraryServiceId, records.map((r) => r.id));
    const rows: { caseId: string; categories: DataCategory[]; libraryServiceName: string }[] = await this.db.query(`${g.cte} ${CASE_HEADERS}`, g.params);
    const byCase = new Map(rows.map((r) => [r.caseId, r]));
    const order = Object.values(DataCategory);
    const cases = records.map((r) => Object.assign(new SharedCase(), {
      id: r.id, libraryServiceId: r.libraryServiceId, subjectId: r.subjectId, title: r.title, status: r.status, riskLevel: r.riskLevel,
      openedAt: r.openedAt, closedAt: r.closedAt, libraryServiceName: byCase.get(r.id)?.libraryServiceName ?? '',
      categories: order.filter((c) => byCase.get(r.id)?.categories.includes(c)),
    }));
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, 'Case', cases);
    return cases;
  }

  /**
   * One section for the cases of this request, in one query: null for a case where the category
   * is not shared (no query at all when none of them has it), and each returned record audited.
   */
  private section<T>(ctx: Ctx, actor: Actor, c: SharedCase, category: DataCategory, name: string, sql: (kind: 'organisation' | 'service') => string,
    auditType: string | null, map: (row: Row & Record<string, unknown>) => T): Promise<T[] | null> {
    if (!c.categories.includes(category)) return Promise.resolve(null);
    const recipient = shareRecipientOf(actor.principal);
    if (!recipient) return Promise.resolve(null);
    return loaderFor<T[]>(ctx, `SharedCase.${name}`, async (ids) => {
      const g = granted(recipient, actor.principal.libraryServiceId, ids);
      const rows: (Row & Record<string, unknown>)[] = await this.db.query(`${g.cte} ${sql(g.kind)}`, g.params);
      if (auditType) await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, auditType, rows);
      return groupByKey(ids, rows, (r) => r.caseId).map((group) => group.map(map));
    }).load(c.id);
  }

  async subject(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedSubject | null> {
    const rows = await this.section(ctx, actor, c, DataCategory.IDENTITY, 'subject', () => SUBJECT_SECTION, 'Subject', (r) => Object.assign(new SharedSubject(), r));
    return rows?.[0] ?? null;
  }

  async contact(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedContact | null> {
    const rows = await this.section(ctx, actor, c, DataCategory.CONTACT, 'contact', () => CONTACT_SECTION, 'Referral', (r) => r.contactRoute as string);
    return rows ? { contactRoutes: [...new Set(rows)] } : null;
  }

  incidents(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedIncident[] | null> {
    return this.section(ctx, actor, c, DataCategory.INCIDENTS, 'incidents', () => INCIDENT_SECTION, 'Incident', (r) => Object.assign(new SharedIncident(), r));
  }

  bans(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedBan[] | null> {
    return this.section(ctx, actor, c, DataCategory.BANS, 'bans', () => BAN_SECTION, 'Ban', (r) => Object.assign(new SharedBan(), r));
  }

  referrals(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedReferral[] | null> {
    return this.section(ctx, actor, c, DataCategory.REFERRALS, 'referrals', () => REFERRAL_SECTION, 'Referral', (r) => Object.assign(new SharedReferral(), r));
  }

  intelligence(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedIntelligenceItem[] | null> {
    return this.section(ctx, actor, c, DataCategory.INTELLIGENCE, 'intelligence', intelligenceSection, 'IntelligenceItem',
      (r) => Object.assign(new SharedIntelligenceItem(), r));
  }

  async specialCategory(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedSpecialCategory | null> {
    const rows = await this.section(ctx, actor, c, DataCategory.SPECIAL_CATEGORY, 'specialCategory', () => SPECIAL_CATEGORY_SECTION, null,
      (r) => r as unknown as SharedSpecialCategory & { subjectId: string; libraryServiceId: string });
    const row = rows?.[0];
    if (!row) return null;
    // The flags are the person's own record: audited as a Subject read even when no details are held.
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, 'Subject', [{ id: row.subjectId, libraryServiceId: row.libraryServiceId }]);
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, 'SubjectSpecialCategory',
      row.details.map((d) => ({ id: d.id, libraryServiceId: row.libraryServiceId })));
    return { isChildSafeguarding: row.isChildSafeguarding, isAdultAtRisk: row.isAdultAtRisk, details: row.details };
  }

  shares(ctx: Ctx, actor: Actor, c: SharedCase): Promise<SharedCaseShareInfo[]> {
    return this.section(ctx, actor, c, DataCategory.IDENTITY, 'shares', sharesSection, null, (r) => Object.assign(new SharedCaseShareInfo(), r))
      .then((rows) => rows ?? []);
  }
}

/**
 * A reader of shared data states why: the `purpose` argument (it wins, and applies to the whole
 * request) or the X-Purpose header. Refused with BAD_USER_INPUT when neither is given.
 */
export function requirePurpose(actor: Actor, purpose: string | undefined): void {
  if (purpose?.trim()) actor.purpose = purpose.trim();
  if (!actor.purpose) {
    throw new BadInputError('State why you are reading shared data: give a `purpose` argument or an X-Purpose header (it is written to the audit trail with every record you read)');
  }
}
