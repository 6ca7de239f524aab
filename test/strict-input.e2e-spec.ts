import { QueryFailedError } from 'typeorm';
import { pino } from 'pino';
import { formatError } from '../apps/api/graphql-errors.js';
import { calendarDate } from '../libs/common/src/index.js';
import { createPartner, demoServiceId } from './support/builders.js';
import { codeOf, startTestApp, type GqlResult, type TestApp } from './support/test-app.js';

/*
 * What an attacker's client sent and the service used to store or answer with a 500: dates that
 * are not dates, years that make the retention sweep delete a record at once, events in the
 * future, text PostgreSQL cannot hold. Each is refused as BAD_USER_INPUT, names the field, and
 * leaves the database as it was.
 */

const LOG = `mutation($i: CreateContactLogInput!) { createContactLog(input: $i) { id occurredAt followUpActions { dueOn } } }`;
const INCIDENT = `mutation($i: RecordIncidentInput!) { recordIncident(input: $i) { id occurredAt dataProtection { retainUntil } } }`;
const SUBJECT = `mutation($i: CreateSubjectInput!) { createSubject(input: $i) { id dateOfBirth } }`;
const BAN = `mutation($i: ProposeBanInput!) { proposeBan(input: $i) { id startsOn endsOn reviewOn } }`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const message = (r: GqlResult<unknown>) => r.errors?.[0]?.message ?? '';

