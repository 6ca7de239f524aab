import { Injectable } from '@nestjs/common';
import { type AccessScope, AccessScopes, type Actor } from '../../../access/src/index.js';
import { BadInputError, ConflictError, groupByKey, type LoaderRegistry, loaderFor, NotFoundError, StaleVersionError } from '../../../common/src/index.js';
import { AuditAction } from '../../../governance/src/index.js';
import type {
  AddIncidentEvidenceInput,
  AddIncidentFollowUpActionInput,
  AddIncidentSubjectInput,
  RecordIncidentDebriefInput,
  RemoveIncidentSubjectInput,
} from './dto/incident-details.input.js';
import { IncidentEvidence, IncidentFollowUpAction, IncidentPerson, IncidentStaffMember, IncidentWelfareCheck } from './incident-details.types.js';
import { Incident } from './incident.entity.js';
import { IncidentService } from './incident.service.js';
import { assertUsersInService } from './references.js';

const TYPE = 'Incident';
type Ctx = { loaders: LoaderRegistry };

/**
 * What is added to an incident after it is recorded (people, evidence, the debrief and welfare
 * checklist, follow-up actions), and the loaders of those lists: one query per field per request,
 * restricted in SQL to incidents the reader may read.
 */
@Injectable()
export class IncidentDetailsService {
  constructor(
    private readonly scopes: AccessScopes,
    private readonly incidents: IncidentService,
  ) {}

  /**
   * The people and their parts. A restricted person (UK GDPR Art 18) keeps their link and part, but
   * their name or description is shown only to those the restriction does not hide them from (the DPO).
   */
  people(ctx: Ctx, actor: Actor, incidentId: string): Promise<IncidentPerson[]> {
    return loaderFor<IncidentPerson[]>(ctx, 'Incident.people', async (ids) => {
      const rows = await this.scopes.of(actor).peopleNamed<Incident, { part: IncidentPerson['part']; notes: string | null }>(Incident, TYPE, ids, {
        subjectId: () => 'lnk.subject_id',
        link: { table: 'incident_subject', on: (a) => `lnk.incident_id = ${a}.id`, columns: { part: 'part', notes: 'notes' }, orderBy: ['part', 'created_at'] },
      });
      return groupByKey(ids, rows, (r) => r.parentId);
    }).load(incidentId);
  }

  staff(ctx: Ctx, actor: Actor, incidentId: string): Promise<IncidentStaffMember[]> {
    return loaderFor<IncidentStaffMember[]>(ctx, 'Incident.staffInvolved', async (ids) => {
      const scope = this.scopes.of(actor);
      const qb = scope.manager
        .createQueryBuilder()
        .from('incident_staff', 'ist')
        .innerJoin('app_user', 'u', 'u.id = ist.user_id')
        .select(['ist.incident_id AS "incidentId"', 'u.id AS "userId"', 'u.display_name AS "displayName"'])
        .where('ist.incident_id IN (:...ids)', { ids });
      if (!scope.onlyReadable(qb, 'ist.incident_id', Incident, TYPE)) return ids.map(() => []);
      const rows = await qb.orderBy('u.display_name').getRawMany<IncidentStaffMember & { incidentId: string }>();
      return groupByKey(ids, rows, (r) => r.incidentId);
    }).load(incidentId);
  }

  evidence(ctx: Ctx, actor: Actor, incidentId: string): Promise<IncidentEvidence[]> {
    return loaderFor<IncidentEvidence[]>(ctx, 'Incident.evidence', async (ids) => {
      const scope = this.scopes.of(actor);
      const qb = scope.manager.getRepository(IncidentEvidence).createQueryBuilder('ev').where('ev.incidentId IN (:...ids)', { ids });
      if (!scope.onlyReadable(qb, 'ev.incident_id', Incident, TYPE)) return ids.map(() => []);
      return groupByKey(ids, await qb.orderBy('ev.createdAt').addOrderBy('ev.id').getMany(), (r) => r.incidentId);
    }).load(incidentId);
  }

  followUps(ctx: Ctx, actor: Actor, incidentId: string): Promise<IncidentFollowUpAction[]> {
    return loaderFor<IncidentFollowUpAction[]>(ctx, 'Incident.followUpActions', async (ids) => {
      const scope = this.scopes.of(actor);
      const qb = scope.manager.getRepository(IncidentFollowUpAction).createQueryBuilder('fu').where('fu.incidentId IN (:...ids)', { ids });
      if (!scope.onlyReadable(qb, 'fu.incident_id', Incident, TYPE)) return ids.map(() => []);
      return groupByKey(ids, await qb.orderBy('fu.dueOn').addOrderBy('fu.id').getMany(), (r) => r.incidentId);
    }).load(incidentId);
  }

