import { Injectable } from '@nestjs/common';
import { AccessScopes, type Actor, loadAccessible } from '../../../access/src/index.js';
import { BadInputError, type Connection, ConflictError, assignGiven, isNotInFuture, whereIn, type LoaderRegistry } from '../../../common/src/index.js';
import { AuditAction, retainUntilFor, newDataProtection, updateDataProtection } from '../../../governance/src/index.js';
import { PartnerOrganisation } from '../partner-organisation/partner-organisation.entity.js';
import { PartnerStatus } from '../partner-organisation/partner-status.enum.js';
import { ContactLog } from './contact-log.entity.js';
import type { ContactLogsArgs } from './dto/contact-log-filter.input.js';
import type { CreateContactLogInput } from './dto/create-contact-log.input.js';
import type { UpdateContactLogInput } from './dto/update-contact-log.input.js';
import { FollowUpActionService } from './follow-up-action.service.js';
import { assertBranchesInService } from '../../../tenancy/src/index.js';

const TYPE = 'ContactLog';

/** Also enforced here, not only by the input's validator, so callers other than GraphQL keep the rule. */
function assertNotInFuture(occurredAt: Date): void {
  if (!isNotInFuture(occurredAt)) throw new BadInputError('occurredAt must be a date and time that is not in the future', { field: 'occurredAt' });
}

/** Contact logs are personal data: every read writes one READ audit row per log returned. */
@Injectable()
export class ContactLogService {
  constructor(
    private readonly scopes: AccessScopes,
    private readonly followUps: FollowUpActionService,
  ) {}

  list(actor: Actor, args: ContactLogsArgs): Promise<Connection<ContactLog>> {
    const { partnerOrganisationId, branchIds, from, to } = args.filter ?? {};
    return this.scopes.of(actor).list(ContactLog, TYPE, args, { property: 'occurredAt', direction: 'DESC' }, (qb, a) => {
      qb.andWhere(`${a}.archivedAt IS NULL`);
      if (partnerOrganisationId) qb.andWhere(`${a}.partnerOrganisationId = :partnerOrganisationId`, { partnerOrganisationId });
      whereIn(qb, `${a}.branchId`, 'fBranchIds', branchIds);
      if (from) qb.andWhere(`${a}.occurredAt >= :from`, { from });
      if (to) qb.andWhere(`${a}.occurredAt <= :to`, { to });
    });
  }

  get(actor: Actor, id: string): Promise<ContactLog> {
    return this.scopes.of(actor).find(ContactLog, TYPE, id);
  }

  /** For FollowUpAction.contactLog: one query per request, with the reader's rules; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<ContactLog | null> {
    return loadAccessible(ctx, this.scopes.of(actor), ContactLog, TYPE, id);
  }

  async create(actor: Actor, input: CreateContactLogInput): Promise<ContactLog> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    scope.assertCan('create', TYPE, { libraryServiceId, partnerOrganisationId: input.partnerOrganisationId });
    if (input.followUpActions?.length) scope.assertCan('create', 'FollowUpAction', { libraryServiceId });
    assertNotInFuture(input.occurredAt);
    return scope.transaction(async (s, m) => {
      const org = await s.reference(PartnerOrganisation, 'PartnerOrganisation', input.partnerOrganisationId);
      if (org.status === PartnerStatus.ARCHIVED) throw new BadInputError(`PartnerOrganisation ${org.id} is archived: log contacts with an active organisation`);
      if (input.branchId) await assertBranchesInService(m, [input.branchId], org.libraryServiceId);
      const repo = m.getRepository(ContactLog);
      const log = await repo.save(
        repo.create({
          libraryServiceId: org.libraryServiceId,
          partnerOrganisationId: org.id,
          branchId: input.branchId ?? null,
          occurredAt: input.occurredAt,
          channel: input.channel,
          summary: input.summary,
          attendees: input.attendees ?? null,
          recordedById: actor.principal.id,
          archivedAt: null,
          dataProtection: newDataProtection(
            'CONTACT_LOG',
            input.dataProtection,
            await retainUntilFor(m, org.libraryServiceId, 'CONTACT_LOG', input.occurredAt),
          ),
        }),
      );
      await s.audited(AuditAction.CREATE, TYPE, [log]);
      await this.followUps.createMany(s, log, input.followUpActions ?? []);
      return log;
    });
  }

  async update(actor: Actor, input: UpdateContactLogInput): Promise<ContactLog> {
    if (input.occurredAt) assertNotInFuture(input.occurredAt);
    return this.scopes.of(actor).transaction(async (s, m) => {
      const log = await s.forWrite(ContactLog, TYPE, input.id, 'update', input.version);
      if (log.archivedAt) throw new ConflictError(`${TYPE} ${log.id} is archived and can no longer be changed`);
      if (input.branchId) await assertBranchesInService(m, [input.branchId], log.libraryServiceId);
      assignGiven(log, input, ['branchId', 'occurredAt', 'channel', 'summary', 'attendees']);
      // The retention clock runs from when the contact happened.
      updateDataProtection(
        'CONTACT_LOG',
        log.dataProtection,
        input.dataProtection,
        await retainUntilFor(m, log.libraryServiceId, 'CONTACT_LOG', log.occurredAt),
      );
      const saved = await m.getRepository(ContactLog).save(log);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async archive(actor: Actor, id: string, version: number): Promise<ContactLog> {
    return this.scopes.of(actor).transaction(async (s, m) => {
      const log = await s.forWrite(ContactLog, TYPE, id, 'archive', version);
      if (log.archivedAt) throw new ConflictError(`${TYPE} ${id} is already archived`);
      log.archivedAt = new Date();
      const saved = await m.getRepository(ContactLog).save(log);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
