import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessScopes, type Actor } from '../../../access/src/index.js';
import { AccessDeniedError, addYears, type Connection, ConflictError, groupByKey, type LoaderRegistry, loaderFor } from '../../../common/src/index.js';
import { EVENT_BUS, type EventBus, type LiveEventKind, publishCommitted } from '../../../events/src/index.js';
import { AuditAction, newDataProtection, retentionYearsFor } from '../../../governance/src/index.js';
import { assertBranchesInService } from '../../../tenancy/src/index.js';
import { Alarm, AlarmTimelineEntry, AlarmTimelineKind } from './alarm.entity.js';
import { draftIncidentOf, type StandDownAlarmPayload } from './draft-incident.js';
import type { AlarmsArgs, RaiseAlarmInput, StandDownAlarmInput } from './dto/alarm.input.js';
import type { VersionedIdInput } from '../../../common/src/index.js';

export const ALARM = 'Alarm';

/**
 * Alarms: raised, acknowledged, stood down. Each step is a timeline row and an audit row (CREATE
 * for the raise, UPDATE for the others), committed together; the event that tells subscribers to
 * look is published after the commit (identifiers only). Every read is audited like an incident's.
 */
@Injectable()
export class AlarmService {
  constructor(
    private readonly scopes: AccessScopes,
    // Absent where no app runs (the demo story builds its services by hand): nothing to tell.
    @Optional() @Inject(EVENT_BUS) private readonly bus?: EventBus,
  ) {}

  list(actor: Actor, args: AlarmsArgs): Promise<Connection<Alarm>> {
    const { branchIds, active } = args.filter ?? {};
    return this.scopes.of(actor).list(Alarm, ALARM, args, { property: 'raisedAt', direction: 'DESC' }, (qb, a) => {
      if (branchIds) qb.andWhere(branchIds.length ? `${a}.branchId IN (:...fBranchIds)` : 'FALSE', { fBranchIds: branchIds });
      if (active === true) qb.andWhere(`${a}.stoodDownAt IS NULL`);
      if (active === false) qb.andWhere(`${a}.stoodDownAt IS NOT NULL`);
    });
  }

  get(actor: Actor, id: string): Promise<Alarm> {
    return this.scopes.of(actor).find(Alarm, ALARM, id);
  }

