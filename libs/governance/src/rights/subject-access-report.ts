/**
 * The subject access response as the person reads it: sections grouped by what happened
 * (incidents, bans, referrals, shares, who has seen the records and why), fields in plain English,
 * names instead of ids, dates one way in UK time, lawful bases in words. Built from the crawl's
 * rows and the audit trail; the HTML renders exactly this, and the JSON carries it as `report`.
 * Pure functions: the service looks the names up.
 */

/** One line of a record: a label and its value, in words. */
export interface ReportField {
  label: string;
  value: string;
}

export interface ReportItem {
  heading: string;
  fields: ReportField[];
}

export interface ReportSection {
  /** A stable key for machines: about-you, incidents, bans, referrals, cases, shares, intelligence, other, seen-by, requests. */
  key: string;
  heading: string;
  intro: string;
  items: ReportItem[];
}

export interface SubjectAccessReport {
  title: string;
  controller: string;
  preparedAt: string;
  sections: ReportSection[];
}

/** What the service gives the builder: the rows as the crawl found them, and the names their ids stand for. */
export interface ReportInput {
  controller: string;
  generatedAt: Date;
  subject: Record<string, unknown>;
  records: { table: string; title: string; rows: Record<string, unknown>[] }[];
  accessLog: {
    occurredAt: string;
    action: string;
    entityType: string;
    actorRole: string | null;
    actorOrganisation: string | null;
    purpose: string | null;
  }[];
  rightsRequests: Record<string, unknown>[];
  /** Names by id: staff, partner organisations, branches, agreements, library services. */
  names: Map<string, string>;
  /** How the audit trail's entity types read ("Referral" → "Referral"). */
  titles: Map<string, string>;
}

