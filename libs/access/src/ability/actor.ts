import type { AuditActor } from '../../../governance/src/index.js';
import type { Role } from '../users/role.enum.js';
import type { DeferredAudit } from '../scope/deferred-audit.js';
import type { AppAbility } from './subjects.js';

/** What the ability is built from: the signed-in user's identifiers, nothing else. */
export interface Principal {
  id: string;
  role: Role;
  libraryServiceId: string;
  partnerOrganisationId: string | null;
  branchIds: string[];
}

/** The signed-in user of one request, with their ability. Passed explicitly into services. */
export interface Actor {
  principal: Principal;
  ability: AppAbility;
  requestId: string;
  /** The client's X-Request-Id, when well formed (request-context.ts). */
  clientRequestId?: string | null;
  purpose?: string | null;
  /** Where this request's reads gather their audit rows until the response is sent (GraphQL requests; null elsewhere: written at once). */
  deferredAudit?: DeferredAudit | null;
}

export function auditActor(actor: Actor): AuditActor {
  return {
    userId: actor.principal.id,
    role: actor.principal.role,
    libraryServiceId: actor.principal.libraryServiceId,
    requestId: actor.requestId,
    clientRequestId: actor.clientRequestId ?? null,
    purpose: actor.purpose ?? null,
  };
}
