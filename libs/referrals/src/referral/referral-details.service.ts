import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { groupByKey, type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
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
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scopes: AccessScopes,
  ) {}

  /** Name or description of the person referred, read from `subject` (those columns only); audited as a Subject read. */
  subject(ctx: { loaders: LoaderRegistry }, actor: Actor, referralId: string): Promise<ReferralSubject | null> {
    return loaderFor<ReferralSubject | null>(ctx, 'Referral.subject', async (ids) => {
      const rows = await this.scopes.of(actor).through<Referral, { name: string | null; description: string | null }>(Referral, REFERRAL, ids, {
        table: 'subject',
        on: (a) => `rel.id = ${a}.subject_id AND rel.library_service_id = ${a}.library_service_id`,
        columns: { name: 'name', description: 'description' },
        auditAs: 'Subject',
      });
      const byReferral = new Map(
        rows.map((r) => [
          r.parentId,
          Object.assign(new ReferralSubject(), {
            id: r.id,
            name: r.name,
            description: r.description,
            libraryServiceId: r.libraryServiceId,
          }),
        ]),
      );
      return ids.map((id) => byReferral.get(id) ?? null);
    }).load(referralId);
  }

  /** Every step of the referrals' history, oldest first. */
  transitions(ctx: { loaders: LoaderRegistry }, actor: Actor, referralId: string): Promise<ReferralTransition[]> {
    return loaderFor<ReferralTransition[]>(ctx, 'Referral.transitions', async (ids) => {
      const qb = this.db.getRepository(ReferralTransition).createQueryBuilder('t').where('t.referralId IN (:...ids)', { ids });
      if (!this.scopes.of(actor).onlyReadable(qb, 't.referral_id', Referral, REFERRAL)) return ids.map(() => []);
      const rows = await qb.orderBy('t.at', 'ASC').addOrderBy('t.id', 'ASC').getMany();
      return groupByKey(ids, rows, (r) => r.referralId);
    }).load(referralId);
  }
}
