import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessScopes, type Actor, loadAccessible } from '../../../access/src/index.js';
import {
  assignGiven,
  BadInputError,
  type Connection,
  ConflictError,
  groupByKey,
  calendarDate,
  type LoaderRegistry,
  loaderFor,
  type PageArgs,
  whereIn,
  whereOverlaps,
} from '../../../common/src/index.js';
import { assertLawfulBasisAllowed, AuditAction } from '../../../governance/src/index.js';
import { assertBranchesInService } from '../../../tenancy/src/index.js';
import { effectiveAgreementStatusSql, TODAY_SQL } from '../sharing-sql.js';
import { AgreementParty } from './agreement-party.entity.js';
import { AgreementSignatory } from './agreement-signatory.entity.js';
import {
  type AgreementAction,
  type AgreementFacts,
  AgreementRuleError,
  assertAgreementTransition,
  defaultAgreementReviewOn,
  effectiveAgreementStatus,
  refusedEdits,
} from './agreement-state.js';
import { AgreementStatus } from './agreement.enums.js';
import { DataSharingAgreement } from './data-sharing-agreement.entity.js';
import type { AgreementsArgs, AgreementSignatoryInput, CreateAgreementInput, UpdateAgreementInput } from './dto/agreement.input.js';

const TYPE = 'DataSharingAgreement';

const EDITABLE = [
  'alertBranchIds',
  'title',
  'purpose',
  'lawfulBasis',
  'lawfulBasisDetails',
  'usesSection115',
  'dpaPart3',
  'specialCategoryCondition',
  'criminalOffenceCondition',
  'categories',
  'retentionAgreed',
  'securityMeasures',
  'startsOn',
  'endsOn',
  'reviewOn',
] as const;

function ruleError(e: unknown): never {
  if (e instanceof AgreementRuleError) throw e.kind === 'input' ? new BadInputError(e.message) : new ConflictError(e.message);
  throw e;
}

/** Shown with its effective status: EXPIRED follows from the end date, whatever is stored. */
function withEffectiveStatus(a: DataSharingAgreement, today = calendarDate()): DataSharingAgreement {
  a.status = effectiveAgreementStatus(a, today);
  return a;
}

