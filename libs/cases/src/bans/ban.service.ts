import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AccessScope, AccessScopes, type Actor } from '../../../access/src/index.js';
import { AccessDeniedError, assignGiven, BadInputError, type Connection, ConflictError, calendarDate } from '../../../common/src/index.js';
import {
  AuditAction,
  criminalOffenceConditionPolicyFor,
  type DataProtectionInput,
  newDataProtection,
  retentionYearsFor,
  updateDataProtection,
} from '../../../governance/src/index.js';
import { Incident } from '../incidents/incident.entity.js';
import { assertSubjectsInService } from '../incidents/references.js';
import { assertBranchesInService } from '../../../tenancy/src/index.js';
import { Ban } from './ban.entity.js';
import { BanScope, BanStatus } from './ban.enums.js';
import { assertBanTransition, banDateProblems, type BanDates, banRetainUntil, BanRuleError, effectiveBanStatus, effectiveBanStatusSql } from './ban-state.js';
import type { BansArgs, BansDueForReviewArgs, TransitionBanInput } from './dto/ban-args.js';
import type { ProposeBanInput } from './dto/propose-ban.input.js';
import type { RecordHistoricBanInput } from './dto/record-historic-ban.input.js';
import type { UpdateBanInput } from './dto/update-ban.input.js';

const TYPE = 'Ban';
const RUNNING = [BanStatus.ACTIVE, BanStatus.UNDER_REVIEW];
/** What no longer changes once a ban has ended (LIFTED or EXPIRED): propose a new ban instead. */
const TERMS = ['scope', 'branchIds', 'startsOn', 'endsOn', 'reviewOn', 'reason', 'incidentIds', 'conditions'] as const;

/** The note on the transitions of a historic ban: the workflow's moves, made at once by the manager who entered it. */
export const HISTORIC_BAN_NOTE = 'Historic ban, recorded from paper records after it ended';

/** The calendar date "today" for bans: the UK date, as staff read the dates on a ban. */
export const banToday = (): string => calendarDate();

/**
 * Bans: proposal by any member of staff, confirmation, review and lifting by a manager, with the
 * dates checked by the pure rules of ban-state.ts and every move written to ban_transition.
 */
@Injectable()
export class BanService {
  constructor(private readonly scopes: AccessScopes) {}

  list(actor: Actor, args: BansArgs): Promise<Connection<Ban>> {
    const { subjectId, statuses, branchIds } = args.filter ?? {};
    return this.scopes.of(actor).list(Ban, TYPE, args, { property: 'createdAt', direction: 'DESC' }, (qb, a) => {
      if (subjectId) qb.andWhere(`${a}.subjectId = :fSubjectId`, { fSubjectId: subjectId });
      if (statuses) {
        qb.andWhere(statuses.length ? `${effectiveBanStatusSql(`${a}.status`, `${a}.endsOn`)} IN (:...fStatuses)` : 'FALSE', {
          fStatuses: statuses,
          today: banToday(),
        });
      }
      if (branchIds) {
        qb.andWhere(
          branchIds.length
            ? `(${a}.scope = 'ALL_BRANCHES' OR EXISTS (SELECT 1 FROM ban_branch fbb WHERE fbb.ban_id = ${a}.id AND fbb.branch_id IN (:...fBranchIds)))`
            : 'FALSE',
          { fBranchIds: branchIds },
        );
      }
    });
  }

  get(actor: Actor, id: string): Promise<Ban> {
    return this.scopes.of(actor).find(Ban, TYPE, id);
  }

  /**
   * Running bans (not expired) whose review date falls within `withinDays` of today, overdue
   * ones included, earliest first: only bans the actor may review (the rules for `transition`) and
   * may read (the read rules: a restricted person's bans stay hidden, as in every other list).
   */
  dueForReview(actor: Actor, args: BansDueForReviewArgs): Promise<Connection<Ban>> {
    return this.scopes.of(actor).list(
      Ban,
      TYPE,
      args,
      { property: 'reviewOn', direction: 'ASC' },
      (qb, a) => {
        qb.andWhere(`${effectiveBanStatusSql(`${a}.status`, `${a}.endsOn`)} IN ('ACTIVE','UNDER_REVIEW')`, { today: banToday() }).andWhere(
          `${a}.reviewOn IS NOT NULL AND ${a}.reviewOn <= CAST(:today AS date) + CAST(:withinDays AS integer)`,
          { withinDays: args.withinDays },
        );
      },
      { alsoAllowed: 'transition' },
    );
  }

