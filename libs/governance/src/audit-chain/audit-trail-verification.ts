import { Injectable } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessScopes, type Actor, auditActor, CurrentActor } from '../../../access/src/index.js';
import { REPORT_COST } from '../../../common/src/index.js';
import { AuditAction } from '../audit/audit-action.enum.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { AuditChainVerifier } from './audit-chain-verifier.js';
import { parseDigest } from './audit-digest.js';
import { AuditTrailVerification, AuditTrailVerificationInput } from './audit-trail-verification.types.js';

const TYPE = 'AuditEvent';

/** The DPO's check of their own service's audit chain. */
@Injectable()
export class AuditTrailVerificationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly verifier: AuditChainVerifier,
    private readonly audit: AuditService,
    private readonly scopes: AccessScopes,
  ) {}

  /** Reading the whole trail's hashes is reading the trail: the DPO's rule on AuditEvent decides (FORBIDDEN for anyone else). */
  async verify(actor: Actor, input: AuditTrailVerificationInput = {}): Promise<AuditTrailVerification> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('read', TYPE, { libraryServiceId });
    const digest = input.digest ? parseDigest(input.digest) : undefined;
    const result = await this.verifier.verify(libraryServiceId, { digest });
    const at = result.firstBreak;
    let auditEvent: AuditEvent | null = null;
    if (at?.auditEventId) {
      const qb = scope.query(AuditEvent, TYPE);
      auditEvent = qb ? await qb.andWhere(`${qb.alias}.id = :id`, { id: at.auditEventId }).getOne() : null;
    }
    const outcome = at ? `breaks at position ${at.position} (${at.kind})` : `intact through position ${result.headPosition}`;
    await this.audit.record(
      this.db.manager,
      { ...auditActor(actor), purpose: `${actor.purpose ? `${actor.purpose} — ` : ''}audit chain verification: ${outcome}` },
      { action: AuditAction.READ, entityType: TYPE, entityIds: [null] },
    );
    return { ...result, libraryServiceId, firstBreak: at ? { ...at, auditEvent } : null };
  }
}

@Resolver()
export class AuditTrailVerificationResolver {
  constructor(private readonly service: AuditTrailVerificationService) {}

  // It reads the whole trail of the service: counted as a report toward the request's cost.
  @Query(() => AuditTrailVerification, {
    complexity: REPORT_COST,
    description:
      "Recomputes your library service's audit chain and names the first event that does not fit: changed, missing, inserted or out of order (the DPO)",
  })
  auditTrailVerification(
    @CurrentActor() actor: Actor,
    @Args('input', { type: () => AuditTrailVerificationInput, nullable: true }) input?: AuditTrailVerificationInput | null,
  ): Promise<AuditTrailVerification> {
    return this.service.verify(actor, input ?? {});
  }
}
