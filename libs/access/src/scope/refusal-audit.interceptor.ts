import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GraphQLResolveInfo } from 'graphql';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { AccessDeniedError, NotFoundError } from '../../../common/src/index.js';
import { type AuditAction, AuditService } from '../../../governance/src/index.js';
import { type Actor, auditActor } from '../ability/actor.js';
import { refusalOf } from './refusals.js';

/** AuditAction.REFUSED, named without a runtime import of the enum (as READ_AUDIT in audited-reads.ts). */
const REFUSED_AUDIT = 'REFUSED' as AuditAction;

/**
 * Writes one REFUSED audit row for every NOT_FOUND or FORBIDDEN that a root query or mutation
 * answers a signed-in user, so the DPO sees probing: ids tried that the user may not read, and
 * changes the user may not make. Written after the resolver has failed, when its transaction
 * has rolled back, so the rollback cannot take the row with it (and on the embedded database's
 * one connection, never alongside the transaction). The record is the one the access scope
 * refused (`refusing`), or the record type a NOT_FOUND names; a refusal the scope did not raise
 * names the operation instead (entity type `Operation`). Written to the user's own service's
 * trail, whose DPO answers for that user: the id tried may be another service's record, or none.
 */
@Injectable()
export class RefusalAuditInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<GraphQLResolveInfo>();
    const actor = (gql.getContext() as { actor?: Actor | null }).actor;
    // Root fields only: a relation the reader may not read comes back null, not refused.
    if (!actor || info.path.prev !== undefined) return next.handle();
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (!(err instanceof NotFoundError || err instanceof AccessDeniedError)) return throwError(() => err);
        return from(this.record(actor, info, err)).pipe(mergeMap(() => throwError(() => err)));
      }),
    );
  }

  private async record(actor: Actor, info: GraphQLResolveInfo, err: NotFoundError | AccessDeniedError): Promise<void> {
    const operation = `${info.operation.operation} ${info.fieldName}`;
    const refusal = refusalOf(err);
    const notFound = err instanceof NotFoundError ? (err.details as { entityType?: string; id?: string } | undefined) : undefined;
    const entityType = refusal?.entityType ?? notFound?.entityType ?? 'Operation';
    const entityId = refusal ? refusal.entityId : notFound ? (notFound.id ?? null) : info.fieldName;
    const what = `${err.code}${refusal ? ` (${refusal.action})` : ''} on ${operation}`;
    const base = auditActor(actor);
    await this.audit.record(
      this.db.manager,
      { ...base, purpose: `${base.purpose ? `${base.purpose} — ` : ''}refused: ${what}`.slice(0, 1000) },
      { action: REFUSED_AUDIT, entityType, entityIds: [entityId] },
    );
  }
}
