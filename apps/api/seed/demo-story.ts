import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { AccessScopes, type Actor, defineAbilityFor, type Principal, SqlConditions } from '../../../libs/access/src/index.js';
import { registerRestrictionConditions } from '../../../libs/governance/src/engines.js';
import {
  AgeBand,
  BanScope,
  BanService,
  BanStatus,
  CaseNoteService,
  CaseService,
  CaseStatus,
  EvidenceKind,
  IncidentCategory,
  IncidentService,
  IncidentSeverity,
  IncidentSubjectPart,
  RiskLevel,
  SpecialCategoryKind,
  SpecialCategoryService,
  SubjectService,
} from '../../../libs/cases/src/index.js';
import { AppConfig, calendarDate } from '../../../libs/common/src/index.js';
import { AuditService, LawfulBasis, retainUntilFor } from '../../../libs/governance/src/index.js';
import { ContactChannel, ContactLogService, FollowUpActionService } from '../../../libs/partners/src/index.js';
import { NotificationOutbox } from '../../../libs/notifications/src/index.js';
import { InProcessEventBus } from '../../../libs/events/src/index.js';
import {
  ReferralConsent,
  ReferralNeed,
  ReferralService,
  ReferralStatus,
  ReferralUpdateService,
  ReferralUrgency,
  ReferralWorkflowService,
} from '../../../libs/referrals/src/index.js';
import {
  AgreementService,
  BranchWarningService,
  CaseShareService,
  CaseUpdateKind,
  CaseUpdateService,
  DataCategory,
  HandlingCode,
  IntelligenceAssessment,
  IntelligenceCategory,
  IntelligenceService,
  IntelligenceSourceType,
  registerSharingSqlConditions,
} from '../../../libs/sharing/src/index.js';

/**
 * The demo story: a few clearly fictional people and what a library service records about them
 * over some months, so a newcomer sees every role's screens with something on them. Made through
 * the real services, as the demo users, so lawful bases, retention dates, state machines and the
 * audit trail are what the app itself would write; plain SQL only moves dates into the past
 * where the services stamp "now" (cases opened, referrals sent and answered), keeping the
 * retention dates that follow from them.
 *
 * Seeded once: the story's data sharing agreement marks it as done. It is one transaction, so a
 * start interrupted half-way leaves nothing to trip over the next run.
 */
export const DEMO_AGREEMENT_TITLE = 'Town Centre information sharing agreement';

const SAFEGUARDING_CONDITION = 'UK GDPR Article 9(2)(g); DPA 2018 Schedule 1 paragraph 18 (safeguarding of children and individuals at risk)';

const DAY = 86_400_000;
/** A moment `days` (1 or more) days ago at `hour`:`minute` UTC: always in the past. */
const ago = (days: number, hour: number, minute = 0): Date => {
  const d = new Date(Date.now() - days * DAY);
  d.setUTCHours(hour, minute, 0, 0);
  return d;
};
/** The UK calendar date `days` from today (negative: in the past). */
const on = (days: number): string => calendarDate(new Date(Date.now() + days * DAY));
const minutesAfter = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);

export async function seedDemoStory(ds: DataSource, logger: Logger): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('safer-libraries demo seed'))`);
    const [service] = await m.query(`SELECT id FROM library_service WHERE code = 'DEMO'`);
    if (!service) throw new Error('the demo story needs the demo base (library service DEMO) first');
    const [done] = await m.query(`SELECT 1 AS ok FROM data_sharing_agreement WHERE library_service_id = $1 AND title = $2`, [service.id, DEMO_AGREEMENT_TITLE]);
    if (done) return;
    const counts = await tellStory(boundTo(ds, m), m, service.id);
    logger.info({ libraryServiceId: service.id, ...counts }, 'demo story seeded');
  });
}

/**
 * The DataSource as the services see it, bound to the seed's transaction: their own transactions
 * become savepoints inside it, and their reads see what the story wrote before. Anything else a
 * service might ask of the DataSource would take another connection (and wait forever on the
 * embedded database's single one), so it is refused loudly instead.
 */
function boundTo(ds: DataSource, m: EntityManager): DataSource {
  const bound: Record<PropertyKey, unknown> = {
    manager: m,
    transaction: m.transaction.bind(m),
    query: m.query.bind(m),
    getRepository: m.getRepository.bind(m),
    createQueryBuilder: m.createQueryBuilder.bind(m),
  };
  return new Proxy(ds, {
    get(target, prop, receiver) {
      if (prop in bound) return bound[prop];
      const value = Reflect.get(target, prop, receiver);
      if (typeof value === 'function') throw new Error(`demo story: DataSource.${String(prop)} is not bound to the seed's transaction`);
      return value;
    },
  });
}

