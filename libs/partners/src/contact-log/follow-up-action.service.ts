import { Injectable } from '@nestjs/common';
import { type AccessScope, AccessScopes, type Actor } from '../../../access/src/index.js';
import {
  BadInputError,
  ConflictError,
  type Connection,
  groupByKey,
  type LoaderRegistry,
  loaderFor,
  calendarDate,
  type PageArgs,
} from '../../../common/src/index.js';
import { AuditAction } from '../../../governance/src/index.js';
import { ContactLog } from './contact-log.entity.js';
import type { AddFollowUpActionInput, FollowUpActionInput } from './dto/follow-up-action.input.js';
import { FollowUpAction } from './follow-up-action.entity.js';
import { assertOwnersInService } from './references.js';

const TYPE = 'FollowUpAction';

@Injectable()
export class FollowUpActionService {
  constructor(private readonly scopes: AccessScopes) {}

  /** Not completed, due before today, on a contact log that is not archived; earliest first. */
  overdue(actor: Actor, args: PageArgs): Promise<Connection<FollowUpAction>> {
    return this.scopes.of(actor).list(FollowUpAction, TYPE, args, { property: 'dueOn', direction: 'ASC' }, (qb, a) => {
      qb.andWhere(`${a}.completedAt IS NULL`)
        .andWhere(`${a}.dueOn < :today`, { today: calendarDate() })
        .andWhere(`EXISTS (SELECT 1 FROM contact_log cl WHERE cl.id = ${a}.contactLogId AND cl.archived_at IS NULL)`);
    });
  }

  /** ContactLog.followUpActions: one query per request, with the reader's rules. */
  forContactLog(ctx: { loaders: LoaderRegistry }, actor: Actor, contactLogId: string): Promise<FollowUpAction[]> {
    return loaderFor<FollowUpAction[]>(ctx, 'ContactLog.followUpActions', async (ids) => {
      const rows = await this.scopes.of(actor).findMany(
        FollowUpAction,
        TYPE,
        (qb, a) => {
          qb.andWhere(`${a}.contactLogId IN (:...ids)`, { ids });
        },
        { orderBy: { property: 'dueOn', direction: 'ASC' } },
      );
      return groupByKey(ids, rows, (r) => r.contactLogId);
    }).load(contactLogId);
  }

  async add(actor: Actor, args: AddFollowUpActionInput): Promise<FollowUpAction> {
    const scope = this.scopes.of(actor);
    scope.assertCan('create', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    return scope.transaction(async (s) => {
      const log = await s.reference(ContactLog, 'ContactLog', args.contactLogId);
      if (log.archivedAt) throw new BadInputError(`ContactLog ${log.id} is archived: follow-up actions cannot be added to it`);
      const [action] = await this.createMany(s, log, [args]);
      return action!;
    });
  }

  /** Inserts follow-ups of a contact log, inside the caller's transaction, with their audit rows. */
  async createMany(s: AccessScope, log: ContactLog, items: FollowUpActionInput[]): Promise<FollowUpAction[]> {
    if (!items.length) return [];
    await assertOwnersInService(
      s.manager,
      items.map((i) => i.ownerId),
      log.libraryServiceId,
    );
    const repo = s.manager.getRepository(FollowUpAction);
    const actions = await repo.save(
      items.map((i) =>
        repo.create({
          libraryServiceId: log.libraryServiceId,
          contactLogId: log.id,
          description: i.description,
          ownerId: i.ownerId,
          dueOn: i.dueOn,
          completedAt: null,
          completedById: null,
        }),
      ),
    );
    await s.audited(AuditAction.CREATE, TYPE, actions);
    return actions;
  }

  async complete(actor: Actor, id: string, version: number): Promise<FollowUpAction> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const action = await s.forWrite(FollowUpAction, TYPE, id, 'update', version);
      if (action.completedAt) throw new ConflictError(`${TYPE} ${id} was already completed at ${action.completedAt.toISOString()}`);
      action.completedAt = new Date();
      action.completedById = actor.principal.id;
      const saved = await m.getRepository(FollowUpAction).save(action);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
