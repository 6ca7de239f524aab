import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { type AccessScope, AccessScopes, type Actor, assertAllowed, auditActor, loadAccessible } from '../../../access/src/index.js';
import { BadInputError, ConflictError, type Connection, type LoaderRegistry, NotFoundError, whereIn } from '../../../common/src/index.js';
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
    private readonly scopes: AccessScopes,
  ) {}

  async log(actor: Actor, input: LogRightsRequestInput): Promise<RightsRequest> {
    const libraryServiceId = actor.principal.libraryServiceId;
    const scope = this.scopes.of(actor);
    scope.assertCan('create', TYPE, { libraryServiceId });
    if (input.receivedOn > todayUtc()) throw new BadInputError('receivedOn must not be in the future', { field: 'receivedOn' });
    return scope.transaction(async (s, m) => {
      await assertSubject(s, input.subjectId);
      const repo = m.getRepository(RightsRequest);
      const saved = await repo.save(
        repo.create({
          libraryServiceId,
          subjectId: input.subjectId,
          type: input.type,
          receivedOn: input.receivedOn,
          dueOn: responseDueOn(input.receivedOn),
          details: input.details,
          status: RightsRequestStatus.RECEIVED,
          keptRecordTypes: [],
          outcome: null,
          loggedById: actor.principal.id,
          decidedById: null,
          decidedAt: null,
          decisionReason: null,
          refusalGround: null,
          dataProtection: newDataProtection(
            'RIGHTS_REQUEST',
            { lawfulBasis: LawfulBasis.LEGAL_OBLIGATION },
            await retainUntilFor(m, libraryServiceId, 'RIGHTS_REQUEST', new Date()),
          ),
        }),
      );
      await s.audited(AuditAction.CREATE, TYPE, [saved]);
      return saved;
    });
  }

  list(actor: Actor, args: RightsRequestsArgs): Promise<Connection<RightsRequest>> {
    const { statuses, types, subjectId } = args.filter ?? {};
    return this.scopes.of(actor).list(RightsRequest, TYPE, args, { property: 'receivedOn', direction: 'DESC' }, (qb, a) => {
      whereIn(qb, `${a}.status`, 'fStatuses', statuses);
      whereIn(qb, `${a}.type`, 'fTypes', types);
      if (subjectId) qb.andWhere(`${a}.subjectId = :subjectId`, { subjectId });
    });
  }

  get(actor: Actor, id: string): Promise<RightsRequest> {
    return this.scopes.of(actor).find(RightsRequest, TYPE, id);
  }

  /** For SubjectRestriction.rightsRequest: one query per request, with the reader's rules; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<RightsRequest | null> {
    return loadAccessible(ctx, this.scopes.of(actor), RightsRequest, TYPE, id);
  }

  async decide(actor: Actor, input: DecideRightsRequestInput): Promise<RightsRequest> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const request = await s.forWrite(RightsRequest, TYPE, input.id, 'update', input.version);
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
            outcome = { restrictionId: await this.restrict(s, request) };
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
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async activeRestriction(actor: Actor, subjectId: string): Promise<SubjectRestriction | null> {
    assertAllowed(actor, 'read', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    return this.db.getRepository(SubjectRestriction).findOneBy({ subjectId, libraryServiceId: actor.principal.libraryServiceId, liftedAt: IsNull() });
  }

  async liftRestriction(actor: Actor, input: LiftRestrictionInput): Promise<SubjectRestriction> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertAllowed(actor, 'update', TYPE, { libraryServiceId });
    return this.db.transaction(async (m) => {
      const [rows] = await m.query(
        `UPDATE subject_restriction SET lifted_at = now(), lifted_by_id = $3, lift_reason = $4, version = version + 1
         WHERE subject_id = $1 AND library_service_id = $2 AND lifted_at IS NULL RETURNING id`,
        [input.subjectId, libraryServiceId, actor.principal.id, input.reason],
      );
      if (!rows.length) throw new NotFoundError('SubjectRestriction', input.subjectId);
      await this.audit.record(m, auditActor(actor), {
        action: AuditAction.UPDATE,
        entityType: 'SubjectRestriction',
        entityIds: [rows[0].id],
        libraryServiceId,
      });
      return (await m.getRepository(SubjectRestriction).findOneBy({ id: rows[0].id }))!;
    });
  }

  private async restrict(s: AccessScope, request: RightsRequest): Promise<string> {
    const { manager: m, actor } = s;
    await assertSubject(s, request.subjectId);
    const [active] = await m.query('SELECT id FROM subject_restriction WHERE subject_id = $1 AND lifted_at IS NULL', [request.subjectId]);
    if (active) throw new ConflictError(`Subject ${request.subjectId} is already restricted`);
    const [row] = await m.query(
      `INSERT INTO subject_restriction (library_service_id, subject_id, rights_request_id, reason, restricted_by_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [request.libraryServiceId, request.subjectId, request.id, request.details, actor.principal.id],
    );
    await this.audit.record(m, auditActor(actor), {
      action: AuditAction.CREATE,
      entityType: 'SubjectRestriction',
      entityIds: [row.id],
      libraryServiceId: request.libraryServiceId,
    });
    return row.id;
  }
}

/** The person of a request must be one of the DPO's own service (the DPO may read every person of it, restricted or not). */
async function assertSubject(s: AccessScope, subjectId: string): Promise<void> {
  // Named, not imported: the Subject entity belongs to the cases context; without it (a standalone set-up) nobody is found.
  const known = s.manager.connection.hasMetadata('Subject') ? await s.readableIds('Subject', 'Subject', [subjectId]) : new Set<string>();
  if (!known.has(subjectId)) throw new NotFoundError('Subject', subjectId);
}
