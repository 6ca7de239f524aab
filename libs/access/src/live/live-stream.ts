import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type LoaderRegistry, NotFoundError, runAsTenant } from '../../../common/src/index.js';
import { EVENT_BUS, type EventBus, type LiveEvent, type LiveEventKind } from '../../../events/src/index.js';
import { defineAbilityFor } from '../ability/ability.factory.js';
import type { AppAbility, SubjectType } from '../ability/subjects.js';
import type { Actor, Principal } from '../ability/actor.js';
import { AuthService } from '../auth/auth.service.js';
import type { AuditedEvent } from '../../../governance/src/index.js';
import { DeferredAudit } from '../scope/deferred-audit.js';
import { LiveAuditBatch } from './live-audit.js';
import { TickBatch } from './tick-batch.js';

/** What a WebSocket connection keeps of its sign-in (apps/api live-server.ts): the token, to check again at every event. */
export interface LiveConnection {
  token: string;
  /** Closes the socket: the token is no longer valid (expired, sessions ended, the user deactivated). */
  endSession(): void;
}

/** The GraphQL context of a subscription: a request's, plus its connection. */
export interface LiveContext {
  actor: Actor | null;
  loaders: LoaderRegistry;
  live?: LiveConnection;
}

/** Events waiting for a slow subscriber beyond this are dropped (a live view, not a queue: the lists catch up). */
const BACKLOG_MAX = 200;

/**
 * A read shared by the subscribers one event wakes (see LiveStreams.stream): `subject` is the type
 * read (e.g. 'Alarm'), and `read` must read records of that type only, through the reader's
 * scope, so that it depends on the event and the reader's rules for that type and on nothing else
 * about the reader: one answer then serves everyone whose rules for it are identical.
 */
export type ShareRead = <T>(subject: SubjectType, read: () => Promise<T>) => Promise<T>;

/** What a shared read gave: its value and the READ audit rows it gathered, copied to each subscriber who shares it. */
interface SharedRead {
  value: unknown;
  events: AuditedEvent[];
}

/**
 * Turns bus events into what one subscriber may see. Events carry identifiers only; for each,
 * the token is checked again (as on every HTTP request: expiry, session generation, an inactive
 * user or partner organisation), the subscriber's ability built afresh, and `read` loads the record
 * through the same rules and audit as any read. A record the subscriber may not read (NOT_FOUND)
 * is never sent; a token no longer valid ends the connection.
 */