  /** Null for readers who may not see the welfare checklist (everyone but managers and the DPO). */
  async welfareChecks(ctx: Ctx, actor: Actor, incident: Incident): Promise<IncidentWelfareCheck[] | null> {
    const scope = this.scopes.of(actor);
    if (!scope.can('read', TYPE, incident, 'welfareChecks')) return null;
    return loaderFor<IncidentWelfareCheck[]>(ctx, 'Incident.welfareChecks', async (ids) => {
      const qb = scope.manager.getRepository(IncidentWelfareCheck).createQueryBuilder('wc').where('wc.incidentId IN (:...ids)', { ids });
      if (!scope.onlyReadable(qb, 'wc.incident_id', Incident, TYPE)) return ids.map(() => []);
      return groupByKey(ids, await qb.orderBy('wc.staffUserId').addOrderBy('wc.item').getMany(), (r) => r.incidentId);
    }).load(incident.id);
  }

  async addSubject(actor: Actor, input: AddIncidentSubjectInput): Promise<Incident> {
    return this.changeChildren(actor, input.incidentId, ['people'], async (s, incident) => {
      await this.incidents.assertPeople(s, [input]);
      const [{ exists }] = await s.manager.query(
        'SELECT EXISTS (SELECT 1 FROM incident_subject WHERE incident_id = $1 AND subject_id = $2 AND part = $3) AS exists',
        [incident.id, input.subjectId, input.part],
      );
      if (exists) throw new ConflictError(`Subject ${input.subjectId} is already recorded as ${input.part} in this incident`);
      await this.incidents.insertPeople(s, incident, [input]);
    });
  }

  async removeSubject(actor: Actor, args: RemoveIncidentSubjectInput): Promise<Incident> {
    return this.changeChildren(actor, args.incidentId, ['people'], async (s, incident) => {
      const [, count] = await s.manager.query('DELETE FROM incident_subject WHERE incident_id = $1 AND subject_id = $2 AND part = $3', [
        incident.id,
        args.subjectId,
        args.part,
      ]);
      if (!count) throw new NotFoundError('IncidentSubject', `${args.subjectId} as ${args.part}`);
    });
  }

  async addEvidence(actor: Actor, input: AddIncidentEvidenceInput): Promise<Incident> {
    return this.changeChildren(actor, input.incidentId, ['evidence'], (s, incident) => this.incidents.insertEvidence(s, incident, [input]));
  }