async function tellStory(ds: DataSource, m: EntityManager, serviceId: string) {
  // The services as the app wires them, on the seed's transaction: the same access scope and rules.
  const conditions = new SqlConditions();
  registerRestrictionConditions(conditions);
  registerSharingSqlConditions(conditions);
  const scopes = new AccessScopes(ds, new AuditService(), conditions);
  const subjects = new SubjectService(scopes);
  const specialCategory = new SpecialCategoryService(scopes);
  const cases = new CaseService(scopes);
  const notes = new CaseNoteService(scopes);
  const incidents = new IncidentService(scopes);
  const bans = new BanService(scopes);
  // The configured response days only matter to the overdue list, which the story does not read.
  const referrals = new ReferralService(scopes, new AppConfig());
  // The story's referrals and shares notify the demo users as the app's would (published once the seed commits).
  const outbox = new NotificationOutbox(ds, new InProcessEventBus());
  const workflow = new ReferralWorkflowService(scopes, outbox);
  const referralUpdates = new ReferralUpdateService(scopes);
  const agreements = new AgreementService(ds, scopes);
  const shares = new CaseShareService(ds, scopes, outbox);
  const caseUpdates = new CaseUpdateService(scopes);
  const intelligence = new IntelligenceService(scopes);
  const warnings = new BranchWarningService(scopes);
  const contactLogs = new ContactLogService(scopes, new FollowUpActionService(scopes));

  const manager = await actorFor(m, 'manager@demo.test');
  const outreach = await actorFor(m, 'outreach@demo.test');
  const staff = await actorFor(m, 'staff@demo.test');
  const pcso = await actorFor(m, 'pcso@demo.test');
  const branch = await idsByName(m, 'branch', serviceId);
  const partner = await idsByName(m, 'partner_organisation', serviceId);
  const central = branch('Central Library');
  const northgate = branch('Northgate Library');
  const riverside = branch('Riverside Library');
  const police = partner('Town Centre Neighbourhood Policing Team');

  // People. Names in the style of the demo users, so nobody mistakes them for real people.
  const danny = await subjects.create(outreach, {
    name: 'Danny Demo',
    aliases: ['Dan the Demo'],
    ageBand: AgeBand.AGE_18_24,
    description: 'Tall; usually wears a green parka',
    notes: 'Responds well to calm, direct requests; ask him to step outside for a word rather than in front of friends.',
  });
  const sid = await subjects.create(manager, { name: 'Sid Sample', ageBand: AgeBand.AGE_35_49, description: 'Shaved head, black puffer jacket' });
  const terry = await subjects.create(outreach, {
    name: 'Terry Testcase',
    ageBand: AgeBand.AGE_50_64,
    isAdultAtRisk: true,
    description: 'Often sleeps in the doorway of Riverside Library',
  });
  await specialCategory.add(outreach, {
    subjectId: terry.id,
    category: SpecialCategoryKind.MENTAL_HEALTH,
    details: 'Anxiety: approach him quietly, one person at a time.',
    dataProtection: { specialCategoryCondition: SAFEGUARDING_CONDITION },
  });
  const ellie = await subjects.create(outreach, { name: 'Ellie Example', ageBand: AgeBand.AGE_14_17, isChildSafeguarding: true });
  const percy = await subjects.create(manager, { name: 'Percy Placeholder', ageBand: AgeBand.AGE_65_PLUS, description: 'A regular reader at Central Library' });
  // Staff make a quick record of someone whose name nobody knows, with the incident, at the desk.
  const filmer = await subjects.create(staff, { description: 'Man, 30s, grey tracksuit, black rucksack; films staff on his phone' });

  // Incidents over the last four months at the three branches, most of them with people linked.
  // Each is reported forty minutes after it happened.
  const incident = (
    actor: Actor,
    occurredAt: Date,
    branchId: string,
    category: IncidentCategory,
    severity: IncidentSeverity,
    i: {
      description: string;
      actionsTaken?: string;
      locationInBuilding?: string;
      people?: { subjectId: string; part: IncidentSubjectPart; notes?: string }[];
      reportedToPolice?: boolean;
      crimeReferenceNumber?: string;
      evidence?: { kind: EvidenceKind; reference: string }[];
    },
  ) => incidents.record(actor, { ...i, branchId, category, severity, occurredAt, reportedAt: minutesAfter(occurredAt, 40) });

  const rearEntrance = await incident(staff, ago(112, 15, 10), central, IncidentCategory.ANTISOCIAL_BEHAVIOUR, IncidentSeverity.MEDIUM, {
    locationInBuilding: 'Teen zone, by the rear entrance',
    description: 'A group of five young people shouted and threw chairs in the teen zone after school. One of them, Danny Demo, refused to leave when asked.',
    actionsTaken: 'Asked the group to leave; they left after ten minutes.',
    people: [{ subjectId: danny.id, part: IncidentSubjectPart.PERPETRATOR }],
  });
  const abuse = await incident(staff, ago(76, 16, 10), central, IncidentCategory.VERBAL_ABUSE, IncidentSeverity.HIGH, {
    locationInBuilding: 'Ground floor reading area',
    description: 'Danny Demo swore at Percy Placeholder, a regular reader, and at the duty librarian when asked to turn his music down.',
    actionsTaken: 'The duty librarian asked him to leave and he left. Percy was offered a cup of tea and a quiet seat.',
    people: [
      { subjectId: danny.id, part: IncidentSubjectPart.PERPETRATOR },
      { subjectId: percy.id, part: IncidentSubjectPart.VICTIM, notes: 'Shaken but unhurt' },
    ],
    evidence: [{ kind: EvidenceKind.CCTV, reference: 'CCTV camera 2 (ground floor), 16:05 to 16:20, saved to the evidence drive' }],
  });
  const theft = await incident(staff, ago(62, 11, 10), central, IncidentCategory.THEFT, IncidentSeverity.HIGH, {
    locationInBuilding: 'Study area, first floor',
    description: "A reader's laptop was taken from the study area while its owner was at the counter. CCTV shows Sid Sample leaving with it.",
    actionsTaken: 'Reported to the police; CCTV kept for them.',
    reportedToPolice: true,
    crimeReferenceNumber: 'CRN-DEMO-0413',
    people: [{ subjectId: sid.id, part: IncidentSubjectPart.PERPETRATOR }],
    evidence: [{ kind: EvidenceKind.CCTV, reference: 'CCTV camera 5 (study area), 11:00 to 11:30, copied for the police' }],
  });
  const threats = await incident(manager, ago(45, 14, 10), northgate, IncidentCategory.THREATENING_BEHAVIOUR, IncidentSeverity.HIGH, {
    description: 'Sid Sample threatened the branch supervisor when refused a second computer session ("wait till you finish tonight").',
    actionsTaken: 'Supervisor went to the staff room; a colleague called the police, who attended.',
    reportedToPolice: true,
    people: [{ subjectId: sid.id, part: IncidentSubjectPart.PERPETRATOR }],
  });
  await incident(manager, ago(31, 15, 10), northgate, IncidentCategory.DRUGS_OR_ALCOHOL, IncidentSeverity.MEDIUM, {
    locationInBuilding: 'Corridor by the toilets',
    description: 'Danny Demo was seen passing small packages to two teenagers in the corridor by the toilets.',
    actionsTaken: 'Staff asked him to leave and told the manager.',
    people: [
      { subjectId: danny.id, part: IncidentSubjectPart.PERPETRATOR },
      { subjectId: ellie.id, part: IncidentSubjectPart.WITNESS },
    ],
  });
  await incident(outreach, ago(20, 10, 10), riverside, IncidentCategory.OTHER, IncidentSeverity.LOW, {
    description: 'Terry Testcase arrived distressed, saying the people staying at his flat had taken his bank card.',
    actionsTaken: 'Staff sat with him and called Olu Outreach, who came within the hour.',
    people: [{ subjectId: terry.id, part: IncidentSubjectPart.VICTIM }],
  });
  const filming = await incident(staff, ago(9, 13, 10), central, IncidentCategory.SOCIAL_MEDIA_AUDITOR, IncidentSeverity.MEDIUM, {
    locationInBuilding: "Enquiry desk and children's library",
    description: "A man filmed staff at the enquiry desk and in the children's library on his phone, narrating for a live stream, and refused to stop.",
    actionsTaken: "Staff followed the filming guidance, did not engage, and asked him to leave the children's library.",
    people: [{ subjectId: filmer.id, part: IncidentSubjectPart.PERPETRATOR }],
  });
  await incident(manager, ago(3, 17, 10), riverside, IncidentCategory.DAMAGE, IncidentSeverity.LOW, {
    locationInBuilding: 'Book return box, outside',
    description: 'Graffiti sprayed on the book return box, found at closing.',
    actionsTaken: 'Photographed and reported to the council for cleaning.',
    evidence: [{ kind: EvidenceKind.PHOTO, reference: 'Two photos on the branch shared drive, Riverside/incidents' }],
  });

  // Bans: one in force at two branches and due for review, one at every branch, one proposed at the desk.
  const dannyBan = await bans.propose(manager, {
    subjectId: danny.id,
    scope: BanScope.LISTED_BRANCHES,
    branchIds: [central, northgate],
    incidentIds: [rearEntrance.id, abuse.id],
    reason: 'Repeated antisocial behaviour, and abuse of a reader and staff at Central Library.',
    conditions: 'May not enter Central or Northgate libraries. May use Riverside Library with his outreach worker.',
    startsOn: on(-74),
    endsOn: on(106),
    reviewOn: on(4),
    abaOffered: true,
    notes: 'Offered an acceptable behaviour agreement; not signed yet.',
  });
  await bans.transition(manager, { id: dannyBan.id, version: dannyBan.version, to: BanStatus.ACTIVE, note: 'Confirmed after the abuse of a reader.' });
  const sidBan = await bans.propose(manager, {
    subjectId: sid.id,
    scope: BanScope.ALL_BRANCHES,
    incidentIds: [theft.id, threats.id],
    reason: "Theft of a reader's laptop at Central and threats to the Northgate supervisor.",
    conditions: 'May not enter any Demo Shire library.',
    startsOn: on(-44),
    endsOn: on(321),
    reviewOn: on(46),
    dataProtection: { criminalOffenceCondition: 'DPA 2018 Schedule 1 Part 2 paragraph 10 (preventing or detecting unlawful acts)' },
  });
  await bans.transition(manager, { id: sidBan.id, version: sidBan.version, to: BanStatus.ACTIVE, note: 'Confirmed; the police have the crime reference.' });
  await bans.propose(staff, {
    subjectId: filmer.id,
    scope: BanScope.LISTED_BRANCHES,
    branchIds: [central],
    incidentIds: [filming.id],
    reason: "Filmed staff and children in the children's library and refused to stop.",
  });

  // Cases, opened when the trouble began, with their notes.
  // Notes keep today's date: case notes are append-only, down to the database (a trigger refuses changes).
  const caseFor = async (
    actor: Actor,
    openedDaysAgo: number,
    input: { subjectId: string; title: string; summary: string; riskLevel: RiskLevel; status?: CaseStatus },
    caseNotes: [Actor, string][],
  ) => {
    const c = await cases.create(actor, input);
    await m.query(`UPDATE case_file SET opened_at = $2 WHERE id = $1`, [c.id, ago(openedDaysAgo, 9)]);
    for (const [author, body] of caseNotes) await notes.add(author, { caseId: c.id, body });
    return c;
  };
  const dannyCase = await caseFor(
    outreach,
    110,
    {
      subjectId: danny.id,
      title: 'Antisocial behaviour at Central Library',
      riskLevel: RiskLevel.MEDIUM,
      summary: 'A young man at the centre of an after-school group at the rear entrance; banned from Central and Northgate; working with outreach.',
    },
    [
      [outreach, 'Met Danny with his mum. He agreed to keep away from the group at the rear entrance.'],
      [manager, 'Ban confirmed for Central and Northgate; review booked. Shared with the neighbourhood team.'],
      [outreach, 'Danny says he wants help finding work. Talked about meeting the PCSO at Cuppa with a coppa.'],
    ],
  );
  const sidCase = await caseFor(
    manager,
    60,
    {
      subjectId: sid.id,
      title: 'Theft and threats to staff',
      riskLevel: RiskLevel.HIGH,
      summary: 'Theft at Central, threats at Northgate; banned from every branch while the police investigate.',
    },
    [[manager, 'The police have the CCTV and a crime reference. Ban confirmed for all branches.']],
  );
  const terryCase = await caseFor(
    outreach,
    20,
    {
      subjectId: terry.id,
      title: 'Rough sleeping and possible cuckooing',
      riskLevel: RiskLevel.HIGH,
      summary: 'Sleeping in the Riverside doorway; people staying at his flat have his bank card.',
    },
    [
      [outreach, 'Terry says four people have been staying at his flat for a month and he is afraid to go home.'],
      [outreach, 'Referred to the neighbourhood team; Housing Options and the foodbank to follow.'],
    ],
  );
  await caseFor(
    outreach,
    14,
    {
      subjectId: ellie.id,
      title: 'Young person at Northgate in school hours',
      riskLevel: RiskLevel.MEDIUM,
      status: CaseStatus.MONITORING,
      summary: 'A 15-year-old spending most weekday mornings at Northgate; the school is involved.',
    },
    [[outreach, 'Ellie has been at Northgate most weekday mornings for two weeks. Her school has been told.']],
  );

  // Intelligence on Danny's case, and a desk warning drawn from it.
  const criminal = { criminalOffenceCondition: 'DPA 2018 Schedule 1 Part 2 paragraph 10 (preventing or detecting unlawful acts)' };
  const rearEntranceIntelligence = await intelligence.record(manager, {
    caseId: dannyCase.id,
    branchId: central,
    sourceType: IntelligenceSourceType.STAFF_OBSERVATION,
    sourceEvaluation: 1,
    intelligenceAssessment: IntelligenceAssessment.A,
    handlingCode: HandlingCode.P,
    category: IntelligenceCategory.DRUGS,
    body: 'Staff saw Danny hand small packages to teenagers by the rear entrance on three afternoons after school; they believe it is cannabis.',
    dataProtection: criminal,
  });
  await intelligence.record(outreach, {
    caseId: dannyCase.id,
    sourceType: IntelligenceSourceType.MEMBER_OF_PUBLIC,
    sourceEvaluation: 2,
    intelligenceAssessment: IntelligenceAssessment.C,
    handlingCode: HandlingCode.C,
    handlingConditions: 'For the Town Centre Neighbourhood Policing Team only; do not reveal the source.',
    handlingOrganisationIds: [police],
    category: IntelligenceCategory.EXPLOITATION,
    placeDescription: 'Quay Street',
    body: 'A member of the public says an older man in a silver car on Quay Street pressures Danny to sell for him.',
    dataProtection: criminal,
  });
  await warnings.publish(manager, {
    branchId: central,
    intelligenceItemId: rearEntranceIntelligence.id,
    expiresOn: on(30),
    text: 'Groups gathering at the rear entrance after school (15:00 to 17:00). Keep the rear door closed; call the PCSO team if there is trouble.',
  });

  // The agreement with the police team, and live shares of three cases under it.
  const draft = await agreements.create(manager, {
    title: DEMO_AGREEMENT_TITLE,
    purpose: 'Preventing and reducing crime, disorder and antisocial behaviour in and around Demo Shire libraries, and safeguarding people at risk.',
    lawfulBasis: LawfulBasis.PUBLIC_TASK,
    lawfulBasisDetails: 'UK GDPR Article 6(1)(e); Crime and Disorder Act 1998 section 115',
    usesSection115: true,
    criminalOffenceCondition: 'DPA 2018 Schedule 1 Part 2 paragraph 10 (preventing or detecting unlawful acts)',
    specialCategoryCondition: SAFEGUARDING_CONDITION,
    categories: [
      DataCategory.IDENTITY,
      DataCategory.CONTACT,
      DataCategory.INCIDENTS,
      DataCategory.BANS,
      DataCategory.REFERRALS,
      DataCategory.INTELLIGENCE,
      DataCategory.SPECIAL_CATEGORY,
      DataCategory.CRIMINAL_OFFENCE,
    ],
    retentionAgreed: 'The police keep shared records no longer than the library does.',
    securityMeasures: 'Read in Safer Libraries only, with every read audited; no copies by email.',
    startsOn: on(-30),
    reviewOn: on(335),
    partnerOrganisationIds: [police],
    signatories: [
      { name: 'Morgan Manager', jobTitle: 'Library Services Manager', onBehalfOf: 'Demo Shire Libraries', signedOn: on(-32) },
      { name: 'Inspector Ivy Illustrative', jobTitle: 'Neighbourhood Inspector', onBehalfOf: 'Town Centre Neighbourhood Policing Team', signedOn: on(-31) },
    ],
  });
  const agreement = await agreements.transition(manager, draft.id, draft.version, 'activate', null);
  const share = (caseId: string, categories: DataCategory[], reason: string) =>
    shares.share(manager, { caseId, agreementId: agreement.id, partnerOrganisationId: police, categories, reason });
  await share(
    dannyCase.id,
    [DataCategory.IDENTITY, DataCategory.INCIDENTS, DataCategory.BANS, DataCategory.INTELLIGENCE, DataCategory.CRIMINAL_OFFENCE],
    'Joint problem solving: patrols at the rear entrance after school, and support for Danny',
  );
  await share(
    sidCase.id,
    [DataCategory.IDENTITY, DataCategory.INCIDENTS, DataCategory.BANS, DataCategory.CRIMINAL_OFFENCE],
    'The police are investigating the theft; the ban covers every library',
  );
  await share(
    terryCase.id,
    [DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.REFERRALS, DataCategory.SPECIAL_CATEGORY],
    'Planning a joint welfare visit about possible cuckooing; he is an adult at risk',
  );
  // What the police team adds back.
  await caseUpdates.add(pcso, {
    caseId: dannyCase.id,
    kind: CaseUpdateKind.ACTION_TAKEN,
    body: 'PCSO patrols at the rear entrance on weekday afternoons, 15:00 to 17:00, for the next four weeks.',
  });
  await intelligence.submit(pcso, {
    caseId: dannyCase.id,
    sourceEvaluation: 1,
    intelligenceAssessment: IntelligenceAssessment.B,
    handlingCode: HandlingCode.P,
    category: IntelligenceCategory.DRUGS,
    body: 'Danny was given a community resolution for possession of cannabis in the town centre last month.',
    dataProtection: criminal,
  });

  // Referrals by the outreach worker: accepted, overdue, sent, and a draft still missing details.
  const send = async (id: string, version: number) => workflow.transition(outreach, id, version, ReferralStatus.SENT);
  const refer = (
    subject: { id: string },
    partnerOrganisationId: string,
    partnerService: string,
    needs: ReferralNeed[],
    urgency: ReferralUrgency,
    r: Omit<Parameters<ReferralService['create']>[1], 'subjectId' | 'partnerOrganisationId' | 'partnerService' | 'needs' | 'urgency'>,
  ) => referrals.create(outreach, { subjectId: subject.id, partnerOrganisationId, partnerService, needs, urgency, ...r });
  const viaRiverside = 'Drops in at Riverside Library most mornings; ask staff to call Olu Outreach first';
  const consent = (daysAgo: number, where: string) => ({
    consent: ReferralConsent.GIVEN,
    consentRecordedAt: ago(daysAgo, 10),
    consentMethod: `Verbally, in person at ${where}`,
  });
  const dannyReferral = await refer(danny, police, 'Cuppa with a coppa', [ReferralNeed.YOUTH_SUPPORT], ReferralUrgency.ROUTINE, {
    reason: 'Danny would like to talk to the PCSO team about staying out of trouble and local activities.',
    contactRoute: 'Through Olu Outreach at Central Library, weekday mornings',
    ...consent(9, 'Central Library'),
  });
  const dannySent = await send(dannyReferral.id, dannyReferral.version);
  await workflow.transition(pcso, dannySent.id, dannySent.version, ReferralStatus.ACCEPTED);
  await referralUpdates.add(pcso, {
    referralId: dannyReferral.id,
    body: 'Thanks. PCSO Priya Patel will meet Danny at the next Cuppa with a coppa at Central.',
  });
  await backdateReferral(m, serviceId, dannyReferral.id, { DRAFT: ago(9, 11), SENT: ago(8, 9), ACCEPTED: ago(6, 14) });

  const cuckooing = await refer(terry, police, 'PCSO patrols', [ReferralNeed.OTHER], ReferralUrgency.SOON, {
    reason: 'People staying at his flat have his bank card and he is afraid to go home: we are worried he is being cuckooed.',
    contactRoute: viaRiverside,
    ...consent(19, 'Riverside Library'),
  });
  await send(cuckooing.id, cuckooing.version);
  // Three weeks without an answer: past the working days a SOON referral allows, so it is overdue.
  await backdateReferral(m, serviceId, cuckooing.id, { DRAFT: ago(19, 11), SENT: ago(18, 10) });

  const housing = await refer(terry, partner('Demo Shire Housing Options'), 'Homelessness prevention', [ReferralNeed.HOUSING], ReferralUrgency.ROUTINE, {
    reason: 'Terry is at risk of losing his tenancy and sometimes sleeps in the Riverside Library doorway.',
    contactRoute: viaRiverside,
    ...consent(2, 'Riverside Library'),
  });
  await send(housing.id, housing.version);

  const school = await refer(ellie, partner('Riverside Academy'), 'Safeguarding lead liaison', [ReferralNeed.FAMILY_SUPPORT], ReferralUrgency.ROUTINE, {
    reason: 'Ellie is at Northgate Library most weekday mornings instead of at school.',
    contactRoute: "The school's designated safeguarding lead knows the family",
    consent: ReferralConsent.NOT_ASKED,
    lawfulBasisJustification: 'Safeguarding a child: the school needs to know a pupil is out of lessons, and asking her first could put her at risk.',
    dataProtection: { lawfulBasis: LawfulBasis.PUBLIC_TASK },
  });
  await send(school.id, school.version);

  await refer(terry, partner('Hope Foodbank'), 'Food parcels', [ReferralNeed.FOOD], ReferralUrgency.SOON, {
    reason: 'Terry has no money for food until his bank card is replaced.',
    consent: ReferralConsent.GIVEN,
  });

  // Contact with partners, with follow-ups (one already overdue).
  await contactLogs.create(manager, {
    partnerOrganisationId: partner('Street Pastors'),
    branchId: central,
    occurredAt: ago(12, 18),
    channel: ContactChannel.MEETING,
    summary: 'Met the Street Pastors coordinator: they will look in at Central on Friday evenings before closing.',
    attendees: 'Morgan Manager; Street Pastors coordinator',
    followUpActions: [{ description: 'Send Street Pastors the Friday closing-time rota', ownerId: manager.principal.id, dueOn: on(-3) }],
  });
  await contactLogs.create(manager, {
    partnerOrganisationId: partner('High Street Business Improvement District'),
    branchId: northgate,
    occurredAt: ago(4, 9),
    channel: ContactChannel.EMAIL,
    summary: 'The street rangers will add Northgate to their afternoon route for the next month.',
    followUpActions: [{ description: 'Tell Northgate staff when the rangers will call', ownerId: outreach.principal.id, dueOn: on(5) }],
  });
  await contactLogs.create(manager, {
    partnerOrganisationId: police,
    branchId: central,
    occurredAt: ago(2, 16),
    channel: ContactChannel.PATROL_VISIT,
    summary: 'PCSO patrol at the rear entrance after school; no group seen.',
  });

  return { subjects: 6, cases: 4, incidents: 8, bans: 3, referrals: 5, caseShares: 3 };
}

