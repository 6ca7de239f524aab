import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AccessScope, AccessScopes, type Actor, INCIDENT_RECORD_FIELDS } from '../../../access/src/index.js';
import { AccessDeniedError, assignGiven, BadInputError, calendarDate, type Connection } from '../../../common/src/index.js';
import {
  AuditAction,
  type AuditActor,
  type DataProtectionInput,
  newDataProtection,
  retentionYearsFor,
  updateDataProtection,
} from '../../../governance/src/index.js';
import type { IncidentsArgs } from './dto/incident-filter.input.js';
import type { IncidentEvidenceInput, IncidentPersonInput } from './dto/incident-parts.input.js';
import type { RecordIncidentInput } from './dto/record-incident.input.js';
import type { UpdateIncidentInput } from './dto/update-incident.input.js';
import { criminalOffenceConditionFor, defaultReportedAt, incidentRetainUntil, incidentTimeProblems } from './incident.checks.js';
import { Incident } from './incident.entity.js';
import { insertIncident } from './incident-insert.js';
import { assertSubjectsInService, assertUsersInService } from './references.js';
import { assertBranchesInService } from '../../../tenancy/src/index.js';
import { EVENT_BUS, type EventBus, publishCommitted } from '../../../events/src/index.js';

const TYPE = 'Incident';

/** Input field → the field name the access rules use (child lists are named as on the GraphQL type). */
const RULE_FIELD: Record<string, string> = { staffInvolvedIds: 'staffInvolved' };

/** Incidents are personal data: every read writes one READ audit row per incident returned. */
@Injectable()
export class IncidentService {
  constructor(
    private readonly scopes: AccessScopes,
    // Absent where no app runs (the demo story): nobody is watching.
    @Optional() @Inject(EVENT_BUS) private readonly bus?: EventBus,
  ) {}

  list(actor: Actor, args: IncidentsArgs): Promise<Connection<Incident>> {
    const { branchIds, categories, severities, from, to, subjectId, reportedToPolice } = args.filter ?? {};
    return this.scopes.of(actor).list(Incident, TYPE, args, { property: 'occurredAt', direction: 'DESC' }, (qb, a) => {
      if (branchIds) qb.andWhere(branchIds.length ? `${a}.branchId IN (:...fBranchIds)` : 'FALSE', { fBranchIds: branchIds });
      if (categories) qb.andWhere(categories.length ? `${a}.category IN (:...fCategories)` : 'FALSE', { fCategories: categories });
      if (severities) qb.andWhere(severities.length ? `${a}.severity IN (:...fSeverities)` : 'FALSE', { fSeverities: severities });
      if (from) qb.andWhere(`${a}.occurredAt >= :fFrom`, { fFrom: from });
      if (to) qb.andWhere(`${a}.occurredAt <= :fTo`, { fTo: to });
      if (reportedToPolice !== undefined && reportedToPolice !== null) qb.andWhere(`${a}.reportedToPolice = :fPolice`, { fPolice: reportedToPolice });
      // EXISTS, not a join: a person in two parts must not list the incident twice.
      if (subjectId)
        qb.andWhere(`EXISTS (SELECT 1 FROM incident_subject fis WHERE fis.incident_id = ${a}.id AND fis.subject_id = :fSubjectId)`, { fSubjectId: subjectId });
    });
  }

  get(actor: Actor, id: string): Promise<Incident> {
    return this.scopes.of(actor).find(Incident, TYPE, id);
  }

  /** Only when, where, what kind and what happened are required; the rest may follow. */
  async record(actor: Actor, input: RecordIncidentInput): Promise<Incident> {
    const scope = this.scopes.of(actor);
    const libraryServiceId = actor.principal.libraryServiceId;
    const historic = input.historic ?? false;
    if (!scope.can('create', TYPE, { libraryServiceId, branchId: input.branchId })) {
      throw new AccessDeniedError('You may not record an incident at this branch (staff record incidents at their own branches)');
    }
    if (historic && !scope.can('create', TYPE, { libraryServiceId, branchId: input.branchId, historic })) {
      throw new AccessDeniedError('Only a manager may record a historic incident (one entered after the fact from paper records)');
    }
    const reportedAt = input.reportedAt ?? defaultReportedAt(input.occurredAt);
    assertTimes(input.occurredAt, reportedAt);
    const reportedToPolice = input.reportedToPolice ?? Boolean(input.crimeReferenceNumber);
    assertPolice(reportedToPolice, input.crimeReferenceNumber ?? null, input.dataProtection);
    const recorded = await this.write(scope, actor, input, reportedAt, reportedToPolice);
    // After the commit, identifiers only: the incidentRecorded subscribers read it through their own rules.
    await publishCommitted(this.bus, { kind: 'INCIDENT_RECORDED', libraryServiceId, id: recorded.id, branchId: recorded.branchId });
    return recorded;
  }

