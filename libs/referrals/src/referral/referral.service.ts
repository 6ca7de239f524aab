import { Inject, Injectable, Optional } from '@nestjs/common';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import { AccessScopes, type Actor, Role } from '../../../access/src/index.js';
import {
  AccessDeniedError,
  APP_CONFIG,
  type AppConfig,
  assignGiven,
  type Connection,
  ConflictError,
  type PageArgs,
  whereIn,
  whereOverlaps,
} from '../../../common/src/index.js';
import { EVENT_BUS, type EventBus, publishCommitted } from '../../../events/src/index.js';
import { AuditAction, newDataProtection, retainUntilFor, updateDataProtection } from '../../../governance/src/index.js';
import type { CreateReferralInput } from './dto/create-referral.input.js';
import type { IncomingReferralsArgs, ReferralsArgs } from './dto/referral-filter.input.js';
import type { UpdateReferralInput } from './dto/update-referral.input.js';
import { overdueCutoffs, type ResponseDays, responseDaysFrom } from './referral-deadlines.js';
import { ReferralTransition } from './referral-transition.entity.js';
import { Referral } from './referral.entity.js';
import { ReferralStatus, ReferralUrgency } from './referral.enums.js';
import { activePartner, assertContactOfPartner, assertSubjectReferable } from './referral.references.js';

export const REFERRAL = 'Referral';

/**
 * Referrals are personal data: every read writes one READ audit row per referral returned (for
 * partners as for staff). Lists carry the access rules in their SQL WHERE.
 */
@Injectable()
export class ReferralService {
  readonly responseDays: ResponseDays;

  constructor(
    private readonly scopes: AccessScopes,
    @Inject(APP_CONFIG) config: AppConfig,
    // Absent where no app runs (the demo story): nobody is watching.
    @Optional() @Inject(EVENT_BUS) private readonly bus?: EventBus,
  ) {
    this.responseDays = responseDaysFrom(config);
  }

  list(actor: Actor, args: ReferralsArgs): Promise<Connection<Referral>> {
    const { statuses, partnerOrganisationId, needs, urgencies, referredById, subjectId, from, to } = args.filter ?? {};
    return this.scopes.of(actor).list(Referral, REFERRAL, args, { property: 'createdAt', direction: 'DESC' }, (qb, a) => {
      filterCommon(qb, { statuses, needs, urgencies });
      if (partnerOrganisationId) qb.andWhere(`${a}.partnerOrganisationId = :partnerOrganisationId`, { partnerOrganisationId });
      if (referredById) qb.andWhere(`${a}.referredById = :referredById`, { referredById });
      if (subjectId) qb.andWhere(`${a}.subjectId = :subjectId`, { subjectId });
      if (from) qb.andWhere(`${a}.createdAt >= :from`, { from });
      if (to) qb.andWhere(`${a}.createdAt < :to`, { to });
    });
  }

  /** A partner user's inbox: referrals sent to their organisation, most recently sent first. */
  async incoming(actor: Actor, args: IncomingReferralsArgs): Promise<Connection<Referral>> {
    const partnerOrganisationId = actor.principal.partnerOrganisationId;
    if (actor.principal.role !== Role.PARTNER || !partnerOrganisationId) {
      throw new AccessDeniedError('incomingReferrals is for partner users; use referrals');
    }
    const { statuses, needs, urgencies, from, to } = args.filter ?? {};
    return this.scopes.of(actor).list(Referral, REFERRAL, args, { property: 'sentAt', direction: 'DESC' }, (qb, a) => {
      qb.andWhere(`${a}.partnerOrganisationId = :own`, { own: partnerOrganisationId }).andWhere(`${a}.sentAt IS NOT NULL`);
      filterCommon(qb, { statuses, needs, urgencies });
      if (from) qb.andWhere(`${a}.sentAt >= :from`, { from });
      if (to) qb.andWhere(`${a}.sentAt < :to`, { to });
    });
  }

  /** SENT and not answered within the working days of its urgency; longest waiting first. */
  overdue(actor: Actor, args: PageArgs, now = new Date()): Promise<Connection<Referral>> {
    const cutoffs = overdueCutoffs(this.responseDays, now);
    return this.scopes.of(actor).list(Referral, REFERRAL, args, { property: 'sentAt', direction: 'ASC' }, (qb, a) => {
      qb.andWhere(`${a}.status = :sent`, { sent: ReferralStatus.SENT }).andWhere(
        new Brackets((w) => {
          for (const urgency of Object.values(ReferralUrgency)) {
            w.orWhere(`(${a}.urgency = :u_${urgency} AND ${a}.sentAt < :cut_${urgency})`, { [`u_${urgency}`]: urgency, [`cut_${urgency}`]: cutoffs[urgency] });
          }
        }),
      );
    });
  }

  get(actor: Actor, id: string): Promise<Referral> {
    return this.scopes.of(actor).find(Referral, REFERRAL, id);
  }

  /** Who made a referral, in the actor's own service (a check before an audited read; nothing of the referral leaves). */
  async referrerOf(actor: Actor, id: string): Promise<string | null> {
    const [row] = await this.scopes.of(actor).inService(Referral, [id], ['referredById']);
    return row?.referredById ?? null;
  }

