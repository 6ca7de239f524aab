import { randomUUID } from 'node:crypto';
import { GraphQLSchemaHost, TypeMetadataStorage } from '@nestjs/graphql';
import { getMetadataStorage } from 'class-validator';
import {
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  getNamedType,
  isObjectType,
} from 'graphql';
import {
  createAgreement,
  createIntelligence,
  createReferral,
  createRestriction,
  createSubject,
  createUser,
  demoServiceId,
  isoDaysFromNow,
  userId,
} from './support/builders.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/*
 * Bad input to every mutation of the running schema (a new mutation is covered without anyone
 * listing it). For each, a valid-looking input is built from its input type: the required fields,
 * real demo records for the ids, the record's current version; the last test shows that nearly
 * all of these are accepted as they are. Each call then breaks it in one place: a wrong type, a
 * required field missing or null, text too long for its field or for the body limit, a NUL or an
 * unpaired surrogate, a date that is not a date, a number out of range, an unknown enum value, an
 * id that is not a UUID or names no record (or one of another kind), a stale version, an unknown
 * field. Each mutation is sent as the user best placed to be allowed it, so the input reaches
 * validation and the services, not just FORBIDDEN.
 *
 * Every answer must be a refusal with a code of the API (or HTTP 413 for a body over the limit),
 * never a 500, with no SQL, stack frame, table or constraint name in its message; and the database
 * must be exactly as it was: every table's row count and a checksum of its rows.
 *
 * Left out of that comparison: the REFUSED events of the audit trail (a refused read or change is
 * audited so the DPO sees probing, test/audit-refusals.e2e-spec.ts) and the audit chain's head row,
 * which moves with them. The
 * sign-ins (LOGIN audit rows, throttle counters reset) happen before the first snapshot; and `login`
 * gets only inputs refused before its resolver runs (a well-formed failed sign-in writes LOGIN_FAILED
 * and counts in `login_throttle` by design: that is test/sign-in-throttle.e2e-spec.ts's subject).
 */

type Who = 'admin' | 'manager' | 'outreach' | 'staff' | 'dpo' | 'pcso';

/** Mutations that check a password: one that is well formed but wrong is a failed sign-in, audited and counted by design. */
const PASSWORD_CHECKS = new Set(['login', 'changePassword']);

/** Who sends each mutation; the manager, who may do most things, sends the rest. */
const AS: Record<string, Who> = {
  acceptReferral: 'pcso',
  declineReferral: 'pcso',
  startReferral: 'pcso',
  closeReferral: 'pcso',
  addCaseUpdate: 'pcso',
  submitIntelligence: 'pcso',
  updatePartnerContact: 'pcso',
  createReferral: 'outreach',
  updateReferral: 'outreach',
  sendReferral: 'outreach',
  withdrawReferral: 'outreach',
  addReferralUpdate: 'outreach',
  recordIntelligence: 'outreach',
  proposeBan: 'staff',
  recordIncident: 'staff',
  raiseAlarm: 'staff',
  acknowledgeAlarm: 'staff',
  standDownAlarm: 'staff',
  createPartnerOrganisation: 'admin',
  updatePartnerOrganisation: 'admin',
  archivePartnerOrganisation: 'admin',
  createPartnerContact: 'admin',
  archivePartnerContact: 'admin',
  updateRetentionPolicy: 'admin',
  createBranch: 'admin',
  updateBranch: 'admin',
  closeBranch: 'admin',
  reopenBranch: 'admin',
  inviteUser: 'admin',
  resendInvitation: 'admin',
  changeUserRole: 'admin',
  setUserBranches: 'admin',
  deactivateUser: 'admin',
  reactivateUser: 'admin',
  resetTwoFactor: 'admin',
  logRightsRequest: 'dpo',
  decideRightsRequest: 'dpo',
  liftSubjectRestriction: 'dpo',
  placeLegalHold: 'dpo',
  liftLegalHold: 'dpo',
  runRetentionSweep: 'dpo',
};

/** The reason of the referrals made for the answers recorded on a partner's behalf. */
const ON_BEHALF = 'Answered on behalf';

/**
 * The record a mutation's `input.id` names: its table, the condition that puts it in the state the
 * mutation moves it from (`:police` is the PCSO's organisation), and `newest` to take another
 * record than a mutation moving the same kind (the last test sends the inputs one after another).
 */
const TARGET: Record<string, [table: string, where?: string, newest?: 'newest']> = {
  acceptIntelligence: ['intelligence_item', `status = 'SUBMITTED'`],
  rejectIntelligence: ['intelligence_item', `status = 'SUBMITTED'`, 'newest'],
  renewIntelligence: ['intelligence_item', `status = 'ACCEPTED'`],
  changeIntelligenceHandling: ['intelligence_item', `status = 'ACCEPTED'`],
  regradeIntelligence: ['intelligence_item', `status = 'ACCEPTED'`],
  deleteIntelligence: ['intelligence_item', `status = 'ACCEPTED'`, 'newest'],
  acceptReferral: ['referral', `status = 'SENT' AND partner_organisation_id = :police`],
  declineReferral: ['referral', `status = 'SENT' AND partner_organisation_id = :police`, 'newest'],
  startReferral: ['referral', `status = 'ACCEPTED' AND partner_organisation_id = :police`],
  // Answers recorded on the police's behalf, on referrals of their own (made in beforeAll, sent a day or more ago).
  acceptReferralOnBehalf: ['referral', `status = 'SENT' AND reason = '${ON_BEHALF}'`],
  declineReferralOnBehalf: ['referral', `status = 'SENT' AND reason = '${ON_BEHALF}'`, 'newest'],
  startReferralOnBehalf: ['referral', `status = 'ACCEPTED' AND reason = '${ON_BEHALF}'`],
  closeReferralOnBehalf: ['referral', `status = 'IN_PROGRESS' AND reason = '${ON_BEHALF}'`],
  closeReferral: ['referral', `status = 'IN_PROGRESS' AND partner_organisation_id = :police`],
  sendReferral: ['referral', `status = 'DRAFT'`],
  updateReferral: ['referral', `status = 'DRAFT'`],
  withdrawReferral: ['referral', `status = 'SENT' AND partner_organisation_id <> :police`],
  activateDataSharingAgreement: ['data_sharing_agreement', `status = 'DRAFT'`],
  updateDataSharingAgreement: ['data_sharing_agreement', `status = 'DRAFT'`],
  suspendDataSharingAgreement: ['data_sharing_agreement', `status = 'ACTIVE'`],
  terminateDataSharingAgreement: ['data_sharing_agreement', `status = 'ACTIVE'`],
  archiveContactLog: ['contact_log', 'archived_at IS NULL', 'newest'],
  updateContactLog: ['contact_log', 'archived_at IS NULL'],
  completeFollowUpAction: ['follow_up_action', 'completed_at IS NULL'],
  completeIncidentFollowUpAction: ['incident_follow_up_action', 'completed_at IS NULL'],
  archivePartnerContact: ['partner_contact', 'archived_at IS NULL AND partner_organisation_id <> :police'],
  updatePartnerContact: ['partner_contact', 'archived_at IS NULL AND partner_organisation_id = :police'],
  archivePartnerOrganisation: ['partner_organisation', 'archived_at IS NULL AND id <> :police', 'newest'],
  updatePartnerOrganisation: ['partner_organisation', 'archived_at IS NULL AND id <> :police'],
  closeCase: ['case_file', `status IN ('OPEN', 'MONITORING')`],
  updateCase: ['case_file', `status IN ('OPEN', 'MONITORING')`],
  reopenCase: ['case_file', `status = 'CLOSED'`],
  decideRightsRequest: ['rights_request'],
  placeLegalHold: ['ban'],
  liftLegalHold: ['ban'],
  revokeCaseShare: ['case_share', 'revoked_at IS NULL'],
  transitionBan: ['ban', `status = 'ACTIVE'`],
  updateBan: ['ban'],
  updateIncident: ['incident'],
  updateSubject: ['subject'],
  updateSubjectSpecialCategory: ['subject_special_category'],
  withdrawBranchWarning: ['branch_warning'],
  acknowledgeAlarm: ['alarm', 'stood_down_at IS NULL'],
  standDownAlarm: ['alarm', 'stood_down_at IS NULL'],
  removeIncidentEvidence: ['incident_evidence'],
  // Users and branches made for this test (beforeAll): changing a demo user would end the session the test signs in with.
  updateBranch: ['branch', `name = 'Bad Input Branch'`],
  closeBranch: ['branch', `name = 'Bad Input Branch'`],
  reopenBranch: ['branch', `name = 'Bad Input Closed Branch'`],
  changeUserRole: ['app_user', `email = 'role@bad-input.test'`],
  setUserBranches: ['app_user', `email = 'branches@bad-input.test'`],
  deactivateUser: ['app_user', `email = 'leaver@bad-input.test'`],
  reactivateUser: ['app_user', `email = 'returner@bad-input.test'`],
  resendInvitation: ['app_user', `email = 'invited@bad-input.test'`],
  resetTwoFactor: ['app_user', `email = 'role@bad-input.test'`],
};

/** `{ __typename }` for a mutation answering an object, nothing for one answering a scalar (signOut: Boolean). */
const selectionOf = (field: GraphQLField<unknown, unknown>) => (isObjectType(getNamedType(field.type)) ? ' { __typename }' : '');

/** The real record an `…Id` field (or a list of them) names, by the field's name: a key of `rec`. */
const ID_FIELD: Record<string, string> = {
  caseId: 'case',
  subjectId: 'subject',
  incidentId: 'incident',
  incidentIds: 'incident',
  branchId: 'branch',
  branchIds: 'branch',
  alertBranchIds: 'branch',
  partnerOrganisationId: 'police',
  partnerOrganisationIds: 'police',
  handlingOrganisationIds: 'police',
  partnerContactId: 'policeContact',
  ownerId: 'manager',
  heldById: 'manager',
  staffUserId: 'staff',
  staffInvolvedIds: 'staff',
  contactLogId: 'contactLog',
  referralId: 'sentReferral',
  agreementId: 'activeAgreement',
  intelligenceItemId: 'intelligence',
  correctsNoteId: 'note',
  libraryServiceIds: 'service',
  handlingLibraryServiceIds: 'service',
  recipientLibraryServiceId: 'service',
};

const TEXT = 'Written by the bad-input test';

/**
 * What a valid-looking input holds beyond its required fields, where a rule of the record asks for
 * it (a name or a description), the first enum value would need more (handling code C wants its
 * conditions), or an update would otherwise change nothing.
 */
const FILL: Record<string, (rec: Record<string, string>) => Record<string, unknown>> = {
  AddSubjectSpecialCategoryInput: () => ({ dataProtection: { specialCategoryCondition: 'Art 9(2)(g); DPA 2018 Sch 1 para 18' } }),
  CreateSubjectInput: () => ({ name: 'Bad Input Person' }),
  RecordIntelligenceInput: () => ({ handlingCode: 'P', placeDescription: 'By the lifts' }),
  SubmitIntelligenceInput: () => ({ handlingCode: 'P' }),
  LegalHoldInput: () => ({ recordType: 'BAN' }),
  ChangeIntelligenceHandlingInput: (rec) => ({ handlingCode: 'C', handlingConditions: 'Police only', handlingOrganisationIds: [rec.police] }),
  ShareCaseInput: (rec) => ({ partnerOrganisationId: rec.police }),
  TransitionBanInput: () => ({ to: 'UNDER_REVIEW' }),
  UpdateBanInput: () => ({ notes: TEXT }),
  UpdateIncidentInput: () => ({ locationInBuilding: 'Reading room' }),
  DecideRightsRequestInput: () => ({ decision: 'REFUSED', refusalGround: 'MANIFESTLY_UNFOUNDED_OR_EXCESSIVE', reason: TEXT }),
};

/** Dates of things that have happened: a valid-looking one is in the past. */
const PAST_DATES = new Set(['signedOn', 'receivedOn', 'dateOfBirth', 'abaSignedOn', 'appealLodgedOn', 'appealOutcomeOn']);

/** The JSON body limit (100 kB as Express counts it): a longer body answers HTTP 413. */
const BODY_LIMIT = 100 * 1024;

const ALLOWED_CODES = new Set(['BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'TIMEOUT']);

/** Apollo Server's codes for a request that is not one GraphQL operation (a batch, variables that are not an object, no such operation). */
const REQUEST_CODES = new Set(['BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);

/** What an error message must never hold: SQL, the database's own words, a stack frame, a constraint or index name. */
const LEAKS = [
  /\bSELECT\b/,
  /\bINSERT\b/,
  /\bUPDATE\s+"?\w+"?\s+SET\b/i,
  /\bDELETE\s+FROM\b/i,
  /violates/i,
  /constraint/i,
  /relation "/i,
  /column "/i,
  /duplicate key/i,
  /syntax error/i,
  /^\s*at\s+\S/m,
  /\(\/[^)]*:\d+:\d+\)/,
  /\b\w+_(pkey|fkey|key|check|idx)\b/,
];

interface Variant {
  /** What is wrong; once placed in an input, where too: `input.reviewOn: 30 February`. */
  what: string;
  value: unknown;
  placed?: boolean;
}

/** One class-validator rule of a field (`maxLength` with its constraints, …). */
type Rule = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

interface Call {
  what: string;
  query: string;
  variables: Record<string, unknown>;
}

describe('bad input to every mutation (e2e over HTTP)', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  const tok = {} as Record<Who, string>;
  /** Real records the inputs name (ID_FIELD), the record of each mutation (TARGET), and their versions. */
  const rec: Record<string, string> = {};
  const targets: Record<string, string> = {};
  const versions = new Map<string, number>();
  let retention: { recordType: string; version: number };
  /** Turns through the variants of a kind that test the same thing (four wrong types, four kinds of unstorable text), one per field. */
  let turn = 0;
  const oneOf = (...variants: Variant[]): Variant => variants[turn++ % variants.length]!;

  /** The class-validator rules of a field of an input type (or of a root field's arguments), by rule name. */
  const validations = new Map<string, Rule[]>();
  const rules = (typeName: string, field: string): Map<string, Rule> => {
    if (!validations.has(typeName)) {
      // Nest fills TypeMetadataStorage when it builds the schema, so this is read once the app runs.
      const target = [...TypeMetadataStorage.getInputTypesMetadata(), ...TypeMetadataStorage.getArgumentsMetadata()].find((m) => m.name === typeName)?.target;
      validations.set(typeName, target ? getMetadataStorage().getTargetValidationMetadatas(target, '', true, false) : []);
    }
    return new Map(validations.get(typeName)!.flatMap((v) => (v.propertyName === field ? [[v.name ?? v.type, v] as const] : [])));
  };

  const refreshVersions = async () => {
    const tables = [...new Set(['subject', 'incident', ...Object.values(TARGET).map(([table]) => table)])];
    const rows: { id: string; version: number }[] = await t.db.query(
      tables.map((table) => `SELECT id, version FROM ${table} WHERE id = ANY($1)`).join(' UNION ALL '),
      [[...new Set([rec.subject, rec.otherSubject, rec.incident, ...Object.values(targets)])]],
    );
    for (const { id, version } of rows) versions.set(id, version);
  };

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'full' });
    schema = t.running.app.get(GraphQLSchemaHost).schema;
    for (const who of ['admin', 'manager', 'outreach', 'staff', 'dpo', 'pcso'] as Who[]) tok[who] = await t.login(`${who}@demo.test`);

    const one = async (sql: string, params: unknown[] = []) => ((await t.db.query(sql, params)) as { id: string }[])[0]?.id;
    const demo = await demoServiceId(t.db);
    const manager = await userId(t.db, 'manager@demo.test');
    Object.assign(rec, { service: demo, manager, staff: await userId(t.db, 'staff@demo.test') });
    rec.police = (await one(`SELECT partner_organisation_id AS id FROM app_user WHERE email = 'pcso@demo.test'`))!;
    rec.policeContact = (await one(`SELECT id FROM partner_contact WHERE partner_organisation_id = $1`, [rec.police]))!;
    rec.branch = (await one(`SELECT id FROM branch WHERE name = 'Central Library'`))!;
    rec.subject = (await one(`SELECT id FROM subject WHERE name = 'Danny Demo'`))!;
    rec.otherSubject = (await one(`SELECT id FROM subject WHERE name = 'Sid Sample'`))!;
    // A case shared with the police now, so the PCSO's case updates and intelligence reach the service.
    rec.case = (await one(`SELECT case_id AS id FROM live_case_share WHERE partner_organisation_id = $1`, [rec.police]))!;
    rec.note = (await one(`SELECT id FROM case_note WHERE case_id = $1`, [rec.case])) ?? (await one(`SELECT id FROM case_note`))!;
    rec.incident = (await one(`SELECT id FROM incident WHERE branch_id = $1 ORDER BY occurred_at DESC`, [rec.branch]))!;
    rec.contactLog = (await one(`SELECT id FROM contact_log WHERE archived_at IS NULL`))!;
    rec.sentReferral = (await one(`SELECT id FROM referral WHERE status = 'SENT' AND partner_organisation_id = $1`, [rec.police]))!;
    rec.activeAgreement = (await one(`SELECT id FROM data_sharing_agreement WHERE status = 'ACTIVE'`))!;
    rec.intelligence = (await one(`SELECT id FROM intelligence_item`))!;
    // For the administration mutations: users and branches of their own, so the demo users' sessions stay.
    for (const email of ['role', 'branches', 'leaver', 'returner'].map((n) => `${n}@bad-input.test`)) {
      await createUser(t.db, { email, role: 'OUTREACH_WORKER', serviceId: demo });
    }
    await t.db.query(`UPDATE app_user SET is_active = false WHERE email = 'returner@bad-input.test'`);
    await createUser(t.db, { email: 'invited@bad-input.test', role: 'STAFF', serviceId: demo });
    await t.db.query(`UPDATE app_user SET password_hash = NULL WHERE email = 'invited@bad-input.test'`);
    await t.db.query(`INSERT INTO branch (library_service_id, name) VALUES ($1, 'Bad Input Branch'), ($1, 'Bad Input Closed Branch')`, [demo]);
    await t.db.query(`UPDATE branch SET is_active = false WHERE name = 'Bad Input Closed Branch'`);
    // An active alarm at the staff's branch, to acknowledge and stand down.
    await t.db.query(
      `INSERT INTO alarm (library_service_id, branch_id, raised_by_id, lawful_basis, retain_until) VALUES ($1, $2, $3, 'PUBLIC_TASK', '2040-01-01')`,
      [demo, rec.branch, rec.staff],
    );

    // For the answers recorded on the police's behalf, referrals whose steps are older than the valid-looking answeredAt
    // (an hour ago). Made after the story's and before the two below, so the partner's own moves keep the records they
    // take; the one in progress after them (closeReferral takes the oldest in progress, closeReferralOnBehalf this one).
    // About the person of the case shared with the police, so an update on that case may answer one (addCaseUpdateOnBehalf).
    const caseSubject = (await one(`SELECT subject_id AS id FROM case_file WHERE id = $1`, [rec.case]))!;
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
    const onBehalf = (status: string, steps: { acceptedAt?: Date; startedAt?: Date } = {}) =>
      createReferral(t.db, {
        serviceId: demo,
        subjectId: caseSubject,
        byId: manager,
        partnerId: rec.police!,
        status,
        reason: ON_BEHALF,
        sentAt: daysAgo(3),
        ...steps,
      });
    for (const status of ['SENT', 'SENT']) await onBehalf(status);
    await onBehalf('ACCEPTED', { acceptedAt: daysAgo(2) });
    // What the demo story has none of (a referral in progress, a second one sent to the police, a draft agreement,
    // intelligence waiting, more accepted, a restriction, a rights request, an incident's follow-up), made before the first snapshot.
    for (const status of ['IN_PROGRESS', 'SENT']) {
      await createReferral(t.db, {
        serviceId: demo,
        subjectId: rec.subject,
        byId: manager,
        partnerId: rec.police,
        status,
        startedAt: status === 'SENT' ? null : new Date(),
      });
    }
    await onBehalf('IN_PROGRESS', { acceptedAt: daysAgo(2), startedAt: daysAgo(1) });
    await createAgreement(t.db, {
      serviceId: demo,
      createdById: manager,
      categories: ['IDENTITY'],
      organisationIds: [rec.police],
      status: 'DRAFT',
      title: 'Draft',
    });
    await createIntelligence(t.db, { serviceId: demo, subjectId: rec.subject, authorId: manager, status: 'SUBMITTED' });
    // Accepted intelligence of its own for deleteIntelligence, so the reviews of the demo story's run on what they name.
    await createIntelligence(t.db, { serviceId: demo, subjectId: rec.subject, authorId: manager });
    rec.restricted = await createSubject(t.db, { serviceId: demo, name: 'Rita Restricted' });
    await createRestriction(t.db, { serviceId: demo, subjectId: rec.restricted, restrictedById: await userId(t.db, 'dpo@demo.test') });
    const logged = await t.gql(
      `mutation($i: LogRightsRequestInput!) { logRightsRequest(input: $i) { id } }`,
      { i: { subjectId: rec.subject, type: 'ERASURE', receivedOn: isoDaysFromNow(-1), details: 'Asked at the desk' } },
      tok.dpo,
    );
    const action = await t.gql(
      `mutation($i: AddIncidentFollowUpActionInput!) { addIncidentFollowUpAction(input: $i) { id } }`,
      { i: { incidentId: rec.incident, description: 'Check the CCTV', dueOn: isoDaysFromNow(7), ownerId: manager } },
      tok.manager,
    );
    const policies = await t.gql(`{ retentionPolicies { recordType version } }`, {}, tok.admin);
    expect([logged.errors, action.errors, policies.errors]).toEqual([undefined, undefined, undefined]);
    retention = policies.data.retentionPolicies.find((p: { recordType: string }) => p.recordType === 'INCIDENT');

    for (const [mutation, [table, where, newest]] of Object.entries(TARGET)) {
      const direction = newest ? 'DESC' : 'ASC';
      const order = `ORDER BY created_at ${direction}, id ${direction} LIMIT 1`;
      const id =
        (await one(`SELECT id FROM ${table} WHERE ${(where ?? 'true').replaceAll(':police', `'${rec.police}'`)} ${order}`)) ??
        (await one(`SELECT id FROM ${table} ${order}`));
      if (id) targets[mutation] = id;
    }
    await refreshVersions();
  }, 120_000);
  afterAll(() => t?.close());

  /** The real record an id field of a valid-looking input names. */
  const idFor = (mutation: string, path: string[]): string => {
    const field = path[path.length - 1]!;
    if (mutation === 'mergeSubjects') return path[0] === 'keep' ? rec.subject! : rec.otherSubject!;
    if (mutation === 'liftSubjectRestriction' && field === 'subjectId') return rec.restricted!;
    if (path.length === 1 && field === 'id' && targets[mutation]) return targets[mutation];
    // A case update on the police's behalf answers a referral of the case's person to them.
    if (mutation === 'addCaseUpdateOnBehalf' && field === 'referralId') return targets.acceptReferralOnBehalf!;
    if (field === 'id') return rec.subject!; // a correction of a rights request names the person's record
    return rec[ID_FIELD[field] ?? ''] ?? randomUUID();
  };

  /** A valid-looking value of a type: an input object's required fields filled (and FILL), optional ones left out. */
  const sample = (mutation: string, type: GraphQLInputType, path: string[]): unknown => {
    if (isNonNullType(type)) return sample(mutation, type.ofType, path);
    if (isListType(type)) return [sample(mutation, type.ofType, path)];
    if (isEnumType(type)) return type.getValues()[0]!.value;
    if (isInputObjectType(type)) {
      const value: Record<string, unknown> = {};
      for (const f of Object.values(type.getFields())) {
        if (isNonNullType(f.type) && f.defaultValue === undefined) value[f.name] = sample(mutation, f.type, [...path, f.name]);
      }
      Object.assign(value, FILL[type.name]?.(rec));
      // The version of the record the input names (recordIncidentDebrief names it incidentId).
      const record = value.id ?? value.incidentId;
      if ('version' in value) value.version = typeof record === 'string' ? (versions.get(record) ?? 1) : 1;
      if (type.name === 'UpdateRetentionPolicyInput') Object.assign(value, retention);
      return value;
    }
    const field = path[path.length - 1]!;
    switch (type.name) {
      case 'ID':
        return idFor(mutation, path);
      case 'String':
        return { email: 'nobody@demo.test', password: 'not-the-password', entityType: 'Subject', field: 'name' }[field] ?? TEXT;
      case 'Int':
        return field === 'sourceEvaluation' ? 2 : 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'Date':
        return isoDaysFromNow(PAST_DATES.has(field) ? -10 : 10);
      case 'DateTime':
        return new Date(Date.now() - 3_600_000).toISOString();
    }
    throw new Error(`no valid-looking value of ${type.name} for ${path.join('.')}`);
  };

  /**
   * Wrong values for a field of `owner` (an input type, or LoginArgs), each saying what is wrong.
   * Maximum lengths, sizes and numbers come from the field's own class-validator rules.
   */
  const badValues = (mutation: string, type: GraphQLInputType, owner: string, path: string[], required = false): Variant[] => {
    if (isNonNullType(type)) return [{ what: 'null', value: null }, ...badValues(mutation, type.ofType, owner, path, true)];
    const field = path[path.length - 1]!;
    const rule = rules(owner, field);
    const object = { what: 'an object', value: { a: 1 } };
    const list = { what: 'a list', value: ['x', 'y'] };
    const boolean = { what: 'a boolean', value: true };

    if (isListType(type)) {
      const element = type.ofType;
      const inner = isNonNullType(element) ? element.ofType : element;
      const out: Variant[] = [
        { what: 'an object for a list', value: isInputObjectType(inner) ? { notAField: true } : { a: 1 } },
        { what: 'a list of lists', value: [[sample(mutation, element, path)]] },
      ];
      if (isNonNullType(element)) out.push({ what: 'a null in the list', value: [null] });
      // A draft agreement may name no category yet (activating it asks for one), and a user may work at no branch:
      // an empty list is no bad input there.
      const emptyIsFine = (owner === 'CreateAgreementInput' && field === 'categories') || (owner === 'SetUserBranchesInput' && field === 'branchIds');
      if (required && !emptyIsFine) out.push({ what: 'an empty list', value: [] });
      if (isScalarType(inner) && inner.name === 'ID') {
        const id = sample(mutation, inner, path);
        out.push({ what: 'the same id twice', value: [id, id] }, { what: '1,000 ids of no record', value: Array.from({ length: 1000 }, () => randomUUID()) });
      }
      if (isEnumType(inner)) {
        const first = inner.getValues()[0]!.value;
        out.push({ what: 'the same value twice', value: [first, first] });
      }
      const max = rule.get('arrayMaxSize')?.constraints?.[0] as number | undefined;
      if (max !== undefined && max < 1000)
        out.push({ what: `${max + 1} items (at most ${max})`, value: Array.from({ length: max + 1 }, () => sample(mutation, element, path)) });
      if (max === undefined && !(isScalarType(inner) && inner.name === 'ID')) {
        out.push({
          what: '1,000 items (no maximum declared)',
          value: Array.from({ length: 1000 }, (_, i) => (isScalarType(inner) && inner.name === 'String' ? `item ${i}` : sample(mutation, element, path))),
        });
      }
      // Then the elements' own bad values, one at a time (a blank alias is dropped by design, so elements are not "required" text).
      for (const v of badValues(mutation, inner, owner, path)) out.push({ ...v, what: v.placed ? v.what : `[${v.what}]`, value: [v.value] });
      return out;
    }
    if (isInputObjectType(type)) {
      return [
        oneOf({ what: 'a string for an object', value: 'x' }, { what: 'a number for an object', value: 42 }, { what: 'a list for an object', value: ['x'] }),
        ...objectVariants(mutation, type, path),
      ];
    }
    if (isEnumType(type)) {
      const first = type.getValues()[0]!.value as string;
      return [
        oneOf(object, list, boolean, { what: 'a number', value: 1 }),
        { what: 'an unknown value', value: 'NOT_A_VALUE' },
        { what: 'a value in lower case', value: first.toLowerCase() },
        { what: 'an empty string', value: '' },
      ];
    }
    const year = new Date().getUTCFullYear();
    switch (type.name) {
      case 'String': {
        const max = rule.get('maxLength')?.constraints?.[0] as number | undefined;
        const min = rule.get('minLength')?.constraints?.[0] as number | undefined;
        const out: Variant[] = [
          oneOf(object, list, boolean, { what: 'a number', value: 42 }),
          oneOf(
            { what: 'a NUL', value: `${TEXT}\u0000` },
            { what: 'a lone high surrogate', value: `${TEXT} \uD800` },
            { what: 'a lone low surrogate', value: '\uDC00' },
            { what: 'surrogates the wrong way round', value: '\uDE00\uD83D' },
          ),
          max !== undefined
            ? { what: `${max + 1} characters (at most ${max})`, value: 'x'.repeat(max + 1) }
            : { what: '50,000 characters (no maximum declared)', value: 'x'.repeat(50_000) },
        ];
        if (required) out.push({ what: `${BODY_LIMIT + 1} characters (over the body limit)`, value: 'x'.repeat(BODY_LIMIT + 1) });
        if (required || min) out.push({ what: 'an empty string', value: '' });
        // A password of spaces is a password: it would reach the sign-in (and its throttle), or be checked as the current one.
        if ((required || min) && !PASSWORD_CHECKS.has(mutation)) out.push({ what: 'only spaces', value: '   ' });
        if (min && min > 1) out.push({ what: `${min - 1} characters (at least ${min})`, value: 'x'.repeat(min - 1) });
        if (rule.has('isEmail')) out.push({ what: 'not an email address', value: 'nobody at demo.test' });
        if (rule.has('matches')) out.push({ what: 'not in the expected format', value: 'call me maybe' });
        if (rule.has('isUrl')) out.push({ what: 'not a web address', value: 'javascript:alert(1)' });
        return out;
      }
      case 'ID':
        return [
          oneOf(object, list, boolean, { what: 'a fraction', value: 4.5 }),
          oneOf(
            { what: 'not a UUID', value: 'not-a-uuid' },
            { what: 'a UUID with a letter that is not hex', value: 'zzzzzzzz-0000-4000-8000-000000000000' },
            { what: 'a UUID in braces', value: `{${randomUUID()}}` },
            { what: 'SQL', value: `' OR '1'='1` },
            { what: 'an empty string', value: '' },
          ),
          { what: 'a number (an ID to GraphQL)', value: 12345 },
          { what: 'the id of no record', value: randomUUID() },
          {
            what: 'the id of a record of another kind',
            value: ID_FIELD[field] === 'branch' || (field === 'id' && TARGET[mutation]?.[0] === 'branch') ? rec.service : rec.branch,
          },
        ];
      case 'Int': {
        const out: Variant[] = [
          oneOf(object, list, boolean, { what: 'a string', value: '1' }),
          { what: 'a fraction', value: 1.5 },
          oneOf({ what: 'more than 32 bits', value: 2 ** 31 }, { what: 'less than 32 bits', value: -(2 ** 31) - 1 }),
          { what: 'negative', value: -1 },
          { what: 'zero', value: 0 },
          { what: 'the largest Int', value: 2 ** 31 - 1 },
        ];
        const min = rule.get('min')?.constraints?.[0] as number | undefined;
        const max = rule.get('max')?.constraints?.[0] as number | undefined;
        if (min !== undefined && min > 1) out.push({ what: `${min - 1} (at least ${min})`, value: min - 1 });
        if (max !== undefined && max + 1 < 2 ** 31 - 1) out.push({ what: `${max + 1} (at most ${max})`, value: max + 1 });
        return out;
      }
      case 'Float':
        return [oneOf(object, list, boolean, { what: 'a string', value: '1' })];
      case 'Boolean':
        return [oneOf(object, list, { what: 'a string', value: 'true' }, { what: 'a number', value: 1 })];
      case 'Date': {
        const out: Variant[] = [
          oneOf(object, list, boolean),
          { what: '30 February', value: '2025-02-30' },
          { what: '29 February of a common year', value: '2023-02-29' },
          oneOf({ what: 'month 13', value: '2025-13-01' }, { what: 'day 0', value: '2025-03-00' }),
          { what: 'year 0', value: '0000-01-01' },
          { what: 'before 1900', value: '1899-12-31' },
          { what: 'more than 100 years ahead', value: `${year + 101}-01-01` },
          oneOf(
            { what: 'not zero-padded', value: '2025-3-1' },
            { what: 'day first', value: '01/03/2025' },
            { what: 'a date-time', value: '2025-03-01T10:00:00Z' },
          ),
          { what: 'an empty string', value: '' },
          { what: 'a number', value: 20250301 },
        ];
        if (rule.has('isNotInFuture')) out.push({ what: 'in the future', value: isoDaysFromNow(3) });
        return out;
      }
      case 'DateTime': {
        const out: Variant[] = [
          oneOf(object, list, boolean),
          { what: '30 February', value: '2025-02-30T10:00:00Z' },
          oneOf({ what: '25 o’clock', value: '2025-03-01T25:00:00Z' }, { what: 'minute 60', value: '2025-03-01T10:60:00Z' }),
          { what: 'year 0', value: '0000-01-01T00:00:00Z' },
          { what: 'more than 100 years ahead', value: `${year + 101}-01-01T00:00:00Z` },
          oneOf(
            { what: 'no time zone', value: '2025-03-01T10:00:00' },
            { what: 'a date alone', value: '2025-03-01' },
            { what: 'words', value: 'yesterday at teatime' },
          ),
          { what: 'an empty string', value: '' },
          oneOf({ what: 'a Unix time', value: 1_740_823_200 }, { what: 'milliseconds since 1970', value: 1_740_823_200_000 }),
        ];
        if (rule.has('isNotInFuture')) out.push({ what: 'in the future', value: new Date(Date.now() + 86_400_000).toISOString() });
        return out;
      }
    }
    return [object];
  };

  /** A valid-looking input object with one thing wrong: a field it does not have, a required field left out, a field's bad value, a version not the record's. */
  const objectVariants = (mutation: string, type: GraphQLInputObjectType, path: string[]): Variant[] => {
    const base = sample(mutation, type, path) as Record<string, unknown>;
    const where = ['input', ...path].join('.');
    const out: Variant[] = [{ what: `${where}: an unknown field`, value: { ...base, notAField: 1 } }];
    if (Object.keys(base).length) out.push({ what: `${where}: an empty object`, value: {} });
    if (!path.length) {
      const polluted = { ...base };
      Object.defineProperty(polluted, '__proto__', { value: { isAdmin: true }, enumerable: true });
      out.push({ what: `${where}: a __proto__ field`, value: polluted });
    }
    // Dates out of order: an end before the start.
    for (const [start, end, later, sooner] of [
      ['startsOn', 'endsOn', isoDaysFromNow(20), isoDaysFromNow(10)],
      ['startsAt', 'until', new Date(Date.now() + 2 * 86_400_000).toISOString(), new Date(Date.now() + 86_400_000).toISOString()],
    ]) {
      if (start! in type.getFields() && end! in type.getFields())
        out.push({ what: `${where}: ${end} before ${start}`, value: { ...base, [start!]: later, [end!]: sooner } });
    }
    if (typeof base.version === 'number') {
      out.push({ what: `${where}.version: one ahead of the record`, value: { ...base, version: base.version + 1 } });
      if (base.version > 1) out.push({ what: `${where}.version: stale`, value: { ...base, version: base.version - 1 } });
    }
    for (const f of Object.values(type.getFields())) {
      const at = `${where}.${f.name}`;
      if (isNonNullType(f.type) && f.defaultValue === undefined) {
        const { [f.name]: _, ...rest } = base;
        out.push({ what: `${at} missing`, value: rest });
      }
      for (const v of badValues(mutation, f.type, type.name, [...path, f.name])) {
        // A "bad" value the valid-looking input holds anyway (version 0 of a policy never changed) is not bad.
        if (JSON.stringify(v.value) === JSON.stringify(base[f.name])) continue;
        out.push({ what: v.placed ? v.what : `${at}: ${v.what}`, value: { ...base, [f.name]: v.value } });
      }
    }
    return out.map((v) => ({ ...v, placed: true }));
  };

  /** Every malformed call to one mutation. */
  const callsFor = (field: GraphQLField<unknown, unknown>): Call[] => {
    const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const query = `mutation(${defs}) { ${field.name}(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})${selectionOf(field)} }`;
    if (field.name === 'login') {
      // Its arguments, broken as the fields of an input are; every call is refused before the resolver runs.
      const args = Object.fromEntries(field.args.filter((a) => isNonNullType(a.type)).map((a) => [a.name, sample('login', a.type, [a.name])]));
      return field.args.flatMap((a) => {
        const { [a.name]: _, ...rest } = args;
        return [
          ...(isNonNullType(a.type) ? [{ what: `$${a.name} missing`, query, variables: rest }] : []),
          ...badValues('login', a.type, 'LoginArgs', [a.name]).map((v) => ({
            what: `$${a.name}: ${v.what}`,
            query,
            variables: { ...args, [a.name]: v.value },
          })),
        ];
      });
    }
    const [arg] = field.args;
    const type = arg && (isNonNullType(arg.type) ? arg.type.ofType : arg.type);
    if (field.args.length !== 1 || !isInputObjectType(type)) throw new Error(`${field.name} does not take one input (docs/architecture.md, API conventions)`);
    const base = sample(field.name, type, []);
    return [
      { what: 'input missing', query, variables: {} },
      { what: 'input: null', query, variables: { [arg!.name]: null } },
      { what: 'input: JSON in a string', query, variables: { [arg!.name]: JSON.stringify(base) } },
      { what: 'input: a number', query, variables: { [arg!.name]: 42 } },
      { what: 'input: a list of it', query, variables: { [arg!.name]: [base] } },
      ...objectVariants(field.name, type, []).map((v) => ({ what: v.what, query, variables: { [arg!.name]: v.value } })),
    ];
  };

  /** Sends one call; answers its outcome (HTTP status and codes) and what is wrong with the answer. */
  const send = async (call: Call, token: string, mutation: string): Promise<{ outcome: string; codes: string; problems: string[] }> => {
    const res = await fetch(`${t.running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: call.query, variables: call.variables }),
    });
    const text = await res.text();
    if (res.status === 413) return { outcome: '413 (body over the limit)', codes: '413', problems: [] };
    const problems = res.status >= 500 ? [`HTTP ${res.status}`] : [];
    let body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    try {
      body = JSON.parse(text);
    } catch {
      return { outcome: `${res.status} (not JSON)`, codes: 'not JSON', problems: [...problems, `not JSON: ${text.slice(0, 200)}`] };
    }
    const errors = body.errors ?? [];
    if (!errors.length || body.data?.[mutation]) problems.push(`accepted: ${JSON.stringify(body.data)}`);
    for (const e of errors) {
      const code = e.extensions?.code;
      if (typeof code !== 'string' || !ALLOWED_CODES.has(code)) problems.push(`code ${String(code)}: ${e.message.slice(0, 300)}`);
      const leak = LEAKS.find((p) => p.test(e.message));
      if (leak) problems.push(`message matches ${leak}: ${e.message.slice(0, 300)}`);
      for (const key of ['stacktrace', 'exception', 'sql']) if (e.extensions && key in e.extensions) problems.push(`extensions.${key}`);
    }
    const codes = [...new Set(errors.map((e) => String(e.extensions?.code)))].join('+') || '(no error)';
    return { outcome: `${res.status} ${codes}`, codes, problems };
  };

  /** Every table of the schema: its row count and an md5 of its rows in order. */
  const snapshot = async (): Promise<Record<string, string>> => {
    const tables: { name: string }[] = await t.db.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`);
    const out: Record<string, string> = {};
    // The audit chain's head moves with every audit event, the REFUSED ones included.
    for (const { name } of tables.filter((t) => t.name !== 'audit_chain')) {
      // Refused reads and changes are audited (REFUSED, for the DPO to see probing): the one thing left out.
      const where = name === 'audit_event' ? ` WHERE r.action <> 'REFUSED'` : '';
      const [row] = await t.db.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS sum FROM "${name}" r${where}`);
      out[name] = `${row.n} rows, md5 ${row.sum}`;
    }
    return out;
  };

  it('refuses 2,000+ malformed calls across every mutation with a code, never a 500 or a leak, and changes no table', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    const before = await snapshot();
    const started = Date.now();
    const outcomes = new Map<string, number>();
    const byMutation: string[] = [];
    const failures: string[] = [];
    let calls = 0;
    for (const field of mutations) {
      const who = AS[field.name] ?? 'manager';
      const codes = new Map<string, number>();
      for (const call of callsFor(field)) {
        const answer = await send(call, tok[who], field.name);
        calls++;
        outcomes.set(answer.outcome, (outcomes.get(answer.outcome) ?? 0) + 1);
        codes.set(answer.codes, (codes.get(answer.codes) ?? 0) + 1);
        for (const p of answer.problems) failures.push(`${field.name} as ${who}, ${call.what}: ${p}`);
      }
      byMutation.push(`${field.name} (${who}): ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`);
    }
    const seconds = (Date.now() - started) / 1000;
    const after = await snapshot();
    const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);

    console.log(
      [
        `${calls} malformed calls to ${mutations.length} mutations in ${seconds.toFixed(1)} s; by HTTP status and extensions.code:`,
        ...[...outcomes].sort((a, b) => b[1] - a[1]).map(([o, n]) => `  ${String(n).padStart(5)}  ${o}`),
        'by mutation (sent as): codes',
        ...byMutation.map((l) => `  ${l}`),
        `${Object.keys(before).length} tables compared before and after: ${changed.length ? `changed: ${changed.join(', ')}` : 'none changed'}`,
      ].join('\n'),
    );
    expect(mutations.length).toBeGreaterThan(50);
    expect(calls).toBeGreaterThanOrEqual(2000);
    expect(failures.slice(0, 50)).toEqual([]);
    expect(changed.map((table) => [table, before[table], after[table]])).toEqual([]);
  }, 600_000);

  it('refuses malformed requests for every mutation (not JSON, batched, nested 40,000 deep, sent as a subscription or a GET) without a 500, and changes no table', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((f) => f.name !== 'login');
    const before = await snapshot();
    const outcomes = new Map<string, number>();
    const failures: string[] = [];
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    for (const field of mutations) {
      const [arg] = field.args;
      const type = (isNonNullType(arg!.type) ? arg!.type.ofType : arg!.type) as GraphQLInputObjectType;
      const query = `mutation($input: ${String(arg!.type)}) { ${field.name}(input: $input)${selectionOf(field)} }`;
      const variables = JSON.stringify({ input: sample(field.name, type, []) });
      const who = AS[field.name] ?? 'manager';
      const requests: [what: string, body: string, method?: 'GET'][] = [
        ['a body that is not JSON', `{"query": ${JSON.stringify(query)}, "variables": ${variables.slice(0, -1)}`],
        ['a JSON body that is not an object', 'null'],
        ['a batch of one', `[{"query": ${JSON.stringify(query)}, "variables": ${variables}}]`],
        ['variables as a JSON string', JSON.stringify({ query, variables })],
        ['an operationName that names no operation', JSON.stringify({ query, variables: JSON.parse(variables), operationName: 'Nothing' })],
        ['two operations and no operationName', JSON.stringify({ query: `${query} mutation other { __typename }`, variables: JSON.parse(variables) })],
        ['the input nested 40,000 lists deep', `{"query": ${JSON.stringify(query)}, "variables": {"input": ${deep(40_000)}}}`],
        ['an undeclared variable nested 40,000 lists deep', `{"query": ${JSON.stringify(query)}, "variables": {"input": null, "extra": ${deep(40_000)}}}`],
        ['sent as a subscription', JSON.stringify({ query: query.replace(/^mutation/, 'subscription'), variables: JSON.parse(variables) })],
        ['sent as a query', JSON.stringify({ query: query.replace(/^mutation/, 'query'), variables: JSON.parse(variables) })],
        ['sent in a GET', `?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`, 'GET'],
      ];
      for (const [what, body, method] of requests) {
        const res = await fetch(`${t.running.url}/graphql${method ? body : ''}`, {
          method: method ?? 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tok[who]}` },
          ...(method ? {} : { body }),
        });
        const text = await res.text();
        let codes = '(not GraphQL)';
        if (res.status >= 500) failures.push(`${field.name}, ${what}: HTTP ${res.status} ${text.slice(0, 200)}`);
        try {
          const answer = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[]; data?: Record<string, unknown> | null };
          if (answer.errors) codes = [...new Set(answer.errors.map((e) => String(e.extensions?.code)))].join('+');
          if (!answer.errors?.length && !('statusCode' in answer)) failures.push(`${field.name}, ${what}: accepted`);
          if (answer.data?.[field.name]) failures.push(`${field.name}, ${what}: answered data`);
          for (const e of answer.errors ?? []) {
            // Besides the API's codes, Apollo's own for a request that is not one GraphQL operation at all.
            if (!ALLOWED_CODES.has(e.extensions?.code ?? '') && !REQUEST_CODES.has(e.extensions?.code ?? ''))
              failures.push(`${field.name}, ${what}: code ${e.extensions?.code}: ${e.message}`);
          }
        } catch {
          failures.push(`${field.name}, ${what}: not JSON: ${text.slice(0, 200)}`);
        }
        if (LEAKS.some((p) => p.test(text))) failures.push(`${field.name}, ${what}: leaks ${text.slice(0, 200)}`);
        const outcome = `${what}: ${res.status} ${codes}`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
    }
    const after = await snapshot();
    const calls = [...outcomes.values()].reduce((a, b) => a + b, 0);
    console.log(
      [
        `${calls} malformed requests to ${mutations.length} mutations; by what was wrong, HTTP status and extensions.code:`,
        ...[...outcomes].map(([o, n]) => `  ${String(n).padStart(4)}  ${o}`),
      ].join('\n'),
    );
    expect(failures.slice(0, 30)).toEqual([]);
    expect(Object.keys(before).filter((table) => before[table] !== after[table])).toEqual([]);
  }, 300_000);

  it('then: the valid-looking inputs, sent as they are, are nearly all accepted (so each bad call differed from an accepted one in one place)', async () => {
    // Those that change records other inputs name go last; each input takes the records' versions as they are by then.
    const last = ['decideRightsRequest', 'mergeSubjects'];
    const mutations = Object.values(schema.getMutationType()!.getFields())
      .filter((f) => f.name !== 'login')
      .sort((a, b) => last.indexOf(a.name) - last.indexOf(b.name));
    const refused: string[] = [];
    for (const field of mutations) {
      await refreshVersions();
      const [arg] = field.args;
      const type = (isNonNullType(arg!.type) ? arg!.type.ofType : arg!.type) as GraphQLInputObjectType;
      const who = AS[field.name] ?? 'manager';
      const r = await t.gql(
        `mutation($input: ${String(arg!.type)}) { ${field.name}(input: $input)${selectionOf(field)} }`,
        { input: sample(field.name, type, []) },
        tok[who],
      );
      if (r.errors) refused.push(`  ${field.name} (${who}): ${r.errors[0]!.extensions?.code} ${r.errors[0]!.message.slice(0, 160)}`);
    }
    console.log([`valid-looking inputs accepted as they are: ${mutations.length - refused.length} of ${mutations.length}; refused:`, ...refused].join('\n'));
    // A few are refused for the state the records are in (a draft referral without its consent details) or that an earlier one left.
    expect(refused.length).toBeLessThanOrEqual(Math.floor(mutations.length * 0.15));
  }, 120_000);
});
