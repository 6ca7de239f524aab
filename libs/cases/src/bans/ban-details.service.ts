import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { groupByKey, type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
import { Incident } from '../incidents/incident.entity.js';
import { BanNotice } from './ban-notice.entity.js';
import { BanTransition } from './ban-transition.entity.js';
import { Ban } from './ban.entity.js';

type Ctx = { loaders: LoaderRegistry };
type Pair = { banId: string; value: string };

/** Loaders of a ban's lists: one query per field per request, restricted in SQL to bans the reader may read. */
@Injectable()
export class BanDetailsService {
  constructor(private readonly scopes: AccessScopes) {}

  /** Listed branches of a ban (empty for ALL_BRANCHES), for readers of the ban or of its desk notice. */
  branchIds(ctx: Ctx, actor: Actor, banId: string, via: 'Ban' | 'BanNotice'): Promise<string[]> {
    return loaderFor<string[]>(ctx, `${via}.branchIds`, async (ids) => {
      const scope = this.scopes.of(actor);
      const qb = scope.manager
        .createQueryBuilder()
        .from('ban_branch', 'bb')
        .select(['bb.ban_id AS "banId"', 'bb.branch_id AS value'])
        .where('bb.ban_id IN (:...ids)', { ids });
      const allowed = via === 'Ban' ? scope.onlyReadable(qb, 'bb.ban_id', Ban, 'Ban') : scope.onlyReadable(qb, 'bb.ban_id', BanNotice, 'BanNotice');
      if (!allowed) return ids.map(() => []);
      return groupByKey(ids, await qb.orderBy('bb.branch_id').getRawMany<Pair>(), (r) => r.banId).map((rows) => rows.map((r) => r.value));
    }).load(banId);
  }

  /** Ids of the linked incidents the reader may also read (as Ban.incidents: an id says an incident exists). */
  incidentIds(ctx: Ctx, actor: Actor, banId: string): Promise<string[]> {
    return loaderFor<string[]>(ctx, 'Ban.incidentIds', async (ids) => {
      const scope = this.scopes.of(actor);
      const qb = scope.manager
        .createQueryBuilder()
        .from('ban_incident', 'bi')
        .select(['bi.ban_id AS "banId"', 'bi.incident_id AS value'])
        .where('bi.ban_id IN (:...ids)', { ids });
      if (!scope.onlyReadable(qb, 'bi.ban_id', Ban, 'Ban')) return ids.map(() => []);
      if (!scope.onlyReadable(qb, 'bi.incident_id', Incident, 'Incident')) return ids.map(() => []);
      return groupByKey(ids, await qb.orderBy('bi.incident_id').getRawMany<Pair>(), (r) => r.banId).map((rows) => rows.map((r) => r.value));
    }).load(banId);
  }

  /** The linked incidents the reader may also read (STAFF: at their branches); each read is audited. */
  incidents(ctx: Ctx, actor: Actor, banId: string): Promise<Incident[]> {
    return loaderFor<Incident[]>(ctx, 'Ban.incidents', async (ids) => {
      const scope = this.scopes.of(actor);
      const links = scope.manager
        .createQueryBuilder()
        .from('ban_incident', 'bi')
        .select(['bi.ban_id AS "banId"', 'bi.incident_id AS value'])
        .where('bi.ban_id IN (:...ids)', { ids });
      if (!scope.onlyReadable(links, 'bi.ban_id', Ban, 'Ban')) return ids.map(() => []);
      const pairs = await links.getRawMany<Pair>();
      if (!pairs.length) return ids.map(() => []);
      const incidents = await scope.findMany(
        Incident,
        'Incident',
        (qb, a) => {
          qb.andWhere(`${a}.id IN (:...incidentIds)`, { incidentIds: [...new Set(pairs.map((p) => p.value))] });
        },
        { orderBy: { property: 'occurredAt', direction: 'DESC' } },
      );
      const byId = new Map(incidents.map((i) => [i.id, i]));
      return groupByKey(ids, pairs, (p) => p.banId).map((rows) => rows.map((r) => byId.get(r.value)).filter((i): i is Incident => Boolean(i)));
    }).load(banId);
  }

  transitions(ctx: Ctx, actor: Actor, banId: string): Promise<BanTransition[]> {
    return loaderFor<BanTransition[]>(ctx, 'Ban.transitions', async (ids) => {
      const scope = this.scopes.of(actor);
      const qb = scope.manager.getRepository(BanTransition).createQueryBuilder('bt').where('bt.banId IN (:...ids)', { ids });
      if (!scope.onlyReadable(qb, 'bt.ban_id', Ban, 'Ban')) return ids.map(() => []);
      return groupByKey(ids, await qb.orderBy('bt.at').addOrderBy('bt.id').getMany(), (r) => r.banId);
    }).load(banId);
  }

  /** The person's name, or description when the name is unknown, for readers of the ban (who may not read the person's record). */
  subjectLabel(ctx: Ctx, actor: Actor, ban: Ban): Promise<string | null> {
    return loaderFor<string | null>(ctx, 'Ban.subjectLabel', async (ids) => {
      const rows = await this.scopes.of(actor).peopleNamed(Ban, 'Ban', ids, { subjectId: (a) => `"${a}".subject_id` });
      return ids.map((id) => rows.find((r) => r.parentId === id)?.label ?? null);
    }).load(ban.id);
  }
}