  /**
   * Where a referral was made, for suggestions: the names and addresses of the referring worker's
   * branches (a referral records no branch of its own). Branches are not personal data.
   */
  async placesOf(actor: Actor, referral: Referral): Promise<string[]> {
    const rows: { name: string; address: string | null }[] = await this.scopes
      .of(actor)
      .manager.query('SELECT b.name, b.address FROM user_branch ub JOIN branch b ON b.id = ub.branch_id WHERE ub.user_id = $1 AND b.library_service_id = $2', [
        referral.referredById,
        referral.libraryServiceId,
      ]);
    return rows.flatMap((b) => [b.name, b.address ?? '']);
  }

  /** A new DRAFT; its retention date is provisional (created + the service's REFERRAL period) until it ends. */
  async create(actor: Actor, input: CreateReferralInput): Promise<Referral> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', REFERRAL, { libraryServiceId });
    const created = await scope.transaction(async (s, m) => {
      const org = await activePartner(s, input.partnerOrganisationId);
      await assertSubjectReferable(s, input.subjectId);
      if (input.partnerContactId) await assertContactOfPartner(m, input.partnerContactId, org.id);
      const now = new Date();
      const repo = m.getRepository(Referral);
      const referral = await repo.save(
        repo.create({
          libraryServiceId,
          subjectId: input.subjectId,
          referredById: actor.principal.id,
          partnerOrganisationId: org.id,
          partnerContactId: input.partnerContactId ?? null,
          partnerService: input.partnerService || null,
          needs: input.needs,
          reason: input.reason,
          urgency: input.urgency,
          contactRoute: input.contactRoute || null,
          consent: input.consent,
          consentRecordedAt: input.consentRecordedAt ?? null,
          consentMethod: input.consentMethod || null,
          lawfulBasisJustification: input.lawfulBasisJustification || null,
          status: ReferralStatus.DRAFT,
          dataProtection: newDataProtection('REFERRAL', input.dataProtection, await retainUntilFor(m, libraryServiceId, 'REFERRAL', now)),
        }),
      );
      await m.getRepository(ReferralTransition).insert({
        libraryServiceId,
        referralId: referral.id,
        fromStatus: null,
        toStatus: ReferralStatus.DRAFT,
        actorId: actor.principal.id,
        actorRole: actor.principal.role,
        at: now,
      });
      await s.audited(AuditAction.CREATE, REFERRAL, [referral]);
      return referral;
    });
    await publishReferralChanged(this.bus, created);
    return created;
  }

  /** Only a DRAFT may be edited: once sent, the partner has acted on what it said. */
  async update(actor: Actor, input: UpdateReferralInput): Promise<Referral> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const referral = await s.forWrite(Referral, REFERRAL, input.id, 'update', input.version);
      if (referral.status !== ReferralStatus.DRAFT) {
        throw new ConflictError(`Referral ${referral.id} is ${referral.status}: only a DRAFT can be edited (add an update instead)`, {
          status: referral.status,
        });
      }
      if (input.partnerOrganisationId && input.partnerOrganisationId !== referral.partnerOrganisationId) {
        await activePartner(s, input.partnerOrganisationId);
        if (input.partnerContactId === undefined) referral.partnerContactId = null; // a contact of the old organisation no longer fits
      }
      assignGiven(referral, input, [
        'partnerOrganisationId',
        'partnerContactId',
        'partnerService',
        'needs',
        'reason',
        'urgency',
        'contactRoute',
        'consent',
        'consentRecordedAt',
        'consentMethod',
        'lawfulBasisJustification',
      ]);
      if (referral.partnerContactId) await assertContactOfPartner(m, referral.partnerContactId, referral.partnerOrganisationId);
      updateDataProtection(
        'REFERRAL',
        referral.dataProtection,
        input.dataProtection,
        await retainUntilFor(m, referral.libraryServiceId, 'REFERRAL', referral.createdAt),
      );
      const saved = await m.getRepository(Referral).save(referral);
      await s.audited(AuditAction.UPDATE, REFERRAL, [saved]);
      return saved;
    });
  }
}

/** Filters both lists share. `needs` matches referrals naming any of them (array overlap). */
function filterCommon(qb: SelectQueryBuilder<Referral>, f: { statuses?: ReferralStatus[]; needs?: string[]; urgencies?: ReferralUrgency[] }): void {
  const a = qb.alias;
  whereIn(qb, `${a}.status`, 'fStatuses', f.statuses);
  whereIn(qb, `${a}.urgency`, 'fUrgencies', f.urgencies);
  whereOverlaps(qb, `${a}.needs`, 'fNeeds', f.needs);
}

/** After the commit, identifiers only: the referralChanged subscribers (its worker, the receiving organisation) read it through their own rules. */
export function publishReferralChanged(bus: EventBus | undefined, r: Referral): Promise<void> {
  return publishCommitted(bus, { kind: 'REFERRAL_CHANGED', libraryServiceId: r.libraryServiceId, id: r.id, partnerOrganisationId: r.partnerOrganisationId });
}
