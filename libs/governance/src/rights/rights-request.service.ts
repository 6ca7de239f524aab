import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, auditActor, auditEach, findAccessible, findForWrite, loadAccessible } from '../../../access/src/index.js';
import { BadInputError, ConflictError, type Connection, emptyConnection, type LoaderRegistry, NotFoundError, paginate, whereIn } from '../../../common/src/index.js';
import { AuditAction } from '../audit/audit-action.enum.js';
import { AuditService } from '../audit/audit.service.js';
import { newDataProtection } from '../data-protection/data-protection.defaults.js';
import { LawfulBasis } from '../data-protection/lawful-basis.enum.js';
import { PersonalDataCatalog } from '../processing/personal-data-catalog.js';
import { retainUntilFor } from '../retention/retain-until-for.js';
import { todayUtc } from '../retention/retention-dates.js';
import type { DecideRightsRequestInput, LiftRestrictionInput, LogRightsRequestInput, RightsRequestsArgs } from './dto/rights-request.inputs.js';
import { carryOutErasure } from './erasure.js';
import { carryOutRectification } from './rectify.js';
import { assertDecision, responseDueOn } from './rights-decision.js';
import { type RightsOutcome, RightsRequest } from './rights-request.entity.js';
import { RightsDecision, RightsRequestStatus, RightsRequestType } from './rights-request.enums.js';
import { SubjectGraph } from './subject-graph.js';
import { SubjectRestriction } from './subject-restriction.entity.js';

const TYPE = 'RightsRequest';

/**
 * Data subjects' requests: logged and decided by the DPO. A decision is carried out in the same
 * transaction that records it (erasure, rectification, restriction), with its audit events, so
 * the request's status never claims something that did not happen.
 */