describe('strict input (e2e over HTTP)', () => {
  let t: TestApp;
  let manager: string;
  let partnerOrganisationId: string;
  let branchId: string;
  const count = async (table: string) => Number((await t.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
  const log = (extra: Record<string, unknown>) => ({
    partnerOrganisationId,
    channel: 'MEETING',
    summary: 'Met the PCSOs at Central',
    occurredAt: inDays(-1),
    ...extra,
  });
  const incident = (extra: Record<string, unknown>) => ({
    branchId,
    category: 'VERBAL_ABUSE',
    description: 'Shouted at staff',
    occurredAt: inDays(-1),
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp();
    const demo = await demoServiceId(t.db);
    partnerOrganisationId = await createPartner(t.db, { serviceId: demo, name: 'Strict Input Partner' });
    [{ id: branchId }] = await t.db.query(`SELECT id FROM branch WHERE library_service_id = $1 AND name = 'Central Library'`, [demo]);
    manager = await t.login('manager@demo.test');
  });
  afterAll(() => t.close());

  describe('date-times', () => {
    it.each([
      ['a number', 0, /i\.occurredAt.*must be a string written ISO 8601.*not a number/],
      ['a boolean', true, /i\.occurredAt.*not a boolean/],
      ['year 0', '0000-01-01T00:00:00Z', /i\.occurredAt.*must be in a year from 1900 to \d{4}, not 0000/],
      ['more than 100 years ahead', `${new Date().getUTCFullYear() + 101}-01-01T00:00:00Z`, /must be in a year from 1900/],
      ['30 February', '2025-02-30T10:00:00Z', /i\.occurredAt.*must be a day of the calendar, which 2025-02-30 is not/],
      ['25 o’clock', '2025-03-01T25:00:00Z', /must have a time of day, which 25:00:00 is not/],
      ['a time with no zone', '2025-03-01T10:00:00', /must be written ISO 8601 with a time zone/],
      ['a date alone', '2025-03-01', /must be written ISO 8601 with a time zone/],
      ['what new Date() would read', 'March 1, 2025 10:00 GMT', /must be written ISO 8601/],
    ])('refuses %s in a variable, naming the field, and stores nothing', async (_what, occurredAt, expected) => {
      const before = await count('contact_log');
      const r = await t.gql(LOG, { i: log({ occurredAt }) }, manager);
      expect([codeOf(r), message(r)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(expected)]);
      expect(await count('contact_log')).toBe(before);
    });

    it('refuses a bad date-time written in the query itself as BAD_USER_INPUT, saying what is wrong', async () => {
      const partner = JSON.stringify(partnerOrganisationId);
      for (const [literal, expected] of [
        ['5', /Expected value of type "DateTime!", found 5; A date-time must be a string/],
        ['false', /found false; A date-time must be a string .* not a boolean/],
        ['"2025-02-30T10:00:00Z"', /A date-time must be a day of the calendar/],
      ] as const) {
        const r = await t.gql(
          `mutation { createContactLog(input: { partnerOrganisationId: ${partner}, channel: MEETING, summary: "x", occurredAt: ${literal} }) { id } }`,
          {},
          manager,
        );
        expect([codeOf(r), message(r)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(expected)]);
      }
      const filter = await t.gql(`{ incidents(filter: { from: "0000-01-01T00:00:00Z" }) { totalCount } }`, {}, manager);
      expect([codeOf(filter), message(filter)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/must be in a year from 1900/)]);
    });

    it('refuses an incident dated year 0 (which the retention sweep would delete at once) or in the future', async () => {
      const before = await count('incident');
      const zero = await t.gql(INCIDENT, { i: incident({ occurredAt: '0000-01-01T00:00:00Z' }) }, manager);
      expect([codeOf(zero), message(zero)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/i\.occurredAt.*year from 1900/)]);
      const future = await t.gql(INCIDENT, { i: incident({ occurredAt: inDays(1) }) }, manager);
      expect([codeOf(future), message(future)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/occurredAt must not be in the future/)]);
      const reported = await t.gql(INCIDENT, { i: incident({ reportedAt: inDays(1) }) }, manager);
      expect([codeOf(reported), message(reported)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/reportedAt must not be in the future/)]);
      const futureLog = await t.gql(LOG, { i: log({ occurredAt: inDays(1) }) }, manager);
      expect([codeOf(futureLog), message(futureLog)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/occurredAt must not be in the future/)]);
      expect(await count('incident')).toBe(before);
    });

    it('takes ISO 8601 with an offset or Z, seconds optional, and answers in UTC as before', async () => {
      const r = await t.gql(LOG, { i: log({ occurredAt: '2025-03-01T14:30+01:00', followUpActions: [] }) }, manager);
      expect(r.errors).toBeUndefined();
      expect(r.data.createContactLog.occurredAt).toBe('2025-03-01T13:30:00.000Z');
      // A moment ago by a client whose clock runs a little fast is not "the future".
      const skewed = await t.gql(INCIDENT, { i: incident({ occurredAt: new Date(Date.now() + 60_000).toISOString() }) }, manager);
      expect(skewed.errors).toBeUndefined();
      expect(skewed.data.recordIncident.dataProtection.retainUntil).toMatch(/^20\d\d-\d\d-\d\d$/);
    });
  });

  describe('dates', () => {
    it.each([
      ['a number', 20250101, /i\.dateOfBirth.*must be a string written YYYY-MM-DD.*not a number/],
      ['a boolean', true, /not a boolean/],
      ['year 0', '0000-01-01', /i\.dateOfBirth.*must be in a year from 1900/],
      ['30 February', '1990-02-30', /must be a day of the calendar, which 1990-02-30 is not/],
      ['a date-time', '1990-02-01T00:00:00Z', /must be written YYYY-MM-DD/],
    ])('refuses %s as a date, naming the field, and stores nothing', async (_what, dateOfBirth, expected) => {
      const before = await count('subject');
      const r = await t.gql(SUBJECT, { i: { name: 'Strict Date', dateOfBirth } }, manager);
      expect([codeOf(r), message(r)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(expected)]);
      expect(await count('subject')).toBe(before);
    });

    it('refuses a date of birth in the future, but takes dates ahead where the field allows them (a ban’s end and review)', async () => {
      const tomorrow = calendarDate(inDays(2));
      const born = await t.gql(SUBJECT, { i: { name: 'Future Born', dateOfBirth: tomorrow } }, manager);
      expect([codeOf(born), message(born)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/dateOfBirth must not be in the future/)]);
      const ok = await t.gql(SUBJECT, { i: { name: 'Strict Date Person', dateOfBirth: '1990-02-28' } }, manager);
      expect(ok.errors).toBeUndefined();
      expect(ok.data.createSubject.dateOfBirth).toBe('1990-02-28');
      const endsOn = calendarDate(inDays(400));
      const ban = await t.gql(
        BAN,
        { i: { subjectId: ok.data.createSubject.id, scope: 'ALL_BRANCHES', reason: 'Threatened staff', endsOn, reviewOn: tomorrow } },
        manager,
      );
      expect(ban.errors).toBeUndefined();
      expect(ban.data.proposeBan).toMatchObject({ endsOn, reviewOn: tomorrow, startsOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    });

    it('refuses a date more than 100 years ahead, where a date ahead is allowed', async () => {
      const r = await t.gql(LOG, { i: log({ followUpActions: [{ description: 'Call back', ownerId: await userId(), dueOn: '3025-01-01' }] }) }, manager);
      expect([codeOf(r), message(r)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/i\.followUpActions\[0\]\.dueOn.*must be in a year from 1900/)]);
    });
  });

  const userId = async () => (await t.db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`))[0].id as string;

  describe('text PostgreSQL cannot store', () => {
    it.each([
      ['a NUL', 'Met the\u0000PCSOs', /\$i\.summary must not contain a NUL character/],
      ['a lone high surrogate', 'Met the \uD800 PCSOs', /\$i\.summary must be valid Unicode: it holds an unpaired surrogate/],
      ['a lone low surrogate', '\uDC00', /\$i\.summary must be valid Unicode/],
    ])('refuses %s in a variable (sent as JSON) as BAD_USER_INPUT naming the field; nothing is stored', async (_what, summary, expected) => {
      const before = await count('contact_log');
      const r = await t.gql(LOG, { i: log({ summary }) }, manager);
      expect(r.status).toBe(400);
      expect([codeOf(r), message(r)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(expected)]);
      expect(r.errors![0].extensions!.problems).toEqual([expect.stringMatching(expected)]);
      expect(await count('contact_log')).toBe(before);
    });

    it('finds it deep in a list of an input, and in a literal of the query', async () => {
      const nested = await t.gql(LOG, { i: log({ followUpActions: [{ description: 'a\u0000b', ownerId: await userId(), dueOn: '2030-01-01' }] }) }, manager);
      expect(nested.errors![0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        problems: ['$i.followUpActions.0.description must not contain a NUL character (\\u0000)'],
      });
      const literal = await t.gql(`mutation { login(email: "manager@demo.test\\u0000", password: "x") { accessToken } }`);
      expect([codeOf(literal), message(literal)]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/login\(email\) must not contain a NUL character/)]);
      const inObject = await t.gql(
        `mutation { createContactLog(input: { partnerOrganisationId: "${partnerOrganisationId}", channel: MEETING, summary: "a\\u0000b", occurredAt: "2025-03-01T10:00:00Z" }) { id } }`,
        {},
        manager,
      );
      expect(inObject.errors![0].extensions!.problems).toEqual(['createContactLog(input.summary) must not contain a NUL character (\\u0000)']);
    });

    it('refuses the whole operation before anything runs: a valid mutation beside a bad one is not carried out', async () => {
      const before = await count('contact_log');
      const r = await t.gql(
        `mutation($good: CreateContactLogInput!, $bad: CreateContactLogInput!) { a: createContactLog(input: $good) { id } b: createContactLog(input: $bad) { id } }`,
        { good: log({}), bad: log({ attendees: 'PC \uD83D' }) },
        manager,
      );
      expect([codeOf(r), r.data]).toEqual(['BAD_USER_INPUT', undefined]);
      expect(message(r)).toMatch(/\$bad\.attendees must be valid Unicode/);
      expect(await count('contact_log')).toBe(before);
    });

    it('takes text that is valid Unicode, pairs of surrogates (emoji) included', async () => {
      const r = await t.gql(
        `mutation($i: CreateContactLogInput!) { createContactLog(input: $i) { summary } }`,
        { i: log({ summary: 'Cuppa ☕ with a coppa 👮' }) },
        manager,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.createContactLog.summary).toBe('Cuppa ☕ with a coppa 👮');
    });
  });

  describe('errors the database still raises become client errors, with nothing of the SQL', () => {
    const format = formatError(pino({ level: 'silent' }));
    /** Runs SQL that fails in the database, and formats the failure as the API would answer it. */
    const answerTo = async (...statements: string[]) => {
      const failure = await t.db
        .transaction(async (m) => {
          for (const s of statements) await m.query(s);
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        );
      expect(failure).toBeInstanceOf(QueryFailedError);
      return format({ message: 'raw', path: ['x'] }, failure);
    };
    const TABLES = [
      'CREATE TEMP TABLE strict_parent (id int PRIMARY KEY) ON COMMIT DROP',
      `CREATE TEMP TABLE strict_child (id int PRIMARY KEY, secret_code varchar(3), qty int NOT NULL DEFAULT 0 CONSTRAINT strict_qty_positive CHECK (qty >= 0),
         parent_id int CONSTRAINT strict_parent_fk REFERENCES strict_parent (id)) ON COMMIT DROP`,
    ];

    it.each([
      ['22001 string too long', [`INSERT INTO strict_child (id, secret_code) VALUES (1, 'abcd')`], 'BAD_USER_INPUT', /too long/],
      ['22003 numeric out of range', [`SELECT 2147483648::int4`], 'BAD_USER_INPUT', /number .* out of range/],
      ['22007 invalid date format', [`SELECT 'last spring'::date`], 'BAD_USER_INPUT', /date .* not valid/],
      ['22008 date out of range', [`SELECT '2025-02-30'::date`], 'BAD_USER_INPUT', /date .* out of range/],
      ['22P02 invalid text representation', [`SELECT 'not-a-uuid'::uuid`], 'BAD_USER_INPUT', /not in the expected format/],
      ['22021 a NUL byte', [`SELECT convert_from('\\x6100'::bytea, 'UTF8')`], 'BAD_USER_INPUT', /character that cannot be stored/],
      ['23502 not null', [`INSERT INTO strict_child (id, qty) VALUES (1, NULL)`], 'BAD_USER_INPUT', /value the record needs is missing/],
      ['23503 a missing record', [`INSERT INTO strict_child (id, parent_id) VALUES (1, 42)`], 'BAD_USER_INPUT', /refers to a record that does not exist/],
      [
        '23503 a record still referred to',
        [`INSERT INTO strict_parent VALUES (1)`, `INSERT INTO strict_child (id, parent_id) VALUES (1, 1)`, `DELETE FROM strict_parent`],
        'CONFLICT',
        /still referred to/,
      ],
      ['23505 unique', [`INSERT INTO strict_parent VALUES (1), (1)`], 'CONFLICT', /already exists/],
      ['23514 check', [`INSERT INTO strict_child (id, qty) VALUES (1, -1)`], 'BAD_USER_INPUT', /breaks a rule/],
    ] as const)('%s', async (_what, statements, code, expected) => {
      const answer = await answerTo(...TABLES, ...statements);
      expect(answer.extensions?.code).toBe(code);
      expect(answer.message).toMatch(expected);
      // Neither the statement, the table, the column, the constraint nor the value reaches the client.
      expect(JSON.stringify(answer)).not.toMatch(/strict_|secret_code|INSERT|SELECT|abcd|uuid|int4|2147483648|last spring/i);
    });

    it.each([
      ['40001 serialization failure', '40001', 'CONFLICT', true],
      ['40P01 deadlock', '40P01', 'CONFLICT', true],
      ['55P03 lock not available', '55P03', 'CONFLICT', true],
      ['57014 statement timeout', '57014', 'TIMEOUT', undefined],
    ] as const)('%s', async (_what, sqlState, code, retryable) => {
      // Raised with the real SQLSTATE: a real deadlock or timeout needs two sessions and a clock.
      const answer = await answerTo(`DO $$ BEGIN RAISE EXCEPTION 'strict_table said no' USING ERRCODE = '${sqlState}'; END $$`);
      expect(answer.extensions).toEqual(retryable ? { code, retryable } : { code });
      expect(answer.message).not.toMatch(/strict_table/);
    });
  });
});
