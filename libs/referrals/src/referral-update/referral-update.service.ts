import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, auditEach, findAccessible } from '../../../access/src/index.js';
import {
  BadInputError, type Connection, emptyConnection, type LoaderRegistry, loaderFor, type PageArgs, pageLoaderName, paginateEach,
} from '../../../common/src/index.js';
import { AuditAction, AuditService, DataProtection } from '../../../governance/src/index.js';
import { Referral } from '../referral/referral.entity.js';
import { ReferralStatus } from '../referral/referral.enums.js';
import type { AddReferralUpdateInput } from './dto/add-referral-update.args.js';
import { ReferralUpdate } from './referral-update.entity.js';

const TYPE = 'ReferralUpdate';

/** Messages on a referral between library and partner; personal data, so every read is audited. */
@Injectable()
export class ReferralUpdateService {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly audit: AuditService) {}

  /** Referral.updates: a page per referral, one batch of queries per request, oldest first, with the reader's rules. */
  forReferral(ctx: { loaders: LoaderRegistry }, actor: Actor, referralId: string, args: PageArgs): Promise<Connection<ReferralUpdate>> {
    return loaderFor<Connection<ReferralUpdate>>(ctx, pageLoaderName('Referral.updates', args), async (ids) => {
      const qb = accessibleQuery(this.db.manager, ReferralUpdate, TYPE, actor);
      if (!qb) return ids.map(() => emptyConnection());
      const a = qb.alias;
      const pages = await paginateEach(qb.andWhere(`${a}.referralId IN (:...ids)`, { ids }), 'referralId', ids, args, { property: 'createdAt', direction: 'ASC' });
      await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, pages.flatMap((p) => p.edges.map((e) => e.node)));
      return pages;
    }).load(referralId);
  }

  /**
   * Adds a message to a referral the author may read, once it has been sent (before that the
   * partner cannot see it). It inherits the referral's lawful basis and retention date.
   */
  async add(actor: Actor, args: AddReferralUpdateInput): Promise<ReferralUpdate> {
    const { libraryServiceId, partnerOrganisationId } = actor.principal;
    // Checked before the referral is looked up, so a user who may not write learns nothing about it.
    assertCan(actor, 'create', TYPE, { libraryServiceId, partnerOrganisationId });
    return this.db.transaction(async (m) => {
      const referral = await findAccessible(m, Referral, 'Referral', actor, args.referralId);
      assertCan(actor, 'create', TYPE, { libraryServiceId: referral.libraryServiceId, partnerOrganisationId: referral.partnerOrganisationId });
      if (referral.status === ReferralStatus.DRAFT) {
        throw new BadInputError(`Referral ${referral.id} is a DRAFT: send it before adding updates for the partner`, { field: 'referralId' });
      }
      const repo = m.getRepository(ReferralUpdate);
      const update = await repo.save(repo.create({
        libraryServiceId: referral.libraryServiceId,
        referralId: referral.id,
        partnerOrganisationId: referral.partnerOrganisationId,
        authorId: actor.principal.id,
        authorRole: actor.principal.role,
        body: args.body,
        dataProtection: Object.assign(new DataProtection(), {
          ...referral.dataProtection,
          criminalOffenceCondition: null,
        }),
      }));
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [update]);
      return update;
    });
  }
}