  /**
   * The insert and its audit row, in as few statements as the input allows. The branch and
   * keep-until checks are part of the insert (insertIncident); when it writes nothing, or the
   * record cannot even be built (its data protection input), the checks run as queries, in the
   * order they always ran, so the answer is the error it always was.
   */
  private async write(scope: AccessScope, actor: Actor, input: RecordIncidentInput, reportedAt: Date, reportedToPolice: boolean): Promise<Incident> {
    const libraryServiceId = actor.principal.libraryServiceId;
    const essentials = !input.staffInvolvedIds?.length && !input.people?.length && !input.evidence?.length;
    if (essentials) {
      // What a desk records: one statement, the incident and its CREATE audit row together.
      let built: Incident;
      let audit: AuditActor;
      try {
        built = this.newIncident(actor, input, reportedAt, reportedToPolice);
        audit = scope.auditedInStatement(1);
      } catch (err) {
        await this.assertRecordable(scope.manager, input, libraryServiceId);
        throw err;
      }
      return (await insertIncident(scope.manager, built, calendarDate(), audit)) ?? this.refused(scope.manager, input, libraryServiceId);
    }
    return scope.transaction(async (s, m) => {
      let built: Incident;
      try {
        built = this.newIncident(actor, input, reportedAt, reportedToPolice);
      } catch (err) {
        await this.assertRecordable(m, input, libraryServiceId);
        await assertUsersInService(m, input.staffInvolvedIds ?? [], libraryServiceId, 'staffInvolvedIds');
        await this.assertPeople(s, input.people ?? []);
        throw err;
      }
      const incident = (await insertIncident(m, built, calendarDate())) ?? (await this.refused(m, input, libraryServiceId));
      await assertUsersInService(m, input.staffInvolvedIds ?? [], libraryServiceId, 'staffInvolvedIds');
      await this.assertPeople(s, input.people ?? []);
      // A new incident has no staff to remove: only the insert.
      await this.addStaff(m, incident, input.staffInvolvedIds ?? []);
      await this.insertPeople(s, incident, input.people ?? []);
      await this.insertEvidence(s, incident, input.evidence ?? []);
      await s.audited(AuditAction.CREATE, TYPE, [incident]);
      return incident;
    });
  }

  /** The insert wrote nothing: the checks say why. */
  private async refused(m: EntityManager, input: RecordIncidentInput, libraryServiceId: string): Promise<never> {
    await this.assertRecordable(m, input, libraryServiceId);
    throw new Error('The incident was not recorded, yet its branch and keep-until date pass the checks');
  }

  /** The incident as recorded, before the database gives it an id and its keep-until date (insertIncident). */
  private newIncident(actor: Actor, input: RecordIncidentInput, reportedAt: Date, reportedToPolice: boolean): Incident {
    return Object.assign(new Incident(), {
      libraryServiceId: actor.principal.libraryServiceId,
      branchId: input.branchId,
      occurredAt: input.occurredAt,
      reportedAt,
      locationInBuilding: input.locationInBuilding ?? null,
      category: input.category,
      severity: input.severity ?? null,
      byelawsBreached: input.byelawsBreached ?? [],
      byelawDetails: input.byelawDetails ?? null,
      description: input.description,
      actionsTaken: input.actionsTaken ?? null,
      reportedToPolice,
      crimeReferenceNumber: input.crimeReferenceNumber ?? null,
      recordedById: actor.principal.id,
      historic: input.historic ?? false,
      debriefHeldAt: null,
      debriefHeldById: null,
      debriefNotes: null,
      dataProtection: newDataProtection(
        'INCIDENT',
        {
          ...input.dataProtection,
          criminalOffenceCondition: criminalOffenceConditionFor(input.crimeReferenceNumber, input.dataProtection?.criminalOffenceCondition) ?? undefined,
        },
        // Set by the insert, from the service's policy.
        '',
      ),
    });
  }

  /** Why an incident cannot be recorded: its branch is not the service's, or (historic, not on legal hold) its keep-until date has passed. */
  private async assertRecordable(m: EntityManager, input: RecordIncidentInput, libraryServiceId: string): Promise<void> {
    await assertBranchesInService(m, [input.branchId], libraryServiceId);
    const years = await retentionYearsFor(m, libraryServiceId, 'INCIDENT');
    const retainUntil = incidentRetainUntil(input.occurredAt, years);
    if (input.historic && retainUntil < calendarDate() && !input.dataProtection?.legalHold) {
      throw new BadInputError(
        `Its keep-until date (${retainUntil}, ${years} years after occurredAt) has already passed: the retention sweep would delete it at once. Record it only if it must be kept, on legal hold (dataProtection.legalHold)`,
        { retainUntil },
      );
    }
  }

