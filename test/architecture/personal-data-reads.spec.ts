import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getMetadataArgsStorage } from 'typeorm';
import { ALL_ENTITIES } from '../../apps/api/entities.js';
import { DataProtection } from '../../libs/governance/src/index.js';

/**
 * Every read of a personal-data table goes through the access scope (libs/access/src/scope): it
 * applies the rules in SQL, masks fields and audits. This scan fails on any other read in app code,
 * so a new service cannot forget them. Named exceptions: migrations (outside the scanned folders),
 * the retention sweep, and the subject-access crawl (which must see every record of a person, and
 * audits what it does); the files that register the SQL conditions the rules use; and the data
 * generator (`generate-data`), which fills a database of made-up records (it refuses one with real
 * data) and reads back only what it wrote (to date each person's latest activity) and the ids of the
 * demo partners' contacts. And the count of repeat people of the incident statistics (libs/reports), over
 * incidents read through the scope, which must join the people's links to count them.
 * The daily reminders (libs/notifications/src/scheduled/due-records.ts) read the ids
 * and due dates of the records due tomorrow, for the whole platform: nothing read there leaves the service,
 * the notification names the record's id only, and its recipient opens it through the scope.
 */
// The repository root: npm test runs jest from there (not import.meta, which a transform cache may pin to another checkout).
const ROOT = process.cwd();
const SCANNED = ['apps', 'libs'];
const EXCEPTIONS = [
  'libs/access/src/scope/',
  'libs/governance/src/retention/retention-sweep.service.ts',
  'libs/governance/src/rights/subject-graph.ts',
  'libs/governance/src/rights/subject-access.service.ts',
  'libs/sharing/src/sharing-sql.ts',
  'libs/governance/src/rights/restriction-conditions.ts',
  'apps/cli/generate/',
  // Counts the people linked to incidents the reader may read (those come through the scope): one number, never who.
  'libs/reports/src/incident-statistics/incident-repeats.sql.ts',
  'libs/notifications/src/scheduled/due-records.ts',
];

/** Tables of the entities that hold personal data (they embed DataProtection), plus the link of people to incidents. */
function personalData(): { tables: string[]; entities: string[] } {
  const storage = getMetadataArgsStorage();
  const holders = storage.embeddeds.filter((e) => e.type() === DataProtection).map((e) => e.target);
  const known = new Set<unknown>(ALL_ENTITIES as unknown[]);
  const tables = storage.tables.filter((t) => holders.includes(t.target) && known.has(t.target));
  return {
    tables: [...tables.map((t) => t.name!), 'incident_subject'],
    entities: tables.map((t) => (t.target as { name: string }).name),
  };
}

export interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

/** The reads of personal-data tables in one source text that do not go through the scope. */
export function findBypasses(file: string, source: string, pd: { tables: string[]; entities: string[] }): Finding[] {
  const findings: Finding[] = [];
  const tables = pd.tables.join('|');
  const entities = pd.entities.join('|');
  const checks: [RegExp, string][] = [
    [new RegExp(`(?<!(SELECT\\s+1|DELETE)\\s+)\\b(FROM|JOIN)\\s+"?(${tables})"?(?=[\\s),;\`'"]|$)`, 'i'), 'SQL reading a personal-data table'],
    [new RegExp(`\\.(from|innerJoin|leftJoin|innerJoinAndSelect|leftJoinAndSelect)\\(\\s*['"\`](${tables})['"\`]`), 'query builder over a personal-data table'],
    [
      new RegExp(`getRepository\\((${entities})\\)\\s*\\.\\s*(find\\w*|count\\w*|exist\\w*|createQueryBuilder|query|sum|average|minimum|maximum)\\b`),
      'repository read of a personal-data entity',
    ],
    [
      new RegExp(
        `\\b(m|em|manager|entityManager|db|this\\.db|this\\.db\\.manager)\\.(find|findOne|findBy|findOneBy|findOneOrFail|findAndCount|count|exists|existsBy)\\(\\s*(${entities})\\b`,
      ),
      'EntityManager read of a personal-data entity',
    ],
    [/\b(accessibleQuery|findAccessible|auditEach|hideRestricted|withoutRestricted|RESTRICTED_READER_ROLE)\b/, 'an access helper that bypasses the scope'],
  ];
  source.split('\n').forEach((text, i) => {
    const code = text.trim();
    if (code.startsWith('//') || code.startsWith('*') || code.startsWith('/*')) return;
    for (const [pattern, why] of checks) if (pattern.test(text)) findings.push({ file, line: i + 1, text: code, why });
  });
  return findings;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('every read of personal data goes through the access scope', () => {
  const pd = personalData();

  it('knows the personal-data tables from the entities', () => {
    expect(pd.tables).toEqual(expect.arrayContaining(['subject', 'case_file', 'incident', 'ban', 'referral', 'intelligence_item', 'partner_contact']));
  });

  it('finds no read of a personal-data table outside the scope and the named exceptions', () => {
    const findings = SCANNED.flatMap((d) => sources(join(ROOT, d)))
      .map((path) => relative(ROOT, path))
      .filter((file) => !EXCEPTIONS.some((e) => file.startsWith(e)))
      .flatMap((file) => findBypasses(file, readFileSync(join(ROOT, file), 'utf8'), pd));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.why}: ${f.text}`)).toEqual([]);
  });

  it('the scan catches each kind of bypass (so it can fail)', () => {
    const planted = [
      "await m.query('SELECT name FROM subject WHERE id = $1', [id]);",
      "qb.innerJoin('ban', 'b', 'b.subject_id = s.id');",
      'await m.getRepository(Incident).findOneBy({ id });',
      'await m.findOne(Referral, { where: { id } });',
      "const qb = accessibleQuery(m, Case, 'Case', actor);",
    ];
    expect(planted.map((line) => findBypasses('planted.ts', line, pd).length)).toEqual([1, 1, 1, 1, 1]);
    expect(findBypasses('ok.ts', "qb.andWhere('EXISTS (SELECT 1 FROM contact_log cl WHERE cl.id = a.contact_log_id)');", pd)).toEqual([]);
  });
});
