import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, auditEach, maskFields } from '../../../access/src/index.js';
import { groupByKey, type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import { Incident } from '../incidents/incident.entity.js';
import { onlyReadable, onlyReadableIncidents } from '../incidents/incident-access.js';
import { BanNotice } from './ban-notice.entity.js';
import { BanTransition } from './ban-transition.entity.js';
import { Ban } from './ban.entity.js';

type Ctx = { loaders: LoaderRegistry };
type Pair = { banId: string; value: string };

/** Loaders of a ban's lists: one query per field per request, restricted in SQL to bans the reader may read. */
@Injectable()
export class BanDetailsService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  /** Listed branches of a ban (empty for ALL_BRANCHES), for readers of the ban or of its desk notice. */
  branchIds(ctx: Ctx, actor: Actor, banId: string, via: 'Ban' | 'BanNotice'): Promise<string[]> {
    return loaderFor<string[]>(ctx, `${via}.branchIds`, async (ids) => {
      const qb = this.db.createQueryBuilder().from('ban_branch', 'bb').select(['bb.ban_id AS "banId"', 'bb.branch_id AS value']).where('bb.ban_id IN (:...ids)', { ids });
      const allowed = via === 'Ban' ? onlyReadable(qb, 'bb.ban_id', this.db.manager, actor, Ban, 'Ban') : onlyReadable(qb, 'bb.ban_id', this.db.manager, actor, BanNotice, 'BanNotice');
      if (!allowed) return ids.map(() => []);
      return groupByKey(ids, await qb.orderBy('bb.branch_id').getRawMany<Pair>(), (r) => r.banId).map((rows) => rows.map((r) => r.value));
    }).load(banId);
  }

  /** Ids of the linked incidents the reader may also read (as Ban.incidents: an id says an incident exists). */
  incidentIds(ctx: Ctx, actor: Actor, banId: string): Promise<string[]> {
    return loaderFor<string[]>(ctx, 'Ban.incidentIds', async (ids) => {
      const qb = this.db.createQueryBuilder().from('ban_incident', 'bi').select(['bi.ban_id AS "banId"', 'bi.incident_id AS value']).where('bi.ban_id IN (:...ids)', { ids });
      if (!onlyReadable(qb, 'bi.ban_id', this.db.manager, actor, Ban, 'Ban')) return ids.map(() => []);
      if (!onlyReadableIncidents(qb, 'bi.incident_id', this.db.manager, actor)) return ids.map(() => []);
      return groupByKey(ids, await qb.orderBy('bi.incident_id').getRawMany<Pair>(), (r) => r.banId).map((rows) => rows.map((r) => r.value));
    }).load(banId);
  }

  /** The linked incidents the reader may also read (STAFF: at their branches); each read is audited. */
  incidents(ctx: Ctx, actor: Actor, banId: string): Promise<Incident[]> {
    return loaderFor<Incident[]>(ctx, 'Ban.incidents', async (ids) => {
      const links = this.db.createQueryBuilder().from('ban_incident', 'bi').select(['bi.ban_id AS "banId"', 'bi.incident_id AS value']).where('bi.ban_id IN (:...ids)', { ids });
      if (!onlyReadable(links, 'bi.ban_id', this.db.manager, actor, Ban, 'Ban')) return ids.map(() => []);
      const pairs = await links.getRawMany<Pair>();
      const qb = accessibleQuery(this.db.manager, Incident, 'Incident', actor);
      if (!qb || !pairs.length) return ids.map(() => []);
      const incidents = await qb.andWhere(`${qb.alias}.id IN (:...incidentIds)`, { incidentIds: [...new Set(pairs.map((p) => p.value))] })
        .orderBy(`${qb.alias}.occurredAt`, 'DESC').getMany();
      maskFields(actor.ability, 'Incident', incidents);
      await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, 'Incident', incidents);
      const byId = new Map(incidents.map((i) => [i.id, i]));
      return groupByKey(ids, pairs, (p) => p.banId).map((rows) => rows.map((r) => byId.get(r.value)).filter((i): i is Incident => Boolean(i)));
    }).load(banId);
  }

  transitions(ctx: Ctx, actor: Actor, banId: string): Promise<BanTransition[]> {
    return loaderFor<BanTransition[]>(ctx, 'Ban.transitions', async (ids) => {
      const qb = this.db.getRepository(BanTransition).createQueryBuilder('bt').where('bt.banId IN (:...ids)', { ids });
      if (!onlyReadable(qb, 'bt.ban_id', this.db.manager, actor, Ban, 'Ban')) return ids.map(() => []);
      return groupByKey(ids, await qb.orderBy('bt.at').addOrderBy('bt.id').getMany(), (r) => r.banId);
    }).load(banId);
  }

  /** The person's name, or description when the name is unknown, for readers of the ban. */
  subjectLabel(ctx: Ctx, actor: Actor, ban: Ban): Promise<string | null> {
    return loaderFor<string | null>(ctx, 'Ban.subjectLabel', async (ids) => {
      const qb = this.db.createQueryBuilder().from('ban', 'lb').innerJoin('subject', 's', 's.id = lb.subject_id')
        .select(['lb.id AS "banId"', 'coalesce(s.name, s.description) AS value']).where('lb.id IN (:...ids)', { ids });
      if (!onlyReadable(qb, 'lb.id', this.db.manager, actor, Ban, 'Ban')) return ids.map(() => null);
      const rows = await qb.getRawMany<Pair>();
      return ids.map((id) => rows.find((r) => r.banId === id)?.value ?? null);
    }).load(ban.id);
  }
}