const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const CALENDAR_DATE = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "3 December 2026, 14:05", UK time. */
export function formatDateTime(d: Date): string {
  const p = Object.fromEntries(LONDON_DATE_TIME.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
}

/** "3 December 2026" for a calendar date (YYYY-MM-DD). */
export function formatDate(iso: string): string {
  return CALENDAR_DATE.format(new Date(`${iso}T00:00:00Z`));
}

export const LAWFUL_BASIS_WORDS: Record<string, string> = {
  CONSENT: 'your consent (UK GDPR Article 6(1)(a))',
  CONTRACT: 'a contract with you (UK GDPR Article 6(1)(b))',
  LEGAL_OBLIGATION: 'a legal obligation we have (UK GDPR Article 6(1)(c))',
  VITAL_INTERESTS: "protecting someone's life (UK GDPR Article 6(1)(d))",
  PUBLIC_TASK: 'a task we carry out in the public interest (UK GDPR Article 6(1)(e))',
  LEGITIMATE_INTERESTS: 'our legitimate interests (UK GDPR Article 6(1)(f))',
};

const ROLE_WORDS: Record<string, string> = {
  ADMIN: 'Library administrator',
  MANAGER: 'Library manager',
  OUTREACH_WORKER: 'Library outreach worker',
  STAFF: 'Library staff member',
  PARTNER: 'Partner organisation worker',
  DPO: 'Data protection officer',
  CLI: 'System administrator',
  RETENTION_SWEEP: 'Automatic deletion of old records',
};

const ACTION_WORDS: Record<string, string> = {
  READ: 'Viewed',
  CREATE: 'Recorded',
  UPDATE: 'Changed',
  DELETE: 'Deleted',
  SHARE: 'Shared',
  EXPORT: 'Exported',
  REFUSED: 'Tried to see or change, and was refused',
};

/** Labels where the column's name, humanised, would not say it. */
const LABELS: Record<string, string> = {
  partner_organisation_id: 'Organisation',
  recipient_library_service_id: 'Library service shared with',
  agreement_id: 'Under the data sharing agreement',
  branch_id: 'Library',
  created_at: 'Recorded',
  updated_at: 'Last changed',
  retain_until: 'Kept until',
  lawful_basis: 'Why we may hold it (lawful basis)',
  special_category_condition: 'Condition for holding sensitive (special category) information',
  criminal_offence_condition: 'Condition for holding information about offences',
  is_child_safeguarding: 'Child safeguarding concern',
  is_adult_at_risk: 'Adult at risk',
  date_of_birth: 'Date of birth',
  photo_reference: 'Photograph',
  starts_at: 'From',
  until: 'Until',
  starts_on: 'Starts',
  ends_on: 'Ends',
  review_on: 'To be reviewed',
  from_status: 'From',
  to_status: 'To',
  by_id: 'By',
  at: 'When',
  body: 'Text',
  part: 'Your part',
  aba_offered: 'Acceptable behaviour agreement offered',
  aba_signed: 'Acceptable behaviour agreement signed',
};

/** Labels that depend on the record. */
const TABLE_LABELS: Record<string, Record<string, string>> = {
  case_share: { reason: 'Reason given for sharing', starts_at: 'Shared from', categories: 'What was shared' },
};

/** Internal bookkeeping, never shown: ids, versions, tenancy, the merge link, search helpers. */
const HIDDEN = /^(id|version|library_service_id|subject_id|merged_into_id|merged_at|legal_hold|legal_hold_reason|search_.*|.*_hash|tsv)$/;

/** Titles of the tables that declare none (history rows). */
const TABLE_TITLES: Record<string, string> = {
  subject: 'An earlier record of you, merged into this one',
  ban_transition: 'A change to a ban',
  referral_transition: 'A change to a referral',
  ban_incident: 'An incident a ban is based on',
  incident_subject: 'Your part in an incident',
  case_share: 'A case shared with another organisation',
};

/** Which section a table's rows belong in. */
function sectionOf(table: string): string {
  if (table === 'subject' || table.startsWith('subject_')) return 'about-you';
  if (table.startsWith('incident')) return 'incidents';
  if (table.startsWith('ban')) return 'bans';
  if (table.startsWith('referral')) return 'referrals';
  if (table === 'case_share' || table === 'case_update') return 'shares';
  if (table.startsWith('case')) return 'cases';
  if (table.startsWith('intelligence') || table === 'branch_warning') return 'intelligence';
  return 'other';
}

const SECTIONS: { key: string; heading: string; intro: string }[] = [
  { key: 'about-you', heading: 'About you', intro: 'The details we hold about you.' },
  { key: 'incidents', heading: 'Incidents', intro: 'Incidents at our libraries that you were involved in, and what was done.' },
  { key: 'bans', heading: 'Bans', intro: 'Bans from our libraries: who proposed and confirmed them, and every change since.' },
  { key: 'referrals', heading: 'Referrals', intro: 'Where we referred you for help or support, who made the referral, and what the organisation said.' },
  { key: 'cases', heading: 'Cases', intro: 'Cases we opened to support you or to deal with a concern, and the notes on them.' },
  {
    key: 'shares',
    heading: 'Shared with other organisations',
    intro: 'Each time we shared a case about you with another organisation: who it was shared with, under which agreement, and the reason given.',
  },
  {
    key: 'intelligence',
    heading: 'Information from others',
    intro: 'Information about you given to us or recorded by our staff, and warnings to our libraries.',
  },
  { key: 'other', heading: 'Other records', intro: 'Other records that mention you.' },
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ENUM = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;

/** `date_of_birth` → "Date of birth"; `proposed_by_id` → "Proposed by". */
export function label(column: string): string {
  if (LABELS[column]) return LABELS[column];
  const words = column
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_id$/, '')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `SLEEPING_ROUGH` → "Sleeping rough". */
function enumWords(v: string): string {
  const w = v.replace(/_/g, ' ').toLowerCase();
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** A value in words; null when there is nothing to show (empty, or an internal id). */
function words(column: string, v: unknown, names: Map<string, string>): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (Array.isArray(v)) {
    const parts = v.map((x) => words(column, x, names)).filter((x): x is string => x !== null);
    return parts.length ? parts.join(', ') : null;
  }
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return null; // structured internals (e.g. a decision's outcome): the JSON has them
  const s = String(v);
  if (column === 'lawful_basis') return LAWFUL_BASIS_WORDS[s] ?? enumWords(s);
  if (/(^|_)role$/.test(column)) return ROLE_WORDS[s] ?? enumWords(s);
  if (UUID.test(s)) return names.get(s) ?? null;
  if (DATE.test(s)) return formatDate(s);
  if (DATE_TIME.test(s) && !Number.isNaN(Date.parse(s))) return formatDateTime(new Date(s));
  if (ENUM.test(s) && s.length > 1) return enumWords(s);
  return s;
}

function fieldsOf(row: Record<string, unknown>, names: Map<string, string>, table = ''): ReportField[] {
  const fields: ReportField[] = [];
  for (const [column, v] of Object.entries(row)) {
    if (HIDDEN.test(column)) continue;
    const value = words(column, v, names);
    if (value !== null) fields.push({ label: TABLE_LABELS[table]?.[column] ?? label(column), value });
  }
  if (row.legal_hold === true) {
    fields.push({ label: 'Kept past its usual date (legal hold)', value: typeof row.legal_hold_reason === 'string' ? row.legal_hold_reason : 'Yes' });
  }
  return fields;
}

const sentence = (title: string) => title.charAt(0).toUpperCase() + title.slice(1);
/** An entity type standing in for a title (`CaseShare`) in words ("Case share"). */
const readable = (title: string) => (/^[A-Z][A-Za-z]+$/.test(title) && /[a-z][A-Z]/.test(title) ? label(title) : title);

export function buildSubjectAccessReport(input: ReportInput): SubjectAccessReport {
  const items = new Map<string, ReportItem[]>(SECTIONS.map((s) => [s.key, []]));
  items.get('about-you')!.push({ heading: 'Your record', fields: fieldsOf(input.subject, input.names) });
  for (const r of input.records) {
    const heading = sentence(TABLE_TITLES[r.table] ?? readable(r.title));
    for (const row of r.rows) items.get(sectionOf(r.table))!.push({ heading, fields: fieldsOf(row, input.names, r.table) });
  }
  const sections: ReportSection[] = SECTIONS.filter((s) => s.key === 'about-you' || items.get(s.key)!.length).map((s) => ({
    ...s,
    items: items.get(s.key)!,
  }));
  sections.push({
    key: 'seen-by',
    heading: 'Who has seen your records, and why',
    intro: 'Each time someone viewed, changed, shared or exported a record about you: when, their role and organisation, and the reason they gave.',
    items: input.accessLog.map((e) => ({
      heading: `${ACTION_WORDS[e.action] ?? enumWords(e.action)}: ${readable(input.titles.get(e.entityType) ?? e.entityType)}`,
      fields: [
        { label: 'When', value: formatDateTime(new Date(e.occurredAt)) },
        { label: 'Who', value: e.actorRole ? (ROLE_WORDS[e.actorRole] ?? enumWords(e.actorRole)) : 'Unknown' },
        { label: 'Organisation', value: e.actorOrganisation ?? input.controller },
        { label: 'Reason given', value: e.purpose ?? 'None recorded' },
      ],
    })),
  });
  sections.push({
    key: 'requests',
    heading: 'Your requests to us',
    intro: 'Requests you made about your information (to see it, correct it, erase it or restrict its use) and what we decided.',
    items: input.rightsRequests.map((r) => ({
      heading: `A request to ${REQUEST_WORDS[String(r.type)] ?? enumWords(String(r.type)).toLowerCase()}`,
      fields: fieldsOf(r, input.names),
    })),
  });
  return { title: 'Records we hold about you', controller: input.controller, preparedAt: formatDateTime(input.generatedAt), sections };
}

const REQUEST_WORDS: Record<string, string> = {
  ACCESS: 'see your information',
  RECTIFICATION: 'correct your information',
  ERASURE: 'erase your information',
  RESTRICTION: 'restrict the use of your information',
  OBJECTION: 'object to the use of your information',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The report as a plain, self-contained HTML document; every value escaped. */
export function renderSubjectAccessReport(report: SubjectAccessReport): string {
  const item = (i: ReportItem) =>
    `<article><h3>${escapeHtml(i.heading)}</h3>${
      i.fields.length
        ? `<dl>${i.fields.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd>${escapeHtml(f.value)}</dd>`).join('')}</dl>`
        : '<p class="none">Nothing further recorded.</p>'
    }</article>`;
  const section = (s: ReportSection) =>
    `<section id="${escapeHtml(s.key)}"><h2>${escapeHtml(s.heading)}</h2><p class="intro">${escapeHtml(s.intro)}</p>${
      s.items.length ? s.items.map(item).join('\n') : '<p class="none">None.</p>'
    }</section>`;
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.4}
h2{border-bottom:2px solid #2b5f8a;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1rem;margin:1rem 0 .3rem}
article{border:1px solid #ddd;border-radius:4px;padding:.2rem .8rem .6rem;margin:.6rem 0}
dl{display:grid;grid-template-columns:15rem 1fr;gap:.2rem .8rem;margin:0}dt{color:#555}dd{margin:0}
.intro{color:#444}.none{color:#888}</style></head>
<body>
<h1>${escapeHtml(report.title)}</h1>
<p>From ${escapeHtml(report.controller)}, in answer to your request to see the information we hold about you (UK GDPR Article 15).
Prepared ${escapeHtml(report.preparedAt)}.</p>
<nav><p>Contents: ${report.sections.map((s) => `<a href="#${escapeHtml(s.key)}">${escapeHtml(s.heading)}</a>`).join(' · ')}</p></nav>
${report.sections.map(section).join('\n')}
</body></html>
`;
}
