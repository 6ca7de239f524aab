import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { BadInputError, type Connection, type LoaderRegistry, loaderFor, type PageArgs, pageLoaderName } from '../../../common/src/index.js';
import { AuditAction, DataProtection } from '../../../governance/src/index.js';
import { Referral } from '../referral/referral.entity.js';
import { ReferralStatus } from '../referral/referral.enums.js';
import type { AddReferralUpdateInput } from './dto/add-referral-update.args.js';
import { ReferralUpdate } from './referral-update.entity.js';

const TYPE = 'ReferralUpdate';

/** Messages on a referral between library and partner; personal data, so every read is audited. */
@Injectable()
export class ReferralUpdateService {
  constructor(private readonly scopes: AccessScopes) {}

  /** Referral.updates: a page per referral, one batch of queries per request, oldest first, with the reader's rules. */
  forReferral(ctx: { loaders: LoaderRegistry }, actor: Actor, referralId: string, args: PageArgs): Promise<Connection<ReferralUpdate>> {
    return loaderFor<Connection<ReferralUpdate>>(ctx, pageLoaderName('Referral.updates', args), (ids) =>
      this.scopes.of(actor).listEach(ReferralUpdate, TYPE, 'referralId', ids, args, { property: 'createdAt', direction: 'ASC' }),
    ).load(referralId);
  }

  /**
   * Adds a message to a referral the author may read, once it has been sent (before that the
   * partner cannot see it). It inherits the referral's lawful basis and retention date.
   */
  async add(actor: Actor, args: AddReferralUpdateInput): Promise<ReferralUpdate> {
    const { libraryServiceId, partnerOrganisationId } = actor.principal;
    // Checked before the referral is looked up, so a user who may not write learns nothing about it.
    const scope = this.scopes.of(actor);
    scope.assertCan('create', TYPE, { libraryServiceId, partnerOrganisationId });
    return scope.transaction(async (s, m) => {
      const referral = await s.reference(Referral, 'Referral', args.referralId);
      s.assertCan('create', TYPE, { libraryServiceId: referral.libraryServiceId, partnerOrganisationId: referral.partnerOrganisationId });
      if (referral.status === ReferralStatus.DRAFT) {
        throw new BadInputError(`Referral ${referral.id} is a DRAFT: send it before adding updates for the partner`, { field: 'referralId' });
      }
      const repo = m.getRepository(ReferralUpdate);
      const update = await repo.save(
        repo.create({
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
        }),
      );
      await s.audited(AuditAction.CREATE, TYPE, [update]);
      return update;
    });
  }
}