/** A demo user as the services expect a signed-in user: their identifiers and ability. */
async function actorFor(m: EntityManager, email: string): Promise<Actor> {
  const [u] = await m.query(
    `SELECT id, role, library_service_id, partner_organisation_id, ARRAY(SELECT ub.branch_id FROM user_branch ub WHERE ub.user_id = u.id ORDER BY ub.branch_id) AS branch_ids
       FROM app_user u WHERE lower(email) = $1`,
    [email],
  );
  if (!u) throw new Error(`the demo story needs the demo user ${email}`);
  const principal: Principal = {
    id: u.id,
    role: u.role,
    libraryServiceId: u.library_service_id,
    partnerOrganisationId: u.partner_organisation_id,
    branchIds: u.branch_ids ?? [],
  };
  return { principal, ability: defineAbilityFor(principal), requestId: 'demo-seed' };
}

/** Ids of the demo service's branches or partner organisations, by name. */
async function idsByName(m: EntityManager, table: 'branch' | 'partner_organisation', serviceId: string): Promise<(name: string) => string> {
  const rows: { id: string; name: string }[] = await m.query(`SELECT id, name FROM ${table} WHERE library_service_id = $1`, [serviceId]);
  return (name) => {
    const row = rows.find((r) => r.name === name);
    if (!row) throw new Error(`the demo story needs the demo ${table.replace('_', ' ')} ${name}`);
    return row.id;
  };
}

/**
 * Moves a referral's steps into the past, as if made on those days: its timestamps, its
 * transitions, and its provisional retention date (which runs from when it was created).
 */
async function backdateReferral(m: EntityManager, serviceId: string, id: string, steps: { DRAFT: Date; SENT?: Date; ACCEPTED?: Date }): Promise<void> {
  await m.query(
    `UPDATE referral SET created_at = $2, sent_at = coalesce($3, sent_at), accepted_at = coalesce($4, accepted_at), retain_until = $5 WHERE id = $1`,
    [id, steps.DRAFT, steps.SENT ?? null, steps.ACCEPTED ?? null, await retainUntilFor(m, serviceId, 'REFERRAL', steps.DRAFT)],
  );
  for (const [status, at] of Object.entries(steps)) {
    await m.query(`UPDATE referral_transition SET at = $3 WHERE referral_id = $1 AND to_status = $2`, [id, status, at]);
  }
}
