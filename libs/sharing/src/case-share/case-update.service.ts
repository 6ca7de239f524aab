import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, auditEach, shareRecipientOf } from '../../../access/src/index.js';
import {
  AccessDeniedError, type Connection, emptyConnection, type LoaderRegistry, loaderFor, type PageArgs, pageLoaderName, paginate, paginateEach,
} from '../../../common/src/index.js';
import { AuditAction, AuditService, newDataProtection, retainUntilFor } from '../../../governance/src/index.js';
import { recipientColumn } from '../sharing-sql.js';
import { CaseUpdate } from './case-update.entity.js';
import type { AddCaseUpdateInput } from './dto/case-update.input.js';
import { findSharedCase, withoutRestricted } from './subject-restriction.js';

const TYPE = 'CaseUpdate';

/**
 * What a recipient adds is kept in the sharing service's records, under that service's retention:
 * a legal hold (which stops retention and erasure) is that service's decision, not the recipient's.
 */
export function assertNoLegalHold(dataProtection: { legalHold?: boolean } | undefined): void {
  if (dataProtection?.legalHold) throw new AccessDeniedError('Only the library service that keeps the case may place a legal hold: leave legalHold out');
}

/** Updates recipients add to cases shared with them; personal data, so every read is audited. */
@Injectable()
export class CaseUpdateService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  /** A recipient adds an update to a case with a live share to it (any category). */
  async add(actor: Actor, input: AddCaseUpdateInput): Promise<CaseUpdate> {
    const recipient = shareRecipientOf(actor.principal);
    if (!recipient) throw new AccessDeniedError('Only partners and receiving library services add updates to shared cases');
    assertNoLegalHold(input.dataProtection);
    const byOrganisation = 'organisationId' in recipient;
    const partnerOrganisationId = byOrganisation ? recipient.organisationId : null;
    return this.db.transaction(async (m) => {
      // The case through the SharedCase rules (live share, in SQL): not shared now = NOT_FOUND.
      const kase = await findSharedCase(m, actor, input.caseId);
      assertCan(actor, 'create', TYPE, { libraryServiceId: kase.libraryServiceId, partnerOrganisationId, authorLibraryServiceId: actor.principal.libraryServiceId });
      const { column, id } = recipientColumn(recipient);
      const [share] = await m.query(`SELECT id FROM live_case_share WHERE case_id = $1 AND ${column} = $2 ORDER BY starts_at DESC, id LIMIT 1`, [kase.id, id]);
      const repo = m.getRepository(CaseUpdate);
      const update = await repo.save(repo.create({
        libraryServiceId: kase.libraryServiceId,
        caseId: kase.id,
        caseShareId: share.id,
        partnerOrganisationId,
        authorLibraryServiceId: actor.principal.libraryServiceId,
        authorId: actor.principal.id,
        authorRole: actor.principal.role,
        kind: input.kind,
        body: input.body,
        dataProtection: newDataProtection(input.dataProtection, await retainUntilFor(m, kase.libraryServiceId, 'CASE', new Date())),
      }));
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [update]);
      return update;
    });
  }

  /** The library side: updates on one of its cases, oldest first. */
  async forCase(actor: Actor, caseId: string, args: PageArgs): Promise<Connection<CaseUpdate>> {
    const qb = accessibleQuery(this.db.manager, CaseUpdate, TYPE, actor);
    if (!qb) return emptyConnection();
    withoutRestricted(qb, `(SELECT rc.subject_id FROM case_file rc WHERE rc.id = "${qb.alias}"."case_id")`, actor);
    const page = await paginate(qb.andWhere(`${qb.alias}.caseId = :caseId`, { caseId }), args, { property: 'createdAt', direction: 'ASC' });
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, page.edges.map((e) => e.node));
    return page;
  }

  /** SharedCase.updates: the reader's own side's updates (by the CaseUpdate rules), one query per request. */
  forSharedCase(ctx: { loaders: LoaderRegistry }, actor: Actor, caseId: string, args: PageArgs): Promise<Connection<CaseUpdate>> {
    return loaderFor<Connection<CaseUpdate>>(ctx, pageLoaderName('SharedCase.updates', args), async (ids) => {
      const qb = accessibleQuery(this.db.manager, CaseUpdate, TYPE, actor);
      if (!qb) return ids.map(() => emptyConnection());
      const a = qb.alias;
      const recipient = shareRecipientOf(actor.principal);
      const own = recipient && 'organisationId' in recipient
        ? `${a}.partnerOrganisationId = :ownSide` : `${a}.authorLibraryServiceId = :ownSide AND ${a}.partnerOrganisationId IS NULL`;
      qb.andWhere(`${a}.caseId IN (:...ids)`, { ids }).andWhere(own, { ownSide: recipient ? recipientColumn(recipient).id : null });
      const pages = await paginateEach(qb, 'caseId', ids, args, { property: 'createdAt', direction: 'ASC' });
      await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, pages.flatMap((p) => p.edges.map((e) => e.node)));
      return pages;
    }).load(caseId);
  }
}
