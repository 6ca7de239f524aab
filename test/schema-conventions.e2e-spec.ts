import { GraphQLSchemaHost } from '@nestjs/graphql';
import {
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { startTestApp, type TestApp } from './support/test-app.js';

/*
 * The API conventions of docs/architecture.md ("API conventions"), checked on the running schema,
 * so that a new query, mutation or field that breaks them fails here rather than in a partner's
 * generated client. Each allow-list says why its entries are exceptions; keep them short.
 */

/** Root query lists that are not connections: both are bounded by the code, not by the data. */
const ROOT_LISTS: Record<string, string> = {
  retentionPolicies: 'one per record type with a retention period: fixed by the code',
  dataProtectionPolicies: 'one per record type with a criminal offence condition policy: fixed by the code',
  possibleDuplicateSubjects: 'at most 20 candidates, by design: a check before recording a person, not a list to page through',
  suggestedPartners: 'at most 20 suggestions, ranked: a short list to choose a partner from, not a list to page through',
  notificationPreferences: 'one per notification kind: fixed by the code',
};

/** Lists of records under a record that stay plain lists: each is bounded (by a cap, a state machine, or what it belongs to). */
const BOUNDED_LISTS: Record<string, string> = {
  'Alarm.timeline': 'one alarm: raised, one acknowledgement per person, stood down',
  'Ban.incidents': 'at most 50 linked incidents (BAN_INCIDENTS_MAX)',
  'Ban.branches': 'at most 200 listed branches (BAN_BRANCHES_MAX)',
  'Ban.transitions': 'the moves of one ban through its state machine',
  'BanNotice.branches': 'the branches of one ban (at most 200)',
  'ContactLog.followUpActions': 'the actions agreed at one contact',
  'DirectoryImportReport.refused': 'the refused records of one import (at most DIRECTORY_MAX_ORGANISATIONS)',
  'DataSharingAgreement.parties': 'the parties to one agreement',
  'DataSharingAgreement.alertBranches': 'at most 200 branches of the service (alertBranchIds)',
  'DataSharingAgreement.signatories': 'the signatories of one agreement',
  'Incident.people': 'at most 50 people per incident (PEOPLE_MAX)',
  'Incident.staffInvolved': 'at most 30 staff per incident (STAFF_MAX)',
  'Incident.evidence': 'the evidence references of one incident',
  'Incident.followUpActions': 'the actions after one incident',
  'Incident.welfareChecks': 'one answer per checklist item per member of staff involved',
  'IntelligenceItem.handlingOrganisations': 'at most 50 organisations named by a handling code C',
  'PartnerOrganisation.contacts': 'the named people of one organisation (a handful)',
  'Referral.transitions': 'at most five moves: DRAFT → SENT → ACCEPTED → IN_PROGRESS → CLOSED',
  'Subject.cases': 'the cases of one person (one, rarely a few)',
  'Subject.specialCategory': 'one detail per kind of special category data',
  'SubjectMergeResult.movedLinks': 'one row per kind of link, fixed by the code',
  'User.branches': 'the branches one member of staff works at',
  'SharedCase.bans': "one person's confirmed bans, read whole under a share for the purpose stated",
  'SharedCase.incidents': "one person's incidents, read whole under a share for the purpose stated",
  'SharedCase.referrals': "one person's sent referrals, read whole under a share for the purpose stated",
  'SharedCase.intelligence': "one person's accepted intelligence, read whole under a share for the purpose stated",
  'SharedCase.shares': 'the live shares of one case with the reader',
  'SharedSpecialCategory.details': 'one detail per kind of special category data',
  'RecordOfProcessing.activities': 'one per kind of record, fixed by the code',
  'RecordOfProcessing.recipients': 'the organisations with an active agreement',
  'ProcessingActivity.lawfulBasesInUse': 'at most one per lawful basis',
  'ProcessingActivity.recipients': 'the organisations with an active agreement',
  'RetentionReport.lines': 'one per record type, fixed by the code',
  'RetentionReport.lastRuns': 'the last 10 sweeps',
  'RetentionRunView.counts': 'one per record type, fixed by the code',
  'RightsOutcomeView.corrected': 'what one decision did (at most 100 corrections)',
  'RightsOutcomeView.erased': "what one decision did, to one person's records",
  'RightsOutcomeView.kept': "what one decision did, to one person's records",
  'RightsOutcomeView.linksRemoved': 'one row per kind of link, fixed by the code',
  'ReferralStatistics.groups': 'one per partner, need or month of the period asked for',
  'AnonymisedSummary.branchTotals': 'one per branch asked for (at most 30)',
  'AnonymisedSummary.branches': 'the branches asked for (at most 30)',
  'AnonymisedSummary.rows': 'one per incident category, fixed by the code',
  'AnonymisedSummaryRow.cells': 'one per branch asked for (at most 30)',
  'IncidentStatistics.groups': 'at most 1000 groups (MAX_GROUPS); more is refused',
  'IncidentStatistics.topRepeatPlaces': 'the ten places with most incidents',
  'IncidentStatisticsGroup.keys': 'one per groupBy (at most six)',
  'PartnerEngagementReport.contactsByMonth': 'at most 1000 partner-months',
  'PartnerEngagementReport.followUps': 'at most 200 partners',
  'StaffWelfareReport.checklist': 'one per welfare checklist item, fixed by the code',
};

/** Mutations that take their arguments flat rather than one `input`. */
const FLAT_MUTATIONS: Record<string, string> = {
  login: 'signing in changes no record; every client writes it by hand before it has a token',
};

/** Ids on a record that stay ids, with no object to follow. Users and library services are left out by rule (see ID_RULES). */
const ID_ONLY: Record<string, string> = {
  'AgreementParty.agreementId': 'the agreement it belongs to: reached through DataSharingAgreement.parties',
  'BanTransition.banId': 'the ban it belongs to: reached through Ban.transitions',
  'CaseNote.caseId': 'the case it belongs to: reached through Case.notes',
  'CaseNote.correctsNoteId': 'another note of the same case, in Case.notes',
  'DraftIncident.branchId': "a value to pass to recordIncident; the branch is the alarm's, Alarm.branch",
  'IncidentEvidence.incidentId': 'the incident it belongs to: reached through Incident.evidence',
  'IncidentFollowUpAction.incidentId': 'the incident it belongs to: reached through Incident.followUpActions',
  'IncidentWelfareCheck.incidentId': 'the incident it belongs to: reached through Incident.welfareChecks',
  'IntelligenceReview.intelligenceItemId': 'the item it belongs to: reached through IntelligenceItem.reviews',
  'ReferralTransition.referralId': 'the referral it belongs to: reached through Referral.transitions',
  'ReferralUpdate.referralId': 'the referral it belongs to: reached through Referral.updates',
  'SubjectSpecialCategory.subjectId': 'the person it belongs to: reached through Subject.specialCategory',
  'RightsOutcomeView.restrictionId': 'read with subjectRestriction(subjectId)',
  'Notification.recordId': 'a record of any of several types (recordType): the client opens it through that type’s own query, with its access',
  'PartnerWebhook.partnerOrganisationId': 'the organisation asked for: partnerWebhook(partnerOrganisationId)',
  'RetentionRunCount.sampleIds': 'records of several types the sweep would delete or anonymise; a dry run, not a read of them',
  // Types partners read lead to no internal record (access-review.e2e-spec.ts, "the schema"): the library follows these ids itself.
  'CaseUpdate.caseId': 'partner-facing: a partner reads the case as sharedCase(id)',
  'CaseUpdate.caseShareId': 'partner-facing: CaseShare is internal',
  'IntelligenceItem.caseId': 'partner-facing: Case is internal',
  'IntelligenceItem.subjectId': 'partner-facing: Subject is internal',
  'IntelligenceItem.submittedViaShareId': 'partner-facing: CaseShare is internal',
  // Reports are counts (libs/reports): each key comes with its name beside it, no record to follow.
  'AnonymisedSummary.agreementId': 'a report: the agreement it was made under, which the manager named',
  'AnonymisedSummary.partnerOrganisationId': 'a report: the partner it is for, which the manager named',
  'AnonymisedSummaryBranch.branchId': 'a report: a column key, with the branch name beside it',
  'PartnerContactsInMonth.partnerOrganisationId': 'a report: a count key, with the partner name beside it',
  'PartnerOverdueFollowUps.partnerOrganisationId': 'a report: a count key, with the partner name beside it',
  'RepeatPlace.branchId': 'a report: a count key, with the branch name beside it',
};

/**
 * Ids that point at users or library services stay ids: other users are readable only by
 * administrators and the DPO (a relation would be null for nearly everyone), and the API has no
 * library service type (a user only ever sees their own service).
 */
const ID_RULES: { pattern: RegExp; why: string }[] = [
  { pattern: /(ById|^byId|^authorId|^ownerId|^actorId|^userId|^staffUserId)$/, why: 'a user' },
  { pattern: /(^l|L)ibraryServiceIds?$/, why: 'a library service' },
];

/** String fields whose names look like an enumeration's but hold free text. */
const FREE_TEXT: Record<string, string> = {
  'ProcessingActivity.dataCategories': 'Article 30 categories of personal data, in words (not the sharing DataCategory)',
};

/** Fields named like a date that are not one. */
const NOT_DATES: Record<string, string> = {
  'ReferralOutcomeCounts.referredOn': 'a count: referrals referred on to another service (the REFERRED_ON outcome)',
};

type AnyField = GraphQLField<unknown, unknown> | GraphQLInputField;

const ownTypes = (schema: GraphQLSchema) => Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
const fieldsOf = (t: GraphQLNamedType): AnyField[] => (isObjectType(t) || isInputObjectType(t) ? Object.values(t.getFields()) : []);
const isConnection = (t: GraphQLType) => getNamedType(t).name.endsWith('Connection');
const isListOf = (t: GraphQLType) => isListType(getNullableType(t));
const words = (name: string) => name.split(/(?=[A-Z])/);
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
const singular = (name: string) => (name.endsWith('ies') ? `${name.slice(0, -3)}y` : name.endsWith('s') ? name.slice(0, -1) : name);
const hasField = (schema: GraphQLSchema, path: string) => {
  const [type, field] = path.split('.');
  const t = schema.getType(type);
  return Boolean(t && fieldsOf(t).some((f) => f.name === field));
};

describe('GraphQL API conventions', () => {
  let t: TestApp;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    t = await startTestApp();
    schema = t.running.app.get(GraphQLSchemaHost).schema;
  });
  afterAll(() => t.close());

  it('allow-lists name fields that exist (a stale entry hides nothing)', () => {
    const stale = [...Object.keys(BOUNDED_LISTS), ...Object.keys(ID_ONLY), ...Object.keys(FREE_TEXT), ...Object.keys(NOT_DATES)].filter(
      (path) => !hasField(schema, path),
    );
    const staleRoot = Object.keys(ROOT_LISTS).filter((name) => !schema.getQueryType()!.getFields()[name]);
    const staleMutations = Object.keys(FLAT_MUTATIONS).filter((name) => !schema.getMutationType()!.getFields()[name]);
    expect([...stale, ...staleRoot, ...staleMutations]).toEqual([]);
  });

  it('every root query list is a paginated connection (first, after, totalCount)', () => {
    const offenders: string[] = [];
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      if (isListOf(field.type) && !ROOT_LISTS[field.name]) offenders.push(`Query.${field.name}: ${field.type}`);
      if (isConnection(field.type)) {
        const args = field.args.map((a) => a.name);
        if (!args.includes('first') || !args.includes('after')) offenders.push(`Query.${field.name} has no first/after`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('lists of records under a record are connections, or bounded and say why', () => {
    const offenders: string[] = [];
    for (const type of ownTypes(schema)) {
      if (!isObjectType(type) || type === schema.getQueryType() || type === schema.getMutationType() || type.name.endsWith('Connection')) continue;
      for (const field of Object.values(type.getFields())) {
        if (isListOf(field.type) && isObjectType(getNamedType(field.type)) && !BOUNDED_LISTS[`${type.name}.${field.name}`]) {
          offenders.push(`${type.name}.${field.name}: ${field.type}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('an id of a record you may read comes with the record as an object (ContactLog.branchId and ContactLog.branch)', () => {
    const offenders: string[] = [];
    for (const type of ownTypes(schema)) {
      if (!isObjectType(type) || type === schema.getQueryType() || type === schema.getMutationType() || /(Connection|Edge)$/.test(type.name)) continue;
      const fields = type.getFields();
      for (const field of Object.values(fields)) {
        if (getNamedType(field.type).name !== 'ID' || !/Ids?$/.test(field.name) || ID_ONLY[`${type.name}.${field.name}`]) continue;
        if (ID_RULES.some((r) => r.pattern.test(field.name))) continue;
        const base = field.name.replace(/Ids?$/, '');
        const candidates = isListOf(field.type) ? [base, `${base}s`, `${base}es`] : [base];
        const sibling = candidates.map((c) => fields[c]).find(Boolean);
        if (!sibling || !isObjectType(getNamedType(sibling.type))) offenders.push(`${type.name}.${field.name} (no ${candidates.join(' / ')} object field)`);
        else if (!isListOf(field.type) && isNonNullType(sibling.type))
          offenders.push(`${type.name}.${sibling.name} must be nullable: a record you may not read comes back null`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('every mutation takes exactly one argument, input: XInput!', () => {
    const offenders: string[] = [];
    for (const field of Object.values(schema.getMutationType()!.getFields())) {
      if (FLAT_MUTATIONS[field.name]) continue;
      const [arg, ...rest] = field.args;
      const ok =
        arg && !rest.length && arg.name === 'input' && isNonNullType(arg.type) && isInputObjectType(arg.type.ofType) && arg.type.ofType.name.endsWith('Input');
      if (!ok) offenders.push(`${field.name}(${field.args.map((a) => `${a.name}: ${a.type}`).join(', ')})`);
    }
    expect(offenders).toEqual([]);
  });

  it('no String field holds the values of an enumeration', () => {
    const enums = ownTypes(schema)
      .filter(isEnumType)
      .map((e) => e.name);
    // Names that are enum-typed on some record (status, category, role, riskLevel, urgency, …).
    const enumFieldNames = new Set<string>();
    for (const type of ownTypes(schema)) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) if (isEnumType(getNamedType(field.type))) enumFieldNames.add(field.name);
    }
    const offenders: string[] = [];
    for (const type of ownTypes(schema)) {
      for (const field of fieldsOf(type)) {
        if (getNamedType(field.type).name !== 'String' || FREE_TEXT[`${type.name}.${field.name}`]) continue;
        const last = words(field.name).at(-1)!;
        const enumLike =
          enumFieldNames.has(field.name) || // SharedCase.status
          (words(field.name).length > 1 && enums.some((e) => e.endsWith(pascal(singular(field.name))))) || // subjectParts, riskLevel
          enums.includes(pascal(last)); // actorRole
        if (enumLike) offenders.push(`${type.name}.${field.name}: ${field.type}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('calendar dates are Date (…On, dateOfBirth) and instants DateTime (…At): never a String the scalar does not check', () => {
    const offenders: string[] = [];
    for (const type of ownTypes(schema)) {
      for (const field of fieldsOf(type)) {
        const args = 'args' in field ? field.args.map((a) => ({ name: a.name, type: a.type, where: `${type.name}.${field.name}(${a.name})` })) : [];
        for (const f of [{ name: field.name, type: field.type, where: `${type.name}.${field.name}` }, ...args]) {
          const named = getNamedType(f.type).name;
          if (/(On|^dateOfBirth)$/.test(f.name) && named !== 'Date' && !NOT_DATES[f.where]) offenders.push(`${f.where}: ${f.type} (a date is Date)`);
          if (/At$/.test(f.name) && named !== 'DateTime') offenders.push(`${f.where}: ${f.type} (an instant is DateTime)`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('filters spell one idea one way: lists of values, full id names', () => {
    const objectIdFields = new Set<string>();
    for (const type of ownTypes(schema)) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) if (getNamedType(field.type).name === 'ID') objectIdFields.add(field.name);
    }
    const filters = ownTypes(schema).filter((t) => isInputObjectType(t) && t.name.endsWith('FilterInput'));
    const filterFieldNames = new Set(filters.flatMap((f) => fieldsOf(f).map((x) => x.name)));
    const offenders: string[] = [];
    for (const filter of filters) {
      for (const field of fieldsOf(filter)) {
        const where = `${filter.name}.${field.name}`;
        const named = getNamedType(field.type);
        // Several values may be given: statuses: [CaseStatus!], never status: CaseStatus in one filter and statuses in another.
        if (isEnumType(named) && !(isListOf(field.type) && field.name.endsWith('s'))) offenders.push(`${where}: ${field.type} (give a list, plural name)`);
        if (named.name === 'ID') {
          const one = isListOf(field.type) ? singular(field.name) : field.name;
          // The id of a record is named as the records name it (partnerOrganisationId, not partnerId).
          if (!objectIdFields.has(one)) offenders.push(`${where} (no record has an id field named ${one})`);
          if (!isListOf(field.type) && filterFieldNames.has(`${field.name}s`)) offenders.push(`${where} (another filter takes ${field.name}s)`);
        }
      }
    }
    for (const field of Object.values(schema.getQueryType()!.getFields())) {
      for (const arg of field.args) {
        if (getNamedType(arg.type).name === 'ID' && !objectIdFields.has(arg.name))
          offenders.push(`Query.${field.name}(${arg.name}) (no record has an id field named ${arg.name})`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