@Injectable()
export class RightsRequestService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly catalog: PersonalDataCatalog,
    private readonly graph: SubjectGraph,
  ) {}

  async log(actor: Actor, input: LogRightsRequestInput): Promise<RightsRequest> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertCan(actor, 'create', TYPE, { libraryServiceId });
    if (input.receivedOn > todayUtc()) throw new BadInputError('receivedOn must not be in the future', { field: 'receivedOn' });
    return this.db.transaction(async (m) => {
      await this.assertSubject(m, input.subjectId, libraryServiceId);
      const repo = m.getRepository(RightsRequest);
      const saved = await repo.save(repo.create({
        libraryServiceId, subjectId: input.subjectId, type: input.type, receivedOn: input.receivedOn, dueOn: responseDueOn(input.receivedOn),
        details: input.details, status: RightsRequestStatus.RECEIVED, keptRecordTypes: [], outcome: null, loggedById: actor.principal.id,
        decidedById: null, decidedAt: null, decisionReason: null, refusalGround: null,
        dataProtection: newDataProtection({ lawfulBasis: LawfulBasis.LEGAL_OBLIGATION }, await retainUntilFor(m, libraryServiceId, 'RIGHTS_REQUEST', new Date())),
      }));
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [saved]);
      return saved;
    });
  }

  async list(actor: Actor, args: RightsRequestsArgs): Promise<Connection<RightsRequest>> {
    const qb = accessibleQuery(this.db.manager, RightsRequest, TYPE, actor);
    if (!qb) return emptyConnection();
    const a = qb.alias;
    const { statuses, types, subjectId } = args.filter ?? {};
    whereIn(qb, `${a}.status`, 'fStatuses', statuses);
    whereIn(qb, `${a}.type`, 'fTypes', types);
    if (subjectId) qb.andWhere(`${a}.subjectId = :subjectId`, { subjectId });
    const page = await paginate(qb, args, { property: 'receivedOn', direction: 'DESC' });
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, page.edges.map((e) => e.node));
    return page;
  }

  async get(actor: Actor, id: string): Promise<RightsRequest> {
    const request = await findAccessible(this.db.manager, RightsRequest, TYPE, actor, id);
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, [request]);
    return request;
  }

  /** For SubjectRestriction.rightsRequest: one query per request, with the reader's rules; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<RightsRequest | null> {
    return loadAccessible(ctx, this.db.manager, actor, RightsRequest, TYPE, id, { audit: this.audit });
  }

  async decide(actor: Actor, input: DecideRightsRequestInput): Promise<RightsRequest> {
    return this.db.transaction(async (m) => {
      const request = await findForWrite(m, RightsRequest, TYPE, actor, input.id, 'update', input.version);
      if (request.status !== RightsRequestStatus.RECEIVED) throw new ConflictError(`${TYPE} ${request.id} was already decided (${request.status})`);
      assertDecision(request.type, input);
      const who = auditActor(actor);
      const deps = { graph: this.graph, catalog: this.catalog, audit: this.audit };
      const keep = input.keepRecordTypes ?? [];
      let outcome: RightsOutcome = {};
      if (input.decision !== RightsDecision.REFUSED) {
        switch (request.type) {
          case RightsRequestType.ERASURE:
            outcome = await carryOutErasure(m, deps, request, input.decision === RightsDecision.GRANTED, keep, who);
            break;
          case RightsRequestType.RECTIFICATION:
            outcome = { corrected: await carryOutRectification(m, deps, request, input.corrections ?? [], who) };
            break;
          case RightsRequestType.RESTRICTION:
            outcome = { restrictionId: await this.restrict(m, actor, request) };
            break;
          case RightsRequestType.ACCESS:
            break; // the DPO sends what subjectAccessExport produces; the decision records that it was answered
        }
      }
      const decidedAt = new Date();
      Object.assign(request, {
        status: input.decision as unknown as RightsRequestStatus,
        decisionReason: input.reason?.trim() || null,
        refusalGround: input.refusalGround ?? null,
        keptRecordTypes: keep,
        outcome,
        decidedById: actor.principal.id,
        decidedAt,
      });
      request.dataProtection.retainUntil = await retainUntilFor(m, request.libraryServiceId, 'RIGHTS_REQUEST', decidedAt);
      const saved = await m.getRepository(RightsRequest).save(request);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async activeRestriction(actor: Actor, subjectId: string): Promise<SubjectRestriction | null> {
    assertCan(actor, 'read', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    return this.db.getRepository(SubjectRestriction).findOneBy({ subjectId, libraryServiceId: actor.principal.libraryServiceId, liftedAt: IsNull() });
  }

  async liftRestriction(actor: Actor, input: LiftRestrictionInput): Promise<SubjectRestriction> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertCan(actor, 'update', TYPE, { libraryServiceId });
    return this.db.transaction(async (m) => {
      const [rows] = await m.query(
        `UPDATE subject_restriction SET lifted_at = now(), lifted_by_id = $3, lift_reason = $4, version = version + 1
         WHERE subject_id = $1 AND library_service_id = $2 AND lifted_at IS NULL RETURNING id`, [input.subjectId, libraryServiceId, actor.principal.id, input.reason]);
      if (!rows.length) throw new NotFoundError('SubjectRestriction', input.subjectId);
      await this.audit.record(m, auditActor(actor), { action: AuditAction.UPDATE, entityType: 'SubjectRestriction', entityIds: [rows[0].id], libraryServiceId });
      return (await m.getRepository(SubjectRestriction).findOneBy({ id: rows[0].id }))!;
    });
  }

  private async restrict(m: import('typeorm').EntityManager, actor: Actor, request: RightsRequest): Promise<string> {
    await this.assertSubject(m, request.subjectId, request.libraryServiceId);
    const [active] = await m.query('SELECT id FROM subject_restriction WHERE subject_id = $1 AND lifted_at IS NULL', [request.subjectId]);
    if (active) throw new ConflictError(`Subject ${request.subjectId} is already restricted`);
    const [row] = await m.query(
      `INSERT INTO subject_restriction (library_service_id, subject_id, rights_request_id, reason, restricted_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [request.libraryServiceId, request.subjectId, request.id, request.details, actor.principal.id]);
    await this.audit.record(m, auditActor(actor), { action: AuditAction.CREATE, entityType: 'SubjectRestriction', entityIds: [row.id], libraryServiceId: request.libraryServiceId });
    return row.id;
  }

  private async assertSubject(m: import('typeorm').EntityManager, subjectId: string, libraryServiceId: string): Promise<void> {
    const [present] = await m.query(`SELECT to_regclass('subject') IS NOT NULL AS present`);
    if (!present.present) throw new NotFoundError('Subject', subjectId);
    const [row] = await m.query('SELECT id FROM subject WHERE id = $1 AND library_service_id = $2', [subjectId, libraryServiceId]);
    if (!row) throw new NotFoundError('Subject', subjectId);
  }
}
