import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, findAccessible, findForWrite, auditEach } from '../../../access/src/index.js';
import { BadInputError, ConflictError, type Connection, emptyConnection, groupByKey, type LoaderRegistry, loaderFor, calendarDate, type PageArgs, paginate } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import { ContactLog } from './contact-log.entity.js';
import type { AddFollowUpActionInput, FollowUpActionInput } from './dto/follow-up-action.input.js';
import { FollowUpAction } from './follow-up-action.entity.js';
import { assertOwnersInService } from './references.js';

const TYPE = 'FollowUpAction';

@Injectable()
export class FollowUpActionService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  /** Not completed, due before today, on a contact log that is not archived; earliest first. */
  async overdue(actor: Actor, args: PageArgs): Promise<Connection<FollowUpAction>> {
    const qb = accessibleQuery(this.db.manager, FollowUpAction, TYPE, actor);
    if (!qb) return emptyConnection();
    const a = qb.alias;
    qb.andWhere(`${a}.completedAt IS NULL`)
      .andWhere(`${a}.dueOn < :today`, { today: calendarDate() })
      .andWhere(`EXISTS (SELECT 1 FROM contact_log cl WHERE cl.id = ${a}.contactLogId AND cl.archived_at IS NULL)`);
    return paginate(qb, args, { property: 'dueOn', direction: 'ASC' });
  }

  /** ContactLog.followUpActions: one query per request, with the reader's rules. */
  forContactLog(ctx: { loaders: LoaderRegistry }, actor: Actor, contactLogId: string): Promise<FollowUpAction[]> {
    return loaderFor<FollowUpAction[]>(ctx, 'ContactLog.followUpActions', async (ids) => {
      const qb = accessibleQuery(this.db.manager, FollowUpAction, TYPE, actor);
      if (!qb) return ids.map(() => []);
      const a = qb.alias;
      const rows = await qb.andWhere(`${a}.contactLogId IN (:...ids)`, { ids })
        .orderBy(`${a}.dueOn`, 'ASC').addOrderBy(`${a}.id`, 'ASC').getMany();
      return groupByKey(ids, rows, (r) => r.contactLogId);
    }).load(contactLogId);
  }

  async add(actor: Actor, args: AddFollowUpActionInput): Promise<FollowUpAction> {
    assertCan(actor, 'create', TYPE, { libraryServiceId: actor.principal.libraryServiceId });
    return this.db.transaction(async (m) => {
      const log = await findAccessible(m, ContactLog, 'ContactLog', actor, args.contactLogId);
      if (log.archivedAt) throw new BadInputError(`ContactLog ${log.id} is archived: follow-up actions cannot be added to it`);
      const [action] = await this.createMany(m, actor, log, [args]);
      return action!;
    });
  }

  /** Inserts follow-ups of a contact log, inside the caller's transaction, with their audit rows. */
  async createMany(m: EntityManager, actor: Actor, log: ContactLog, items: FollowUpActionInput[]): Promise<FollowUpAction[]> {
    if (!items.length) return [];
    await assertOwnersInService(m, items.map((i) => i.ownerId), log.libraryServiceId);
    const repo = m.getRepository(FollowUpAction);
    const actions = await repo.save(items.map((i) => repo.create({
      libraryServiceId: log.libraryServiceId,
      contactLogId: log.id,
      description: i.description,
      ownerId: i.ownerId,
      dueOn: i.dueOn,
      completedAt: null,
      completedById: null,
    })));
    await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, actions);
    return actions;
  }

  async complete(actor: Actor, id: string, version: number): Promise<FollowUpAction> {
    return this.db.transaction(async (m) => {
      const action = await findForWrite(m, FollowUpAction, TYPE, actor, id, 'update', version);
      if (action.completedAt) throw new ConflictError(`${TYPE} ${id} was already completed at ${action.completedAt.toISOString()}`);
      action.completedAt = new Date();
      action.completedById = actor.principal.id;
      const saved = await m.getRepository(FollowUpAction).save(action);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
