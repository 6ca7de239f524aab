import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { accessibleQuery, type Actor, assertCan, findAccessible, findForWrite, auditEach, loadAccessible } from '../../../access/src/index.js';
import { BadInputError, type Connection, ConflictError, emptyConnection, paginate, assignGiven, isNotInFuture, whereIn, type LoaderRegistry } from '../../../common/src/index.js';
import { AuditAction, AuditService, retainUntilFor, newDataProtection, updateDataProtection } from '../../../governance/src/index.js';
import { PartnerOrganisation } from '../partner-organisation/partner-organisation.entity.js';
import { PartnerStatus } from '../partner-organisation/partner-status.enum.js';
import { ContactLog } from './contact-log.entity.js';
import type { ContactLogsArgs } from './dto/contact-log-filter.input.js';
import type { CreateContactLogInput } from './dto/create-contact-log.input.js';
import type { UpdateContactLogInput } from './dto/update-contact-log.input.js';
import { FollowUpActionService } from './follow-up-action.service.js';
import { assertBranchInService } from './references.js';

const TYPE = 'ContactLog';

/** Also enforced here, not only by the input's validator, so callers other than GraphQL keep the rule. */
function assertNotInFuture(occurredAt: Date): void {
  if (!isNotInFuture(occurredAt)) throw new BadInputError('occurredAt must be a date and time that is not in the future', { field: 'occurredAt' });
}

/** Contact logs are personal data: every read writes one READ audit row per log returned. */
@Injectable()
export class ContactLogService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly followUps: FollowUpActionService,
  ) {}

  async list(actor: Actor, args: ContactLogsArgs): Promise<Connection<ContactLog>> {
    const qb = accessibleQuery(this.db.manager, ContactLog, TYPE, actor);
    if (!qb) return emptyConnection();
    const a = qb.alias;
    qb.andWhere(`${a}.archivedAt IS NULL`);
    const { partnerOrganisationId, branchIds, from, to } = args.filter ?? {};
    if (partnerOrganisationId) qb.andWhere(`${a}.partnerOrganisationId = :partnerOrganisationId`, { partnerOrganisationId });
    whereIn(qb, `${a}.branchId`, 'fBranchIds', branchIds);
    if (from) qb.andWhere(`${a}.occurredAt >= :from`, { from });
    if (to) qb.andWhere(`${a}.occurredAt <= :to`, { to });
    const page = await paginate(qb, args, { property: 'occurredAt', direction: 'DESC' });
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, page.edges.map((e) => e.node));
    return page;
  }

  async get(actor: Actor, id: string): Promise<ContactLog> {
    const log = await findAccessible(this.db.manager, ContactLog, TYPE, actor, id);
    await auditEach(this.audit, this.db.manager, actor, AuditAction.READ, TYPE, [log]);
    return log;
  }

  /** For FollowUpAction.contactLog: one query per request, with the reader's rules; null when not readable. Audited. */
  byId(ctx: { loaders: LoaderRegistry }, actor: Actor, id: string): Promise<ContactLog | null> {
    return loadAccessible(ctx, this.db.manager, actor, ContactLog, TYPE, id, { audit: this.audit });
  }

  async create(actor: Actor, input: CreateContactLogInput): Promise<ContactLog> {
    const libraryServiceId = actor.principal.libraryServiceId;
    assertCan(actor, 'create', TYPE, { libraryServiceId, partnerOrganisationId: input.partnerOrganisationId });
    if (input.followUpActions?.length) assertCan(actor, 'create', 'FollowUpAction', { libraryServiceId });
    assertNotInFuture(input.occurredAt);
    return this.db.transaction(async (m) => {
      const org = await findAccessible(m, PartnerOrganisation, 'PartnerOrganisation', actor, input.partnerOrganisationId);
      if (org.status === PartnerStatus.ARCHIVED) throw new BadInputError(`PartnerOrganisation ${org.id} is archived: log contacts with an active organisation`);
      if (input.branchId) await assertBranchInService(m, input.branchId, org.libraryServiceId);
      const repo = m.getRepository(ContactLog);
      const log = await repo.save(repo.create({
        libraryServiceId: org.libraryServiceId,
        partnerOrganisationId: org.id,
        branchId: input.branchId ?? null,
        occurredAt: input.occurredAt,
        channel: input.channel,
        summary: input.summary,
        attendees: input.attendees ?? null,
        recordedById: actor.principal.id,
        archivedAt: null,
        dataProtection: newDataProtection(input.dataProtection, await retainUntilFor(m, org.libraryServiceId, 'CONTACT_LOG', input.occurredAt)),
      }));
      await auditEach(this.audit, m, actor, AuditAction.CREATE, TYPE, [log]);
      await this.followUps.createMany(m, actor, log, input.followUpActions ?? []);
      return log;
    });
  }

  async update(actor: Actor, input: UpdateContactLogInput): Promise<ContactLog> {
    if (input.occurredAt) assertNotInFuture(input.occurredAt);
    return this.db.transaction(async (m) => {
      const log = await findForWrite(m, ContactLog, TYPE, actor, input.id, 'update', input.version);
      if (log.archivedAt) throw new ConflictError(`${TYPE} ${log.id} is archived and can no longer be changed`);
      if (input.branchId) await assertBranchInService(m, input.branchId, log.libraryServiceId);
      assignGiven(log, input, ['branchId', 'occurredAt', 'channel', 'summary', 'attendees']);
      // The retention clock runs from when the contact happened.
      updateDataProtection(log.dataProtection, input.dataProtection, await retainUntilFor(m, log.libraryServiceId, 'CONTACT_LOG', log.occurredAt));
      const saved = await m.getRepository(ContactLog).save(log);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  async archive(actor: Actor, id: string, version: number): Promise<ContactLog> {
    return this.db.transaction(async (m) => {
      const log = await findForWrite(m, ContactLog, TYPE, actor, id, 'archive', version);
      if (log.archivedAt) throw new ConflictError(`${TYPE} ${id} is already archived`);
      log.archivedAt = new Date();
      const saved = await m.getRepository(ContactLog).save(log);
      await auditEach(this.audit, m, actor, AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }
}
