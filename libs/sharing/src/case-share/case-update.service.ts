import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor, shareRecipientOf } from '../../../access/src/index.js';
import { AccessDeniedError, type Connection, type LoaderRegistry, loaderFor, type PageArgs, pageLoaderName } from '../../../common/src/index.js';
import { AuditAction, newDataProtection, retainUntilFor } from '../../../governance/src/index.js';
import { recipientColumn } from '../sharing-sql.js';
import { CaseUpdate } from './case-update.entity.js';
import type { AddCaseUpdateInput } from './dto/case-update.input.js';
import { SharedCaseRecord } from './shared-case-record.entity.js';

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
  constructor(private readonly scopes: AccessScopes) {}

  /** A recipient adds an update to a case with a live share to it (any category). */
  async add(actor: Actor, input: AddCaseUpdateInput): Promise<CaseUpdate> {
    const recipient = shareRecipientOf(actor.principal);
    if (!recipient) throw new AccessDeniedError('Only partners and receiving library services add updates to shared cases');
    assertNoLegalHold(input.dataProtection);
    const byOrganisation = 'organisationId' in recipient;
    const partnerOrganisationId = byOrganisation ? recipient.organisationId : null;
    return this.scopes.of(actor).transaction(async (s, m) => {
      // The case through the SharedCase rules (live share, in SQL; not restricted): not shared now = NOT_FOUND.
      const kase = await s.reference(SharedCaseRecord, 'SharedCase', input.caseId);
      s.assertCan('create', TYPE, { libraryServiceId: kase.libraryServiceId, partnerOrganisationId, authorLibraryServiceId: actor.principal.libraryServiceId });
      const { column, id } = recipientColumn(recipient);
      const [share] = await m.query(`SELECT id FROM live_case_share WHERE case_id = $1 AND ${column} = $2 ORDER BY starts_at DESC, id LIMIT 1`, [kase.id, id]);
      const repo = m.getRepository(CaseUpdate);
      const update = await repo.save(
        repo.create({
          libraryServiceId: kase.libraryServiceId,
          caseId: kase.id,
          caseShareId: share.id,
          partnerOrganisationId,
          authorLibraryServiceId: actor.principal.libraryServiceId,
          authorId: actor.principal.id,
          authorRole: actor.principal.role,
          kind: input.kind,
          body: input.body,
          dataProtection: newDataProtection('CASE_UPDATE', input.dataProtection, await retainUntilFor(m, kase.libraryServiceId, 'CASE', new Date())),
        }),
      );
      await s.audited(AuditAction.CREATE, TYPE, [update]);
      return update;
    });
  }

  /** The library side: updates on one of its cases, oldest first (a restricted person's for the DPO only: the CaseUpdate rules). */
  forCase(actor: Actor, caseId: string, args: PageArgs): Promise<Connection<CaseUpdate>> {
    return this.scopes.of(actor).list(CaseUpdate, TYPE, args, { property: 'createdAt', direction: 'ASC' }, (qb, a) => {
      qb.andWhere(`${a}.caseId = :caseId`, { caseId });
    });
  }

  /** SharedCase.updates: the reader's own side's updates (by the CaseUpdate rules), one batch of queries per request. */
  forSharedCase(ctx: { loaders: LoaderRegistry }, actor: Actor, caseId: string, args: PageArgs): Promise<Connection<CaseUpdate>> {
    return loaderFor<Connection<CaseUpdate>>(ctx, pageLoaderName('SharedCase.updates', args), async (ids) => {
      const recipient = shareRecipientOf(actor.principal);
      return this.scopes.of(actor).listEach(CaseUpdate, TYPE, 'caseId', ids, args, { property: 'createdAt', direction: 'ASC' }, (qb, a) => {
        const own =
          recipient && 'organisationId' in recipient
            ? `${a}.partnerOrganisationId = :ownSide`
            : `${a}.authorLibraryServiceId = :ownSide AND ${a}.partnerOrganisationId IS NULL`;
        qb.andWhere(own, { ownSide: recipient ? recipientColumn(recipient).id : null });
      });
    }).load(caseId);
  }
}