  async removeEvidence(actor: Actor, evidenceId: string): Promise<Incident> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const incident = await this.parentForWrite(s, 'incident_evidence', 'IncidentEvidence', evidenceId);
      s.assertCanChangeFields('update', TYPE, incident, ['evidence']);
      await m.query('DELETE FROM incident_evidence WHERE id = $1', [evidenceId]);
      await s.audited(AuditAction.UPDATE, TYPE, [incident]);
      return incident;
    });
  }

  /** The debrief (when, by whom, learning) and welfare answers; answers given replace earlier ones for that person and item. */
  async recordDebrief(actor: Actor, input: RecordIncidentDebriefInput): Promise<Incident> {
    const welfare = input.welfareChecks ?? [];
    const keys = welfare.map((w) => `${w.staffUserId}/${w.item}`);
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (repeated.length) throw new BadInputError(`welfareChecks answers the same item for the same person twice: ${[...new Set(repeated)].join(', ')}`);
    return this.scopes.of(actor).transaction(async (s, m) => {
      const incident = await s.forWrite(Incident, TYPE, input.incidentId, 'update', input.version);
      s.assertCanChangeFields('update', TYPE, incident, ['debriefHeldAt', 'debriefHeldById', 'debriefNotes', ...(welfare.length ? ['welfareChecks'] : [])]);
      if (input.heldAt.getTime() < incident.occurredAt.getTime()) throw new BadInputError('heldAt must be on or after the incident (occurredAt)');
      const heldById = input.heldById ?? actor.principal.id;
      await assertUsersInService(m, [heldById], incident.libraryServiceId, 'heldById');
      const staffIds = [...new Set(welfare.map((w) => w.staffUserId))];
      await assertUsersInService(m, staffIds, incident.libraryServiceId, 'staffUserId');
      await this.incidents.addStaff(m, incident, staffIds); // someone whose welfare was checked was involved
      for (const w of welfare) {
        await m.query(
          `INSERT INTO incident_welfare_check (incident_id, staff_user_id, item, library_service_id, answer, notes, answered_by_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (incident_id, staff_user_id, item) DO UPDATE
             SET answer = EXCLUDED.answer, notes = EXCLUDED.notes, answered_by_id = EXCLUDED.answered_by_id, version = incident_welfare_check.version + 1, updated_at = now()`,
          [incident.id, w.staffUserId, w.item, incident.libraryServiceId, w.answer, w.notes ?? null, actor.principal.id],
        );
      }
      incident.debriefHeldAt = input.heldAt;
      incident.debriefHeldById = heldById;
      if (input.notes !== undefined) incident.debriefNotes = input.notes;
      incident.updatedAt = new Date();
      const saved = await m.getRepository(Incident).save(incident);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async addFollowUp(actor: Actor, input: AddIncidentFollowUpActionInput): Promise<IncidentFollowUpAction> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const incident = await s.forWrite(Incident, TYPE, input.incidentId, 'update');
      s.assertCanChangeFields('update', TYPE, incident, ['followUpActions']);
      await assertUsersInService(m, [input.ownerId], incident.libraryServiceId, 'ownerId');
      const repo = m.getRepository(IncidentFollowUpAction);
      const action = await repo.save(
        repo.create({
          libraryServiceId: incident.libraryServiceId,
          incidentId: incident.id,
          description: input.description,
          ownerId: input.ownerId,
          dueOn: input.dueOn,
          completedAt: null,
          completedById: null,
        }),
      );
      await s.audited(AuditAction.CREATE, 'IncidentFollowUpAction', [action]);
      return action;
    });
  }

  async completeFollowUp(actor: Actor, id: string, version: number): Promise<IncidentFollowUpAction> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const incident = await this.parentForWrite(s, 'incident_follow_up_action', 'IncidentFollowUpAction', id);
      s.assertCanChangeFields('update', TYPE, incident, ['followUpActions']);
      const repo = m.getRepository(IncidentFollowUpAction);
      const action = await repo.createQueryBuilder('fu').where('fu.id = :id', { id }).setLock('pessimistic_write').getOneOrFail();
      if (action.version !== version) throw new StaleVersionError('IncidentFollowUpAction', id, version, action.version);
      if (action.completedAt) throw new ConflictError(`IncidentFollowUpAction ${id} was already completed at ${action.completedAt.toISOString()}`);
      action.completedAt = new Date();
      action.completedById = actor.principal.id;
      const saved = await repo.save(action);
      await s.audited(AuditAction.UPDATE, 'IncidentFollowUpAction', [saved]);
      return saved;
    });
  }

  /**
   * The incident a child row belongs to, locked for an update. A child of an incident the actor
   * may not read is NOT_FOUND under the child's own name (nothing is said about the incident).
   */
  private async parentForWrite(s: AccessScope, table: 'incident_evidence' | 'incident_follow_up_action', entityType: string, id: string): Promise<Incident> {
    const [row] = await s.manager.query(`SELECT incident_id FROM ${table} WHERE id = $1 AND library_service_id = $2`, [id, s.principal.libraryServiceId]);
    if (!row) throw new NotFoundError(entityType, id);
    try {
      return await s.forWrite(Incident, TYPE, row.incident_id, 'update');
    } catch (e) {
      if (e instanceof NotFoundError) throw new NotFoundError(entityType, id);
      throw e;
    }
  }

  /** A change to an incident's child rows: the incident locked and updatable (not versioned: adds by colleagues do not clash). */
  private async changeChildren(
    actor: Actor,
    incidentId: string,
    fields: string[],
    apply: (s: AccessScope, incident: Incident) => Promise<void>,
  ): Promise<Incident> {
    return this.scopes.of(actor).transaction(async (s) => {
      const incident = await s.forWrite(Incident, TYPE, incidentId, 'update');
      s.assertCanChangeFields('update', TYPE, incident, fields);
      await apply(s, incident);
      await s.audited(AuditAction.UPDATE, TYPE, [incident]);
      return incident;
    });
  }
}