  async raise(actor: Actor, input: RaiseAlarmInput): Promise<Alarm> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    if (!scope.can('create', ALARM, { libraryServiceId, branchId: input.branchId })) {
      throw new AccessDeniedError('You may not raise an alarm at this branch (staff raise alarms at the branches they work at)');
    }
    const alarm = await scope.transaction(async (s, m) => {
      await assertBranchesInService(m, [input.branchId], libraryServiceId);
      const years = await retentionYearsFor(m, libraryServiceId, 'INCIDENT');
      const repo = m.getRepository(Alarm);
      const { id } = await repo.save(
        repo.create({
          libraryServiceId,
          branchId: input.branchId,
          codeword: input.codeword ?? null,
          locationInBuilding: input.locationInBuilding ?? null,
          raisedById: actor.principal.id,
          stoodDownAt: null,
          stoodDownById: null,
          falseAlarm: false,
          // The incident's bases and retention: an alarm is the first record of what may become one.
          dataProtection: newDataProtection('ALARM', undefined, addYears(new Date(), years)),
        }),
      );
      const saved = await repo.findOneByOrFail({ id });
      await this.step(m, libraryServiceId, id, AlarmTimelineKind.RAISED, actor.principal.id, saved.raisedAt);
      await s.audited(AuditAction.CREATE, ALARM, [saved]);
      return saved;
    });
    await this.publish('ALARM_RAISED', alarm);
    return alarm;
  }

  /**
   * "Seen, on my way": anyone who may read the alarm and acknowledge it (alarms.rules.ts: staff of
   * the branch, managers, outreach workers, partners named for the branch), once each, while it is
   * active. The alarm itself does not change (its version stays), so many may acknowledge at once.
   */
  async acknowledge(actor: Actor, input: VersionedIdInput): Promise<Alarm> {
    const scope = this.scopes.of(actor);
    if (!actor.ability.can('transition', ALARM)) throw new AccessDeniedError('You may read alarms but not acknowledge them');
    const alarm = await scope.transaction(async (s, m) => {
      // Read and acknowledge both decided in SQL: a partner's rule is a fact of the agreements.
      const alarm = await s.forWrite(Alarm, ALARM, input.id, 'read', input.version, { alsoAllowed: 'transition' });
      if (alarm.stoodDownAt) throw new ConflictError('This alarm has been stood down: there is nothing to acknowledge');
      const [done] = await m.query(`SELECT 1 FROM alarm_timeline_entry WHERE alarm_id = $1 AND by_id = $2 AND kind = 'ACKNOWLEDGED'`, [
        alarm.id,
        actor.principal.id,
      ]);
      if (done) throw new ConflictError('You have already acknowledged this alarm');
      await this.step(m, alarm.libraryServiceId, alarm.id, AlarmTimelineKind.ACKNOWLEDGED, actor.principal.id);
      await s.audited(AuditAction.UPDATE, ALARM, [alarm]);
      return alarm;
    });
    await this.publish('ALARM_CHANGED', alarm);
    return alarm;
  }

  /** Ends the alarm; the answer offers the incident to record (none for a false alarm). */
  async standDown(actor: Actor, input: StandDownAlarmInput): Promise<StandDownAlarmPayload> {
    const scope = this.scopes.of(actor);
    const alarm = await scope.transaction(async (s, m) => {
      const alarm = await s.forWrite(Alarm, ALARM, input.id, 'update', input.version);
      if (alarm.stoodDownAt) throw new ConflictError('This alarm has already been stood down');
      const [{ now }] = await m.query(`SELECT greatest(clock_timestamp(), $1::timestamptz) AS now`, [alarm.raisedAt]);
      alarm.stoodDownAt = new Date(now);
      alarm.stoodDownById = actor.principal.id;
      alarm.falseAlarm = input.falseAlarm ?? false;
      const saved = await m.getRepository(Alarm).save(alarm);
      await this.step(m, alarm.libraryServiceId, alarm.id, AlarmTimelineKind.STOOD_DOWN, actor.principal.id, alarm.stoodDownAt);
      await s.audited(AuditAction.UPDATE, ALARM, [saved]);
      return saved;
    });
    await this.publish('ALARM_CHANGED', alarm);
    return { alarm, draftIncident: draftIncidentOf(alarm) };
  }

  /** One timeline row; raising and standing down take the alarm's own time, so the two always agree. */
  private async step(m: EntityManager, libraryServiceId: string, alarmId: string, kind: AlarmTimelineKind, byId: string, at?: Date): Promise<void> {
    await m.query(
      `INSERT INTO alarm_timeline_entry (library_service_id, alarm_id, kind, by_id, at) VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, clock_timestamp()))`,
      [libraryServiceId, alarmId, kind, byId, at ?? null],
    );
  }

  /**
   * The timeline of an alarm already read through the rules (a part of it, like Ban.transitions),
   * for the `timeline` field: one query for every alarm of the request (or of one live delivery).
   */
  timeline(ctx: { loaders: LoaderRegistry }, actor: Actor, alarmId: string): Promise<AlarmTimelineEntry[]> {
    return loaderFor<AlarmTimelineEntry[]>(ctx, 'Alarm.timeline', async (ids) => {
      const rows = await this.scopes
        .of(actor)
        .manager.getRepository(AlarmTimelineEntry)
        .createQueryBuilder('t')
        .where('t.alarmId IN (:...ids)', { ids: [...ids] })
        .orderBy('t.at')
        .addOrderBy('t.id')
        .getMany();
      return groupByKey(ids, rows, (r) => r.alarmId);
    }).load(alarmId);
  }

  /** After the commit: a subscriber that looks finds the change. */
  private publish(kind: LiveEventKind, alarm: Alarm): Promise<void> {
    return publishCommitted(this.bus, { kind, libraryServiceId: alarm.libraryServiceId, id: alarm.id, branchId: alarm.branchId });
  }
}