@Injectable()
export class AgreementService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scopes: AccessScopes,
  ) {}

  async list(actor: Actor, args: AgreementsArgs): Promise<Connection<DataSharingAgreement>> {
    const { statuses, partnerOrganisationId, categories } = args.filter ?? {};
    const page = await this.scopes.of(actor).list(DataSharingAgreement, TYPE, args, { property: 'createdAt', direction: 'DESC' }, (qb, a) => {
      whereIn(qb, effectiveAgreementStatusSql(`"${a}"`), 'fStatuses', statuses);
      if (partnerOrganisationId) {
        qb.andWhere(
          `EXISTS (SELECT 1 FROM data_sharing_agreement_party fp WHERE fp.agreement_id = ${a}.id AND fp.partner_organisation_id = :partnerOrganisationId)`,
          { partnerOrganisationId },
        );
      }
      whereOverlaps(qb, `${a}.categories`, 'fCategories', categories);
    });
    page.edges.forEach((e) => withEffectiveStatus(e.node));
    return page;
  }

  async get(actor: Actor, id: string): Promise<DataSharingAgreement> {
    return withEffectiveStatus(await this.scopes.of(actor).find(DataSharingAgreement, TYPE, id));
  }

  /** For relations (CaseShare.agreement…): one query per request, with the reader's rules; null when not readable. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<DataSharingAgreement | null> {
    return loadAccessible(ctx, this.scopes.of(actor), DataSharingAgreement, TYPE, id, { each: (a: DataSharingAgreement) => withEffectiveStatus(a) });
  }

  /** ACTIVE or SUSPENDED agreements (not expired) whose review date is within `withinDays` of today, or overdue; soonest first. */
  async dueForReview(actor: Actor, withinDays: number, args: PageArgs): Promise<Connection<DataSharingAgreement>> {
    const page = await this.scopes.of(actor).list(DataSharingAgreement, TYPE, args, { property: 'reviewOn', direction: 'ASC' }, (qb, a) => {
      qb.andWhere(`${effectiveAgreementStatusSql(`"${a}"`)} IN ('ACTIVE','SUSPENDED')`).andWhere(
        `${a}.reviewOn IS NOT NULL AND ${a}.reviewOn <= ${TODAY_SQL} + CAST(:withinDays AS integer)`,
        { withinDays },
      );
    });
    page.edges.forEach((e) => withEffectiveStatus(e.node));
    return page;
  }

  async create(actor: Actor, input: CreateAgreementInput): Promise<DataSharingAgreement> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId });
    assertLawfulBasisAllowed('DATA_SHARING_AGREEMENT', input.lawfulBasis, 'lawfulBasis');
    this.assertDates(input.startsOn ?? null, input.endsOn ?? null, input.reviewOn ?? null);
    return scope.transaction(async (s, m) => {
      if (input.alertBranchIds?.length) await assertBranchesInService(m, input.alertBranchIds, libraryServiceId);
      const repo = m.getRepository(DataSharingAgreement);
      const agreement = await repo.save(
        repo.create({
          libraryServiceId,
          title: input.title,
          purpose: input.purpose,
          lawfulBasis: input.lawfulBasis,
          lawfulBasisDetails: input.lawfulBasisDetails ?? null,
          usesSection115: input.usesSection115 ?? false,
          dpaPart3: input.dpaPart3 ?? false,
          specialCategoryCondition: input.specialCategoryCondition ?? null,
          criminalOffenceCondition: input.criminalOffenceCondition ?? null,
          categories: input.categories,
          alertBranchIds: input.alertBranchIds ?? [],
          retentionAgreed: input.retentionAgreed ?? null,
          securityMeasures: input.securityMeasures ?? null,
          startsOn: input.startsOn ?? null,
          endsOn: input.endsOn ?? null,
          reviewOn: input.reviewOn ?? defaultAgreementReviewOn(input.startsOn ?? null),
          status: AgreementStatus.DRAFT,
          statusReason: null,
          createdById: actor.principal.id,
          activatedAt: null,
          activatedById: null,
          suspendedAt: null,
          terminatedAt: null,
          terminatedById: null,
        }),
      );
      await this.replaceParties(m, agreement, input.partnerOrganisationIds ?? [], input.libraryServiceIds ?? []);
      await this.replaceSignatories(m, agreement, input.signatories ?? []);
      await s.audited(AuditAction.CREATE, TYPE, [agreement]);
      return agreement;
    });
  }

  async update(actor: Actor, input: UpdateAgreementInput): Promise<DataSharingAgreement> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const agreement = await s.forWrite(DataSharingAgreement, TYPE, input.id, 'update', input.version);
      const given = Object.keys(input).filter((k) => k !== 'id' && k !== 'version' && (input as unknown as Record<string, unknown>)[k] !== undefined);
      const refused = refusedEdits(agreement.status, given);
      if (refused.length) {
        throw new ConflictError(
          `An agreement that is ${agreement.status} keeps its terms: ${refused.join(', ')} can no longer change (only while DRAFT); draft a new agreement instead`,
        );
      }
      assertLawfulBasisAllowed('DATA_SHARING_AGREEMENT', input.lawfulBasis, 'lawfulBasis');
      if (input.alertBranchIds?.length) await assertBranchesInService(m, input.alertBranchIds, agreement.libraryServiceId);
      const startsBefore = agreement.startsOn;
      const reviewWasDefault = agreement.reviewOn !== null && agreement.reviewOn === defaultAgreementReviewOn(startsBefore);
      assignGiven(agreement, input, [...EDITABLE]);
      // The review date defaults as on create, or activation would later demand one: given when there is none
      // (or it is cleared), and moved with the start it was the default of, unless a new one is given.
      if (input.reviewOn == null && (agreement.reviewOn === null || (reviewWasDefault && agreement.startsOn !== startsBefore))) {
        agreement.reviewOn = defaultAgreementReviewOn(agreement.startsOn);
      }
      this.assertDates(agreement.startsOn, agreement.endsOn, agreement.reviewOn);
      const saved = await m.getRepository(DataSharingAgreement).save(agreement);
      if (input.partnerOrganisationIds !== undefined || input.libraryServiceIds !== undefined) {
        const current = await m.getRepository(AgreementParty).findBy({ agreementId: saved.id });
        await this.replaceParties(
          m,
          saved,
          input.partnerOrganisationIds ?? current.flatMap((p) => (p.partnerOrganisationId ? [p.partnerOrganisationId] : [])),
          input.libraryServiceIds ?? current.flatMap((p) => (p.partyLibraryServiceId ? [p.partyLibraryServiceId] : [])),
        );
      }
      if (input.signatories !== undefined) await this.replaceSignatories(m, saved, input.signatories);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return withEffectiveStatus(saved);
    });
  }

  /** activate (DRAFT or SUSPENDED → ACTIVE), suspend (ACTIVE → SUSPENDED), terminate (→ TERMINATED, final). */
  async transition(actor: Actor, id: string, version: number, action: AgreementAction, reason: string | null): Promise<DataSharingAgreement> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const agreement = await s.forWrite(DataSharingAgreement, TYPE, id, 'transition', version);
      const today = calendarDate();
      let to: AgreementStatus;
      try {
        to = assertAgreementTransition(await this.facts(m, agreement), action, today);
      } catch (e) {
        ruleError(e);
      }
      const now = new Date();
      agreement.status = to;
      if (action === 'activate') {
        agreement.activatedAt = now;
        agreement.activatedById = actor.principal.id;
        agreement.statusReason = null;
      } else if (action === 'suspend') {
        agreement.suspendedAt = now;
        agreement.statusReason = reason;
      } else {
        agreement.terminatedAt = now;
        agreement.terminatedById = actor.principal.id;
        agreement.statusReason = reason;
      }
      const saved = await m.getRepository(DataSharingAgreement).save(agreement);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return withEffectiveStatus(saved, today);
    });
  }

  /** DataSharingAgreement.parties: one query per request, with party names. */
  parties(ctx: { loaders: LoaderRegistry }, agreementId: string): Promise<AgreementParty[]> {
    return loaderFor<AgreementParty[]>(ctx, 'DataSharingAgreement.parties', async (ids) => {
      const rows: (AgreementParty & { name: string })[] = await this.db.query(
        `SELECT p.id, p.agreement_id AS "agreementId", p.partner_organisation_id AS "partnerOrganisationId",
                p.party_library_service_id AS "partyLibraryServiceId", p.created_at AS "createdAt", coalesce(o.name, s.name) AS name
           FROM data_sharing_agreement_party p
           LEFT JOIN partner_organisation o ON o.id = p.partner_organisation_id
           LEFT JOIN library_service s ON s.id = p.party_library_service_id
          WHERE p.agreement_id = ANY($1) ORDER BY name, p.id`,
        [ids],
      );
      return groupByKey(ids, rows, (r) => r.agreementId);
    }).load(agreementId);
  }

  /** DataSharingAgreement.signatories: one query per request. */
  signatories(ctx: { loaders: LoaderRegistry }, agreementId: string): Promise<AgreementSignatory[]> {
    return loaderFor<AgreementSignatory[]>(ctx, 'DataSharingAgreement.signatories', async (ids) => {
      const rows = await this.db
        .getRepository(AgreementSignatory)
        .createQueryBuilder('s')
        .where('s.agreementId IN (:...ids)', { ids })
        .orderBy('s.signedOn', 'ASC')
        .addOrderBy('s.id', 'ASC')
        .getMany();
      return groupByKey(ids, rows, (r) => r.agreementId);
    }).load(agreementId);
  }

  private assertDates(startsOn: string | null, endsOn: string | null, reviewOn: string | null): void {
    if (startsOn && endsOn && endsOn < startsOn) throw new BadInputError(`endsOn (${endsOn}) must not be before startsOn (${startsOn})`);
    if (startsOn && reviewOn && reviewOn < startsOn) throw new BadInputError(`reviewOn (${reviewOn}) must not be before startsOn (${startsOn})`);
  }

  private async facts(m: EntityManager, a: DataSharingAgreement): Promise<AgreementFacts> {
    const [counts] = await m.query(
      `SELECT count(*)::int AS parties,
              bool_or(o.type = 'POLICE_NEIGHBOURHOOD_TEAM') AS police
         FROM data_sharing_agreement_party p LEFT JOIN partner_organisation o ON o.id = p.partner_organisation_id
        WHERE p.agreement_id = $1`,
      [a.id],
    );
    const signatories = await m.getRepository(AgreementSignatory).findBy({ agreementId: a.id });
    return { ...a, partyCount: counts.parties, hasPolicePartner: Boolean(counts.police), signatories };
  }

  /** Parties must be partner organisations of the agreement's own service (not archived) or other library services. */
  private async replaceParties(m: EntityManager, a: DataSharingAgreement, organisationIds: string[], serviceIds: string[]): Promise<void> {
    if (organisationIds.length) {
      const found: { id: string }[] = await m.query(
        `SELECT id FROM partner_organisation WHERE id = ANY($1) AND library_service_id = $2 AND status <> 'ARCHIVED'`,
        [organisationIds, a.libraryServiceId],
      );
      const missing = organisationIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) throw new BadInputError(`These are not active partner organisations of your library service: ${missing.join(', ')}`, { missing });
    }
    if (serviceIds.includes(a.libraryServiceId))
      throw new BadInputError('Your own library service is always a party: list only other library services in libraryServiceIds');
    if (serviceIds.length) {
      const found: { id: string }[] = await m.query(`SELECT id FROM library_service WHERE id = ANY($1)`, [serviceIds]);
      const missing = serviceIds.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) throw new BadInputError(`These library services do not exist: ${missing.join(', ')}`, { missing });
    }
    await m.getRepository(AgreementParty).delete({ agreementId: a.id });
    const rows = [
      ...organisationIds.map((partnerOrganisationId) => ({ partnerOrganisationId, partyLibraryServiceId: null })),
      ...serviceIds.map((partyLibraryServiceId) => ({ partnerOrganisationId: null, partyLibraryServiceId })),
    ].map((r) => ({ ...r, libraryServiceId: a.libraryServiceId, agreementId: a.id }));
    if (rows.length) await m.getRepository(AgreementParty).insert(rows);
  }

  private async replaceSignatories(m: EntityManager, a: DataSharingAgreement, signatories: AgreementSignatoryInput[]): Promise<void> {
    const today = calendarDate();
    const future = signatories.filter((s) => s.signedOn > today);
    if (future.length) throw new BadInputError(`A signature cannot be dated in the future (${future.map((s) => s.signedOn).join(', ')})`);
    await m.getRepository(AgreementSignatory).delete({ agreementId: a.id });
    if (signatories.length) {
      await m.getRepository(AgreementSignatory).insert(
        signatories.map((s) => ({
          libraryServiceId: a.libraryServiceId,
          agreementId: a.id,
          name: s.name,
          jobTitle: s.jobTitle ?? null,
          onBehalfOf: s.onBehalfOf,
          signedOn: s.signedOn,
        })),
      );
    }
  }
}
