import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, auditEach } from '../../../access/src/index.js';
import { groupByKey, type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
import { AuditAction, AuditService } from '../../../governance/src/index.js';
import { ReferralSubject } from './referral-subject.js';
import { ReferralTransition } from './referral-transition.entity.js';
import { Referral } from './referral.entity.js';
import { REFERRAL } from './referral.service.js';

/**
 * What a referral shows beside its own columns, one query per field per request. Both loaders
 * start from the referrals the reader may read (the access rules in SQL), so a subject or a
 * history is only ever reached through a referral the reader may see.
 */
@Injectable()
export class ReferralDetailsService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  /** Name or description of the person referred, read from `subject` (those columns only); audited as a Subject read. */
  subject(ctx: { loaders: LoaderRegistry }, actor: Actor, referralId: string): Promise<ReferralSubject | null> {
    return loaderFor<ReferralSubject | null>(ctx, 'Referral.subject', async (ids) => {
      const qb = accessibleQuery(this.db.manager, Referral, REFERRAL, actor);
      if (!qb) return ids.map(() => null);
      const a = qb.alias;
      const rows: { referralId: string; id: string; name: string | null; description: string | null; libraryServiceId: string }[] = await qb
        .innerJoin('subject', 's', `s.id = ${a}.subject_id AND s.library_service_id = ${a}.library_service_id`)
        .andWhere(`${a}.id IN (:...ids)`, { ids })
        .select(`${a}.id`, 'referralId')
        .addSelect('s.id', 'id').addSelect('s.name', 'name').addSelect('s.description', 'description').addSelect('s.library_service_id', 'libraryServiceId')
        .getRawMany();
      const subjects = [...new Map(rows.map((r) => [r.id, r])).values()];
      await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, 'Subject', subjects);
      const byReferral = new Map(rows.map((r) => [r.referralId, Object.assign(new ReferralSubject(), {
        id: r.id, name: r.name, description: r.description, libraryServiceId: r.libraryServiceId,
      })]));
      return ids.map((id) => byReferral.get(id) ?? null);
    }).load(referralId);
  }

  /** Every step of the referrals' history, oldest first. */
  transitions(ctx: { loaders: LoaderRegistry }, actor: Actor, referralId: string): Promise<ReferralTransition[]> {
    return loaderFor<ReferralTransition[]>(ctx, 'Referral.transitions', async (ids) => {
      const qb = accessibleQuery(this.db.manager, Referral, REFERRAL, actor);
      if (!qb) return ids.map(() => []);
      const a = qb.alias;
      const readable = qb.andWhere(`${a}.id IN (:...ids)`, { ids }).select(`${a}.id`);
      const rows = await this.db.getRepository(ReferralTransition).createQueryBuilder('t')
        .where(`t.referralId IN (${readable.getQuery()})`).setParameters(readable.getParameters())
        .orderBy('t.at', 'ASC').addOrderBy('t.id', 'ASC')
        .getMany();
      return groupByKey(ids, rows, (r) => r.referralId);
    }).load(referralId);
  }
}