@Injectable()
export class LiveStreams {
  private readonly logger = new Logger('LiveStreams');
  /** Every subscriber's token, checked again at each event: one query for all those woken together. */
  private readonly principals: TickBatch<string, Principal | null>;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly auth: AuthService,
    private readonly audits: LiveAuditBatch,
  ) {
    this.principals = new TickBatch((tokens) => this.auth.principalsFromTokens(tokens));
  }

  /**
   * `read` may pass the part of its work that depends only on the event and the reader's rules to
   * `share`: of the subscribers one event wakes (a thousand staff of a branch, one alarm), those
   * with identical rules then run that read once, each still audited as its own read. The rest of
   * `read` (which branches this subscriber watches, how severe) stays the subscriber's own.
   */
  stream<T>(
    ctx: LiveContext,
    kinds: readonly LiveEventKind[],
    read: (event: LiveEvent, actor: Actor, share: ShareRead) => Promise<T | null>,
  ): AsyncIterableIterator<T> {
    const live = ctx.live;
    if (!live) throw new NotFoundError('Subscription', 'http');
    // The ability is built again only when the principal changed (a new branch, a new role): rules are a function of it.
    let rules: { principal: Principal; key: string; ability: AppAbility; fingerprints: Map<SubjectType, string> } | null = null;
    return new LiveIterator<T>(this.bus, kinds, async (event) => {
      const principal = await this.principals.call(live.token);
      if (!principal) {
        live.endSession();
        return { end: true };
      }
      // Only events of the subscriber's own service are looked at (partners belong to the service too).
      if (event.libraryServiceId !== principal.libraryServiceId) return null;
      const key = JSON.stringify(principal);
      if (rules?.key !== key) rules = { principal, key, ability: defineAbilityFor(principal), fingerprints: new Map() };
      // Its reads gathered, then written with the other subscribers' (LiveAuditBatch) before anything is sent.
      const deferredAudit = new DeferredAudit();
      const actor: Actor = { principal, ability: rules.ability, requestId: randomUUID(), clientRequestId: null, purpose: null, deferredAudit };
      const share = this.sharer(event, actor, rules);
      try {
        const value = await runAsTenant(principal.libraryServiceId, () => read(event, actor, share));
        await this.audits.write(actor, deferredAudit.take());
        if (value === null) return null;
        // Field resolvers of this event run as this actor, with loaders of their own (nothing cached from an earlier event).
        ctx.actor = actor;
        ctx.loaders.clear();
        return { value };
      } catch (err) {
        if (err instanceof NotFoundError) return null;
        this.logger.warn(`A live event could not be read for a subscriber (${(err as Error).name})`);
        return null;
      }
    });
  }

  /** Each event's shared reads, by name and rules; forgotten with the event. */
  private readonly shared = new WeakMap<LiveEvent, Map<string, Promise<SharedRead>>>();

  private sharer(event: LiveEvent, actor: Actor, rules: { principal: Principal; ability: AppAbility; fingerprints: Map<SubjectType, string> }): ShareRead {
    return async <T>(subject: SubjectType, read: () => Promise<T>): Promise<T> => {
      let reads = this.shared.get(event);
      if (!reads) this.shared.set(event, (reads = new Map()));
      let fingerprint = rules.fingerprints.get(subject);
      if (fingerprint === undefined) {
        // What a scoped read of the type takes from the reader besides their id, which the type's rules name wherever it matters.
        const { role, libraryServiceId, partnerOrganisationId, branchIds } = rules.principal;
        fingerprint = JSON.stringify([
          subject,
          role,
          libraryServiceId,
          partnerOrganisationId,
          branchIds,
          rules.ability.possibleRulesFor('read', subject).map((r) => r.origin),
        ]);
        rules.fingerprints.set(subject, fingerprint);
      }
      const key = fingerprint;
      let result = reads.get(key);
      if (!result) {
        result = recorded(actor, read);
        reads.set(key, result);
      }
      const { value, events } = await result;
      actor.deferredAudit!.add(events);
      return value as T;
    };
  }
}

/** Runs a read with an audit gatherer of its own, so its READ rows can be given to each subscriber who shares it. */
async function recorded(actor: Actor, read: () => Promise<unknown>): Promise<SharedRead> {
  const own = actor.deferredAudit;
  const gathered = new DeferredAudit();
  actor.deferredAudit = gathered;
  try {
    return { value: await read(), events: gathered.take() };
  } finally {
    actor.deferredAudit = own;
  }
}

type Step<T> = { value: T } | { end: true } | null;

/**
 * An async iterator over bus events (not an async generator: `return()` must end a subscription
 * that is waiting for its next event, and a generator waiting at an await cannot be ended).
 */
class LiveIterator<T> implements AsyncIterableIterator<T> {
  private readonly backlog: LiveEvent[] = [];
  private wake: ((event: LiveEvent | null) => void) | null = null;
  private done = false;
  private readonly unsubscribe: () => void;

  constructor(
    bus: EventBus,
    kinds: readonly LiveEventKind[],
    private readonly step: (event: LiveEvent) => Promise<Step<T>>,
  ) {
    this.unsubscribe = bus.subscribe(kinds, (event) => {
      if (this.wake) {
        const wake = this.wake;
        this.wake = null;
        wake(event);
      } else if (this.backlog.length < BACKLOG_MAX) this.backlog.push(event);
    });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  async next(): Promise<IteratorResult<T>> {
    while (!this.done) {
      const event = this.backlog.shift() ?? (await new Promise<LiveEvent | null>((resolve) => (this.wake = resolve)));
      if (!event || this.done) break;
      let step: Step<T>;
      try {
        step = await this.step(event);
      } catch (err) {
        // The subscription ends with the error (graphql-ws sends it); it must stop listening too.
        await this.return();
        throw err;
      }
      if (step && 'end' in step) break;
      if (step && !this.done) return { value: step.value, done: false };
    }
    await this.return();
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.done) {
      this.done = true;
      this.unsubscribe();
      this.wake?.(null);
      this.wake = null;
    }
    return { value: undefined, done: true };
  }

  async throw(err: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw err;
  }
}
