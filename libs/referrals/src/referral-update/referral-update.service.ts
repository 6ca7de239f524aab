import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AccessScope, AccessScopes, type Actor } from '../../../access/src/index.js';
import { AccessDeniedError, BadInputError, type Connection, type LoaderRegistry, loaderFor, type PageArgs, pageLoaderName } from '../../../common/src/index.js';
import { AuditAction, DataProtection } from '../../../governance/src/index.js';
import { assertAnswerOfRecipient, planOnBehalf } from '../on-behalf/on-behalf.rules.js';
import type { OnBehalfColumns } from '../on-behalf/recorded-on-behalf.js';
import { Referral } from '../referral/referral.entity.js';
import { ReferralStatus } from '../referral/referral.enums.js';
import type { AddReferralUpdateInput, AddReferralUpdateOnBehalfInput } from './dto/add-referral-update.args.js';
import { ReferralUpdate } from './referral-update.entity.js';

const TYPE = 'ReferralUpdate';
const REFERRAL = 'Referral';

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
      const referral = await s.reference(Referral, REFERRAL, args.referralId);
      s.assertCan('create', TYPE, { libraryServiceId: referral.libraryServiceId, partnerOrganisationId: referral.partnerOrganisationId });
      return this.write(s, m, referral, args.body, null);
    });
  }

  /**
   * A message the receiving partner gave outside the app, recorded by the referring worker or a
   * manager of its service (`recordOnBehalf` on the referral, referrals.rules.ts): the partner
   * organisation's message, written by the library user, with who answered, how and when (not
   * before the referral was sent). Partner users write their own messages with `add`.
   */
  async addOnBehalf(actor: Actor, args: AddReferralUpdateOnBehalfInput): Promise<ReferralUpdate> {
    const scope = this.scopes.of(actor);
    // Checked before the referral is looked up, so a user who may never record on behalf learns nothing about it.
    scope.assertCan('recordOnBehalf', REFERRAL, { libraryServiceId: actor.principal.libraryServiceId, referredById: actor.principal.id });
    return scope.transaction(async (s, m) => {
      const referral = await s.reference(Referral, REFERRAL, args.referralId);
      s.assertCan('recordOnBehalf', REFERRAL, referral);
      if (!s.can('recordOnBehalf', REFERRAL, referral, TYPE))
        throw new AccessDeniedError(`You may not record a message on the partner’s behalf on this referral`);
      assertAnswerOfRecipient(args.onBehalf, referral);
      this.assertSent(referral);
      return this.write(s, m, referral, args.body, planOnBehalf(args.onBehalf, referral, { sinceCurrentStep: false }));
    });
  }

  private assertSent(referral: Referral): void {
    if (referral.status === ReferralStatus.DRAFT) {
      throw new BadInputError(`Referral ${referral.id} is a DRAFT: send it before adding updates for the partner`, { field: 'referralId' });
    }
  }

  private async write(s: AccessScope, m: EntityManager, referral: Referral, body: string, onBehalf: OnBehalfColumns | null): Promise<ReferralUpdate> {
    this.assertSent(referral);
    const repo = m.getRepository(ReferralUpdate);
    const update = await repo.save(
      repo.create({
        libraryServiceId: referral.libraryServiceId,
        referralId: referral.id,
        partnerOrganisationId: referral.partnerOrganisationId,
        authorId: s.principal.id,
        authorRole: s.principal.role,
        body,
        dataProtection: Object.assign(new DataProtection(), {
          ...referral.dataProtection,
          criminalOffenceCondition: null,
        }),
        ...(onBehalf ?? {}),
      }),
    );
    await s.audited(AuditAction.CREATE, TYPE, [update]);
    return update;
  }
}