  async update(actor: Actor, input: UpdateIncidentInput): Promise<Incident> {
    const given = Object.keys(input).filter((k) => k !== 'id' && k !== 'version' && (input as unknown as Record<string, unknown>)[k] !== undefined);
    if (!given.length) throw new BadInputError('Nothing to change: give at least one field besides id and version');
    return this.scopes.of(actor).transaction(async (s, m) => {
      const incident = await s.forWrite(Incident, TYPE, input.id, 'update', input.version);
      s.assertCanChangeFields(
        'update',
        TYPE,
        incident,
        given.map((k) => RULE_FIELD[k] ?? k),
      );
      if (input.branchId !== undefined && input.branchId !== incident.branchId) {
        await assertBranchesInService(m, [input.branchId], incident.libraryServiceId);
        if (!s.can('update', TYPE, { ...incident, branchId: input.branchId })) {
          throw new AccessDeniedError('You may not move this incident to that branch (staff record incidents at their own branches)');
        }
      }
      assignGiven(incident, input, INCIDENT_RECORD_FIELDS as (keyof UpdateIncidentInput & keyof Incident)[]);
      assertTimes(incident.occurredAt, incident.reportedAt);
      assertPolice(incident.reportedToPolice, incident.crimeReferenceNumber, input.dataProtection);
      updateDataProtection(
        'INCIDENT',
        incident.dataProtection,
        input.dataProtection,
        incidentRetainUntil(incident.occurredAt, await retentionYearsFor(m, incident.libraryServiceId, 'INCIDENT')),
      );
      incident.dataProtection.criminalOffenceCondition = criminalOffenceConditionFor(
        incident.crimeReferenceNumber,
        incident.dataProtection.criminalOffenceCondition,
      );
      if (input.staffInvolvedIds) {
        await assertUsersInService(m, input.staffInvolvedIds, incident.libraryServiceId, 'staffInvolvedIds');
        await this.replaceStaff(m, incident, input.staffInvolvedIds);
      }
      incident.updatedAt = new Date(); // every accepted update gets a new version, even one that changes only the staff list
      const saved = await m.getRepository(Incident).save(incident);
      await s.audited(AuditAction.UPDATE, TYPE, [saved]);
      return saved;
    });
  }

  /** Staff involved: replaces the set (inside the caller's transaction). */
  async replaceStaff(m: EntityManager, incident: Incident, userIds: string[]): Promise<void> {
    await m.query('DELETE FROM incident_staff WHERE incident_id = $1 AND NOT (user_id = ANY($2::uuid[]))', [incident.id, userIds]);
    await this.addStaff(m, incident, userIds);
  }

  async addStaff(m: EntityManager, incident: Incident, userIds: string[]): Promise<void> {
    if (!userIds.length) return;
    await m.query(
      `INSERT INTO incident_staff (incident_id, user_id, library_service_id) SELECT $1, u, $2 FROM unnest($3::uuid[]) AS u ON CONFLICT DO NOTHING`,
      [incident.id, incident.libraryServiceId, userIds],
    );
  }

  async assertPeople(s: AccessScope, people: IncidentPersonInput[]): Promise<void> {
    const keys = people.map((p) => `${p.subjectId}/${p.part}`);
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (repeated.length) throw new BadInputError(`people lists the same person in the same part twice: ${[...new Set(repeated)].join(', ')}`);
    await assertSubjectsInService(
      s,
      people.map((p) => p.subjectId),
    );
  }

  // One row at a time, on purpose: a list reads back in the order it was given (created_at, stamped
  // per row by clock_timestamp()), and the embedded database's clock can give rows of one statement the same time.
  async insertPeople(s: AccessScope, incident: Incident, people: IncidentPersonInput[]): Promise<void> {
    for (const p of people) {
      await s.manager.query(
        `INSERT INTO incident_subject (incident_id, subject_id, part, library_service_id, notes, added_by_id) VALUES ($1, $2, $3, $4, $5, $6)`,
        [incident.id, p.subjectId, p.part, incident.libraryServiceId, p.notes ?? null, s.principal.id],
      );
    }
  }

  async insertEvidence(s: AccessScope, incident: Incident, evidence: IncidentEvidenceInput[]): Promise<void> {
    for (const e of evidence) {
      await s.manager.query(`INSERT INTO incident_evidence (library_service_id, incident_id, kind, reference, added_by_id) VALUES ($1, $2, $3, $4, $5)`, [
        incident.libraryServiceId,
        incident.id,
        e.kind,
        e.reference,
        s.principal.id,
      ]);
    }
  }
}

function assertTimes(occurredAt: Date, reportedAt: Date): void {
  const problems = incidentTimeProblems(occurredAt, reportedAt);
  if (problems.length) throw new BadInputError(problems.join('; '), { problems });
}

/** A crime reference comes from reporting to the police, and makes the record criminal offence data. */
function assertPolice(reportedToPolice: boolean, crimeReferenceNumber: string | null, dp: DataProtectionInput | undefined): void {
  if (crimeReferenceNumber && !reportedToPolice) {
    throw new BadInputError('crimeReferenceNumber needs reportedToPolice: true (a crime reference comes from reporting to the police)');
  }
  if (crimeReferenceNumber && dp && dp.criminalOffenceCondition === null) {
    throw new BadInputError('criminalOffenceCondition cannot be cleared: an incident with a crime reference is criminal offence data');
  }
}
