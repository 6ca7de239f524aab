import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessScopes, type Actor, loadAccessible } from '../../../access/src/index.js';
import {
  BadInputError,
  CLOCK_SKEW_MS,
  type Connection,
  ConflictError,
  calendarDate,
  type LoaderRegistry,
  loaderFor,
  NotFoundError,
} from '../../../common/src/index.js';
import { assertNotRestricted, AuditAction } from '../../../governance/src/index.js';
import { NotificationKind, NotificationOutbox } from '../../../notifications/src/index.js';
import { Role } from '../../../access/src/index.js';
import { effectiveAgreementStatus, isAgreementInForce } from '../agreement/agreement-state.js';
import { DataSharingAgreement } from '../agreement/data-sharing-agreement.entity.js';
import { CaseShare } from './case-share.entity.js';
import type { CaseSharesArgs, ShareCaseInput } from './dto/case-share.input.js';
import { missingCategories, shareCategories } from './share-categories.js';
import { SharedCaseRecord } from './shared-case-record.entity.js';

const TYPE = 'CaseShare';

/** Sharing decisions: only managers share and revoke; every share and revocation is audited. */
@Injectable()
export class CaseShareService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scopes: AccessScopes,
    private readonly notifications: NotificationOutbox,
  ) {}

  list(actor: Actor, args: CaseSharesArgs): Promise<Connection<CaseShare>> {
    const { caseId, agreementId, partnerOrganisationId, isLive } = args.filter ?? {};
    return this.scopes.of(actor).list(CaseShare, TYPE, args, { property: 'createdAt', direction: 'DESC' }, (qb, a) => {
      if (caseId) qb.andWhere(`${a}.caseId = :caseId`, { caseId });
      if (agreementId) qb.andWhere(`${a}.agreementId = :agreementId`, { agreementId });
      if (partnerOrganisationId) qb.andWhere(`${a}.partnerOrganisationId = :partnerOrganisationId`, { partnerOrganisationId });
      if (isLive !== undefined) qb.andWhere(`${isLive ? '' : 'NOT '}EXISTS (SELECT 1 FROM live_case_share fl WHERE fl.id = ${a}.id)`);
    });
  }

  get(actor: Actor, id: string): Promise<CaseShare> {
    return this.scopes.of(actor).find(CaseShare, TYPE, id);
  }

  /** For relations (CaseUpdate.caseShare…): one query per request, with the reader's rules; null when not readable. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<CaseShare | null> {
    return loadAccessible(ctx, this.scopes.of(actor), CaseShare, TYPE, id);
  }

  async share(actor: Actor, input: ShareCaseInput): Promise<CaseShare> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId });
    const toOrganisation = input.partnerOrganisationId ?? null;
    const toService = input.recipientLibraryServiceId ?? null;
    if ((toOrganisation === null) === (toService === null)) {
      throw new BadInputError('Give exactly one recipient: partnerOrganisationId, or recipientLibraryServiceId for another library service');
    }
    if (toService === libraryServiceId) throw new BadInputError('A case cannot be shared with its own library service');
    const now = new Date();
    const startsAt = input.startsAt ?? now;
    if (startsAt.getTime() < now.getTime() - CLOCK_SKEW_MS) throw new BadInputError('startsAt must not be in the past: a share starts now or later');
    if (input.until && input.until.getTime() <= Math.max(startsAt.getTime(), now.getTime())) {
      throw new BadInputError('until must be after startsAt and in the future');
    }
    return scope.transaction(async (s, m) => {
      // The case through the reader's Case rules: one the manager may not read (a restricted person's too) is NOT_FOUND.
      const kase = await s.reference(SharedCaseRecord, 'Case', input.caseId);
      if (kase.libraryServiceId !== libraryServiceId) throw new BadInputError('Only cases of your own library service can be shared');
      // Restriction (Art 18) checked again at write time, inside the transaction, whoever shares.
      await assertNotRestricted(m, [kase.subjectId]);
      // Locked (FOR SHARE) so the agreement stays in force until the share is committed.
      const notOurs = () => new BadInputError(`DataSharingAgreement ${input.agreementId} is not an agreement of your library service`);
      const agreement = await s.referenceLocked(DataSharingAgreement, 'DataSharingAgreement', input.agreementId).catch((e: unknown) => {
        throw e instanceof NotFoundError ? notOurs() : e;
      });
      if (agreement.libraryServiceId !== libraryServiceId) throw notOurs();
      const today = calendarDate(now);
      if (!isAgreementInForce(agreement, today)) {
        const status = effectiveAgreementStatus(agreement, today);
        const why = status === 'ACTIVE' ? `it starts on ${agreement.startsOn}` : `it is ${status}`;
        throw new BadInputError(`Nothing can be shared under agreement "${agreement.title}" now: ${why}; shares need an ACTIVE agreement in force`);
      }
      await this.assertParty(m, agreement, toOrganisation, toService);
      const categories = shareCategories(input.categories);
      const missing = missingCategories(categories, agreement.categories);
      if (missing.length) {
        throw new BadInputError(
          `Agreement "${agreement.title}" does not cover ${missing.join(', ')}: share only ${agreement.categories.join(', ')}, or amend the agreement first`,
          {
            missingCategories: missing,
          },
        );
      }
      const repo = m.getRepository(CaseShare);
      const share = await repo.save(
        repo.create({
          libraryServiceId,
          caseId: kase.id,
          agreementId: agreement.id,
          partnerOrganisationId: toOrganisation,
          recipientLibraryServiceId: toService,
          categories,
          reason: input.reason,
          sharedById: actor.principal.id,
          // Not given: the database's now(), the clock live_case_share compares with.
          startsAt: input.startsAt ?? undefined,
          until: input.until ?? null,
          revokedAt: null,
          revokedById: null,
          revocationReason: null,
        }),
      );
      const saved = await repo.findOneByOrFail({ id: share.id });
      await s.audited(AuditAction.SHARE, TYPE, [saved]);
      // Also against the case itself, so "who was it shared with" is found from the case (subject access).
      await s.audited(AuditAction.SHARE, 'Case', [kase]);
      // The recipients hear of it in this transaction (the outbox): the organisation's users and its webhook, or the other service's managers.
      await this.notifications.queue(m, {
        kind: NotificationKind.CASE_SHARED,
        recordId: kase.id,
        to: toOrganisation ? { partnerOrganisationId: toOrganisation } : { roles: { libraryServiceId: toService!, roles: [Role.MANAGER] } },
        organisation: toOrganisation ? { partnerOrganisationId: toOrganisation, inbox: false, webhook: true } : undefined,
      });
      return saved;
    });
  }

  async revoke(actor: Actor, id: string, version: number, reason: string): Promise<CaseShare> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const share = await s.forWrite(CaseShare, TYPE, id, 'update', version);
      if (share.revokedAt) throw new ConflictError(`CaseShare ${id} was already revoked`);
      share.revokedAt = new Date();
      share.revokedById = actor.principal.id;
      share.revocationReason = reason;
      const saved = await m.getRepository(CaseShare).save(share);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  /** CaseShare.isLive: one query per request against the live_case_share view. */
  isLive(ctx: { loaders: LoaderRegistry }, id: string): Promise<boolean> {
    return loaderFor<boolean>(ctx, 'CaseShare.isLive', async (ids) => {
      const rows: { id: string }[] = await this.db.query(`SELECT id FROM live_case_share WHERE id = ANY($1)`, [ids]);
      const live = new Set(rows.map((r) => r.id));
      return ids.map((i) => live.has(i));
    }).load(id);
  }

  /** The name of the organisation or library service a share goes to: one query per request. */
  recipientName(ctx: { loaders: LoaderRegistry }, share: CaseShare): Promise<string | null> {
    return loaderFor<string | null>(ctx, 'CaseShare.recipientName', async (ids) => {
      const rows: { id: string; name: string }[] = await this.db.query(
        `SELECT id, name FROM partner_organisation WHERE id = ANY($1) UNION ALL SELECT id, name FROM library_service WHERE id = ANY($1)`,
        [ids],
      );
      const names = new Map(rows.map((r) => [r.id, r.name]));
      return ids.map((i) => names.get(i) ?? null);
    }).load(share.partnerOrganisationId ?? share.recipientLibraryServiceId!);
  }

  private async assertParty(m: EntityManager, agreement: DataSharingAgreement, toOrganisation: string | null, toService: string | null): Promise<void> {
    const [party] = await m.query(
      `SELECT 1 AS ok FROM data_sharing_agreement_party WHERE agreement_id = $1 AND (partner_organisation_id = $2 OR party_library_service_id = $3)`,
      [agreement.id, toOrganisation, toService],
    );
    if (!party) {
      const who = toOrganisation ? `partner organisation ${toOrganisation}` : `library service ${toService}`;
      throw new BadInputError(`Agreement "${agreement.title}" does not name ${who} as a party: share only with its parties`);
    }
  }
}
