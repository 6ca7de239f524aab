import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor, shareRecipientOf } from '../../../access/src/index.js';
import { Case } from '../../../cases/src/index.js';
import { AccessDeniedError, BadInputError, type Connection, type LoaderRegistry, loaderFor, type PageArgs, pageLoaderName } from '../../../common/src/index.js';
import { AuditAction, newDataProtection, retainUntilFor } from '../../../governance/src/index.js';
import { assertAnswerOfRecipient, planOnBehalf, Referral, ReferralStatus } from '../../../referrals/src/index.js';
import { recipientColumn } from '../sharing-sql.js';
import { CaseUpdate } from './case-update.entity.js';
import type { AddCaseUpdateInput, AddCaseUpdateOnBehalfInput } from './dto/case-update.input.js';
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

  /**
   * An update the partner organisation gave outside the app (it has no login), recorded by the
   * library in the partner's name. Who may: `recordOnBehalf` on the referral it answers (its
   * referring worker, or a manager of its service: referrals.rules.ts) and on the case update (the
   * service's own case: sharing.rules.ts). The referral must be sent, to that organisation and about
   * the case's person; the case must be shared with the organisation now (what the partner would
   * need to post it itself); the answer not before the referral was sent. Stored as the
   * organisation's update, so its users read it with their own; the library user is the author.
   */
  async addOnBehalf(actor: Actor, input: AddCaseUpdateOnBehalfInput): Promise<CaseUpdate> {
    assertNoLegalHold(input.dataProtection);
    const { libraryServiceId, id: actorId } = actor.principal;
    const partnerOrganisationId = input.onBehalf.partnerOrganisationId;
    const scope = this.scopes.of(actor);
    // Checked before anything is looked up, so a user who may never record on behalf learns nothing.
    scope.assertCan('recordOnBehalf', 'Referral', { libraryServiceId, referredById: actorId });
    scope.assertCan('recordOnBehalf', TYPE, { libraryServiceId, partnerOrganisationId });
    return scope.transaction(async (s, m) => {
      const referral = await s.reference(Referral, 'Referral', input.referralId);
      s.assertCan('recordOnBehalf', 'Referral', referral);
      if (!s.can('recordOnBehalf', 'Referral', referral, TYPE))
        throw new AccessDeniedError('You may not record a case update on the partner’s behalf for this referral');
      assertAnswerOfRecipient(input.onBehalf, referral);
      if (referral.status === ReferralStatus.DRAFT) {
        throw new BadInputError(`Referral ${referral.id} is a DRAFT: the partner has not received it`, { field: 'referralId' });
      }
      const kase = await s.reference(Case, 'Case', input.caseId);
      if (kase.subjectId !== referral.subjectId) {
        throw new BadInputError(`Referral ${referral.id} is about another person than case ${kase.id}`, { field: 'referralId' });
      }
      s.assertCan('recordOnBehalf', TYPE, { libraryServiceId: kase.libraryServiceId, partnerOrganisationId });
      const [share] = await m.query(`SELECT id FROM live_case_share WHERE case_id = $1 AND partner_organisation_id = $2 ORDER BY starts_at DESC, id LIMIT 1`, [
        kase.id,
        partnerOrganisationId,
      ]);
      if (!share)
        throw new AccessDeniedError(`Case ${kase.id} is not shared with the organisation now: it could not have posted this update`, { field: 'caseId' });
      const answer = planOnBehalf(input.onBehalf, referral, { sinceCurrentStep: false });
      const repo = m.getRepository(CaseUpdate);
      const update = await repo.save(
        repo.create({
          libraryServiceId: kase.libraryServiceId,
          caseId: kase.id,
          caseShareId: share.id,
          partnerOrganisationId,
          authorLibraryServiceId: libraryServiceId,
          authorId: actorId,
          authorRole: actor.principal.role,
          kind: input.kind,
          body: input.body,
          dataProtection: newDataProtection('CASE_UPDATE', input.dataProtection, await retainUntilFor(m, kase.libraryServiceId, 'CASE', new Date())),
          ...answer,
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