  async propose(actor: Actor, input: ProposeBanInput): Promise<Ban> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId, status: BanStatus.PROPOSED });
    const today = banToday();
    const startsOn = input.startsOn ?? today;
    const branchIds = input.branchIds ?? [];
    assertScope(input.scope, branchIds);
    assertDates({ ...NO_AGREEMENT, startsOn, endsOn: input.endsOn ?? null, reviewOn: input.reviewOn ?? null, abaOffered: input.abaOffered ?? false }, today);
    if (input.endsOn && input.endsOn < today)
      throw new BadInputError(
        `endsOn (${input.endsOn}) has already passed: a ban must end today or later (a manager records a ban that has already ended with recordHistoricBan)`,
      );
    this.assertMayStateCondition(scope, libraryServiceId, input.dataProtection);
    return scope.transaction(async (s, m) => {
      await assertSubjectsInService(s, [input.subjectId]);
      await assertBranchesInService(m, branchIds, libraryServiceId);
      await this.assertIncidentsReadable(s, input.incidentIds ?? []);
      const repo = m.getRepository(Ban);
      const ban = await repo.save(
        repo.create({
          libraryServiceId,
          subjectId: input.subjectId,
          status: BanStatus.PROPOSED,
          scope: input.scope,
          reason: input.reason,
          conditions: input.conditions ?? null,
          notes: input.notes ?? null,
          proposedById: actor.principal.id,
          proposedAt: new Date(),
          confirmedById: null,
          confirmedAt: null,
          startsOn,
          endsOn: input.endsOn ?? null,
          reviewOn: input.reviewOn ?? null,
          liftedOn: null,
          liftedById: null,
          abaOffered: input.abaOffered ?? false,
          abaSigned: false,
          abaSignedOn: null,
          appealLodgedOn: null,
          appealOutcome: null,
          appealOutcomeOn: null,
          appealNotes: null,
          historic: false,
          dataProtection: newDataProtection(
            'BAN',
            await this.withCondition(m, libraryServiceId, input.dataProtection),
            banRetainUntil({ startsOn, endsOn: input.endsOn ?? null, liftedOn: null }, await retentionYearsFor(m, libraryServiceId, 'BAN')),
          ),
        }),
      );
      await this.replaceBranches(m, ban, branchIds);
      await this.replaceIncidents(m, ban, input.incidentIds ?? []);
      await this.recordTransition(s, ban, null, BanStatus.PROPOSED, null);
      await s.audited(AuditAction.CREATE, TYPE, [ban]);
      return ban;
    });
  }

  async update(actor: Actor, input: UpdateBanInput): Promise<Ban> {
    const given = Object.keys(input).filter((k) => k !== 'id' && k !== 'version' && (input as unknown as Record<string, unknown>)[k] !== undefined);
    if (!given.length) throw new BadInputError('Nothing to change: give at least one field besides id and version');
    const today = banToday();
    return this.scopes.of(actor).transaction(async (s, m) => {
      const ban = await s.forWrite(Ban, TYPE, input.id, 'update', input.version);
      const status = effectiveBanStatus(ban, today);
      const terms = given.filter((k) => (TERMS as readonly string[]).includes(k));
      if ((status === BanStatus.LIFTED || status === BanStatus.EXPIRED) && terms.length) {
        throw new ConflictError(`This ban is ${status}: its ${terms.join(', ')} can no longer change (propose a new ban instead)`);
      }
      assignGiven(ban, input, [
        'scope',
        'reason',
        'conditions',
        'notes',
        'startsOn',
        'endsOn',
        'reviewOn',
        'abaOffered',
        'abaSigned',
        'abaSignedOn',
        'appealLodgedOn',
        'appealOutcome',
        'appealOutcomeOn',
        'appealNotes',
      ]);
      const branchIds = input.branchIds ?? (input.scope === BanScope.ALL_BRANCHES ? [] : await this.branchIdsOf(m, ban.id));
      assertScope(ban.scope, branchIds);
      assertDates(ban, today);
      if (RUNNING.includes(ban.status)) {
        if (!ban.endsOn) throw new BadInputError('endsOn cannot be cleared on a confirmed ban');
        if (input.endsOn !== undefined && ban.endsOn < today)
          throw new BadInputError(`endsOn (${ban.endsOn}) is in the past: to end a ban early, lift it (transitionBan to LIFTED)`);
      }
      if (input.branchIds || input.scope) {
        await assertBranchesInService(m, branchIds, ban.libraryServiceId);
        await this.replaceBranches(m, ban, branchIds);
      }
      if (input.incidentIds) {
        await this.assertIncidentsReadable(s, input.incidentIds);
        await this.replaceIncidents(m, ban, input.incidentIds);
      }
      assertConditionKept(input.dataProtection);
      updateDataProtection('BAN', ban.dataProtection, input.dataProtection, banRetainUntil(ban, await retentionYearsFor(m, ban.libraryServiceId, 'BAN')));
      // A ban recorded before bans carried their condition gets the service's on its next change.
      ban.dataProtection.criminalOffenceCondition ??= await criminalOffenceConditionPolicyFor(m, ban.libraryServiceId, 'BAN');
      ban.updatedAt = new Date(); // a change to the branches or incidents alone still makes a new version
      const saved = await m.getRepository(Ban).save(ban);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  /** One move of the state machine, by a manager; refused moves name the from and to statuses. */
  async transition(actor: Actor, input: TransitionBanInput): Promise<Ban> {
    const today = banToday();
    return this.scopes.of(actor).transaction(async (s, m) => {
      const ban = await s.forWrite(Ban, TYPE, input.id, 'transition', input.version);
      const from = effectiveBanStatus(ban, today);
      try {
        assertBanTransition(ban, input.to, today, input.note);
      } catch (e) {
        if (e instanceof BanRuleError)
          throw e.kind === 'conflict' ? new ConflictError(e.message, { from, to: input.to }) : new BadInputError(e.message, { from, to: input.to });
        throw e;
      }
      if (from === BanStatus.PROPOSED && input.to === BanStatus.ACTIVE) {
        ban.confirmedById = actor.principal.id;
        ban.confirmedAt = new Date();
      }
      if (input.to === BanStatus.LIFTED) {
        ban.liftedOn = today;
        ban.liftedById = actor.principal.id;
      }
      ban.status = input.to;
      ban.dataProtection.retainUntil = banRetainUntil(ban, await retentionYearsFor(m, ban.libraryServiceId, 'BAN'));
      const saved = await m.getRepository(Ban).save(ban);
      await this.recordTransition(s, saved, from, input.to, input.note ?? null);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  /**
   * A ban that was decided and ended on paper, entered by a manager with its real dates (the
   * workflow refuses an end date in the past). It is made in its final state: proposed and
   * confirmed by the manager entering it (both transitions written, with a note saying so),
   * ACTIVE with an end date that has passed, so it reads EXPIRED. Kept, like any ban, for the
   * service's BAN years after its real end.
   */
  async recordHistoric(actor: Actor, input: RecordHistoricBanInput): Promise<Ban> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId, status: BanStatus.ACTIVE, historic: true });
    const today = banToday();
    const branchIds = input.branchIds ?? [];
    assertScope(input.scope, branchIds);
    const dates = { ...NO_AGREEMENT, startsOn: input.startsOn, endsOn: input.endsOn, reviewOn: null, abaOffered: input.abaOffered ?? false };
    assertDates(dates, today);
    if (input.endsOn >= today)
      throw new BadInputError(
        `endsOn (${input.endsOn}) has not passed: a historic ban is one that has already ended; propose a ban still in force with proposeBan`,
        {
          field: 'endsOn',
        },
      );
    return scope.transaction(async (s, m) => {
      await assertSubjectsInService(s, [input.subjectId]);
      await assertBranchesInService(m, branchIds, libraryServiceId);
      await this.assertIncidentsReadable(s, input.incidentIds ?? []);
      const years = await retentionYearsFor(m, libraryServiceId, 'BAN');
      const retainUntil = banRetainUntil({ startsOn: input.startsOn, endsOn: input.endsOn, liftedOn: null }, years);
      assertStillKept(retainUntil, today, years, input.dataProtection);
      const now = new Date();
      const repo = m.getRepository(Ban);
      const ban = await repo.save(
        repo.create({
          libraryServiceId,
          subjectId: input.subjectId,
          status: BanStatus.ACTIVE,
          scope: input.scope,
          reason: input.reason,
          conditions: input.conditions ?? null,
          notes: input.notes ?? null,
          proposedById: actor.principal.id,
          proposedAt: now,
          confirmedById: actor.principal.id,
          confirmedAt: now,
          ...dates,
          liftedOn: null,
          liftedById: null,
          appealNotes: null,
          historic: true,
          dataProtection: newDataProtection('BAN', await this.withCondition(m, libraryServiceId, input.dataProtection), retainUntil),
        }),
      );
      await this.replaceBranches(m, ban, branchIds);
      await this.replaceIncidents(m, ban, input.incidentIds ?? []);
      await this.recordTransition(s, ban, null, BanStatus.PROPOSED, HISTORIC_BAN_NOTE);
      await this.recordTransition(s, ban, BanStatus.PROPOSED, BanStatus.ACTIVE, HISTORIC_BAN_NOTE);
      await s.audited(AuditAction.CREATE, TYPE, [ban]);
      return ban;
    });
  }

  /** A ban's criminal offence condition is a manager's call: anyone else proposing a ban gets the service's. */
  private assertMayStateCondition(scope: AccessScope, libraryServiceId: string, dp: DataProtectionInput | undefined): void {
    if (dp?.criminalOffenceCondition === undefined) return;
    if (!scope.can('update', TYPE, { libraryServiceId, status: BanStatus.PROPOSED }))
      throw new AccessDeniedError("Only a manager may state a ban's criminal offence condition: leave it out and the service's condition for bans applies");
    assertConditionKept(dp);
  }

  /** The data protection input with the criminal offence condition filled from the service's policy when none is given. */
  private async withCondition(m: EntityManager, libraryServiceId: string, dp: DataProtectionInput | undefined): Promise<DataProtectionInput> {
    return { ...dp, criminalOffenceCondition: dp?.criminalOffenceCondition ?? (await criminalOffenceConditionPolicyFor(m, libraryServiceId, 'BAN')) };
  }

  private async recordTransition(s: AccessScope, ban: Ban, from: BanStatus | null, to: BanStatus, note: string | null): Promise<void> {
    await s.manager.query('INSERT INTO ban_transition (library_service_id, ban_id, from_status, to_status, by_id, note) VALUES ($1, $2, $3, $4, $5, $6)', [
      ban.libraryServiceId,
      ban.id,
      from,
      to,
      s.principal.id,
      note,
    ]);
  }

  private async branchIdsOf(m: EntityManager, banId: string): Promise<string[]> {
    return (await m.query('SELECT branch_id FROM ban_branch WHERE ban_id = $1', [banId])).map((r: { branch_id: string }) => r.branch_id);
  }

  private async replaceBranches(m: EntityManager, ban: Ban, branchIds: string[]): Promise<void> {
    await m.query('DELETE FROM ban_branch WHERE ban_id = $1', [ban.id]);
    if (branchIds.length) {
      await m.query('INSERT INTO ban_branch (ban_id, branch_id, library_service_id) SELECT $1, b, $2 FROM unnest($3::uuid[]) AS b', [
        ban.id,
        ban.libraryServiceId,
        branchIds,
      ]);
    }
  }

  private async replaceIncidents(m: EntityManager, ban: Ban, incidentIds: string[]): Promise<void> {
    await m.query('DELETE FROM ban_incident WHERE ban_id = $1', [ban.id]);
    if (incidentIds.length) {
      await m.query('INSERT INTO ban_incident (ban_id, incident_id, library_service_id) SELECT $1, i, $2 FROM unnest($3::uuid[]) AS i', [
        ban.id,
        ban.libraryServiceId,
        incidentIds,
      ]);
    }
  }

  /** Linked incidents must be ones the actor may read (STAFF: at their branches), checked in SQL. */
  private async assertIncidentsReadable(s: AccessScope, incidentIds: string[]): Promise<void> {
    if (!incidentIds.length) return;
    const found = await s.readableIds(Incident, 'Incident', incidentIds);
    const missing = incidentIds.filter((id) => !found.has(id));
    if (missing.length) throw new BadInputError(`incidentId ${missing.join(', ')} is not an incident you can see`, { incidentIds: missing });
  }
}

const NO_AGREEMENT = { abaSigned: false, abaSignedOn: null, appealLodgedOn: null, appealOutcome: null, appealOutcomeOn: null };

/** A ban is criminal offence data (UK GDPR Article 10): its condition may change, never go. */
function assertConditionKept(dp: DataProtectionInput | undefined): void {
  if (dp?.criminalOffenceCondition === undefined) return;
  if (!dp.criminalOffenceCondition?.trim())
    throw new BadInputError('A ban is criminal offence data: its criminalOffenceCondition (Article 10 / DPA 2018 Schedule 1) can be changed but not removed', {
      field: 'dataProtection.criminalOffenceCondition',
    });
}

/**
 * A record entered after the fact whose keep-until date has already passed would be deleted by the
 * next sweep: there is nothing to keep it for, unless it is put on legal hold.
 */
function assertStillKept(retainUntil: string, today: string, years: number, dp: DataProtectionInput | undefined): void {
  if (retainUntil >= today || dp?.legalHold) return;
  throw new BadInputError(
    `Its keep-until date (${retainUntil}, ${years} years after the ban ended) has already passed: the retention sweep would delete it at once. Record it only if it must be kept, on legal hold (dataProtection.legalHold)`,
    { retainUntil },
  );
}

function assertScope(scope: BanScope, branchIds: string[]): void {
  if (scope === BanScope.LISTED_BRANCHES && !branchIds.length) throw new BadInputError('scope LISTED_BRANCHES needs branchIds: the branches the ban covers');
  if (scope === BanScope.ALL_BRANCHES && branchIds.length)
    throw new BadInputError('scope ALL_BRANCHES covers every branch: leave branchIds out, or use LISTED_BRANCHES');
}

function assertDates(dates: BanDates, today: string): void {
  const problems = banDateProblems(dates, today);
  if (problems.length) throw new BadInputError(problems.join('; '), { problems });
}
