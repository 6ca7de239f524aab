/** Everything held about a person, as sent to them (JSON) and rendered for reading (HTML). */
export interface SubjectAccessDocument {
  generatedAt: string;
  controller: string;
  subjectId: string;
  subject: Record<string, unknown>;
  records: {
    table: string;
    title: string;
    entityType: string;
    linkedBy: string;
    via: string;
    rows: Record<string, unknown>[];
  }[];
  /** Partner organisations that received or hold records about the person (referrals, shares). */
  recipients: { partnerOrganisationId: string; name: string; records: { entityType: string; id: string }[] }[];
  /** Who read, changed, shared or exported the records: role and organisation, not staff names. */
  accessLog: {
    occurredAt: string;
    action: string;
    entityType: string;
    entityId: string | null;
    actorRole: string | null;
    actorOrganisation: string | null;
    purpose: string | null;
  }[];
  rightsRequests: Record<string, unknown>[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `date_of_birth` → "Date of birth". */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function value(v: unknown): string {
  if (v === null || v === undefined || v === '') return '<span class="none">—</span>';
  if (Array.isArray(v))
    return v.length ? escapeHtml(v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ')) : '<span class="none">—</span>';
  if (typeof v === 'object') return `<code>${escapeHtml(JSON.stringify(v))}</code>`;
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return escapeHtml(String(v));
}

function record(row: Record<string, unknown>): string {
  return `<table class="record">${Object.entries(row)
    .map(([k, v]) => `<tr><th>${escapeHtml(humanise(k))}</th><td>${value(v)}</td></tr>`)
    .join('')}</table>`;
}

function table(header: string[], rows: unknown[][]): string {
  if (!rows.length) return '<p class="none">None.</p>';
  return `<table class="list"><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${value(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const LINKED_BY: Record<string, string> = {
  MERGED: 'Duplicate records of you, merged',
  DIRECT: 'About you',
  LINK: 'Links between you and other records',
  LINKED: 'Records you are involved in (with other people; their details are theirs)',
  CHILD: 'Part of a record about you',
};

/** A plain, self-contained HTML document a DPO can send; every value escaped. */
export function renderSubjectAccessHtml(doc: SubjectAccessDocument): string {
  const sections = doc.records
    .map(
      (s) => `<section><h2>${escapeHtml(s.title)} <small>(${s.rows.length})</small></h2>
<p class="how">${escapeHtml(LINKED_BY[s.linkedBy] ?? s.linkedBy)} — ${escapeHtml(s.via)}</p>${s.rows.map(record).join('')}</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Subject access request: records held</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
table.record th{width:16rem;background:#f5f5f5}.none{color:#888}.how{color:#555;font-style:italic}small{color:#666}</style></head>
<body>
<h1>Records held about you</h1>
<p>Controller: ${escapeHtml(doc.controller)}. Prepared ${escapeHtml(doc.generatedAt)} in answer to a subject access request (UK GDPR Article 15).
Reference: ${escapeHtml(doc.subjectId)}.</p>
<section><h2>Your record</h2>${record(doc.subject)}</section>
${sections}
<section><h2>Who received your information</h2>${table(
    ['Organisation', 'Records'],
    doc.recipients.map((r) => [r.name, r.records.map((x) => `${x.entityType} ${x.id}`)]),
  )}</section>
<section><h2>Who has seen or changed your records</h2>
<p>Each time someone read, changed, shared or exported a record about you, with their role, organisation and the reason they gave.</p>
${table(
  ['When', 'What', 'Record', 'Role', 'Organisation', 'Reason given'],
  doc.accessLog.map((e) => [e.occurredAt, e.action, `${e.entityType} ${e.entityId ?? ''}`, e.actorRole, e.actorOrganisation, e.purpose]),
)}</section>
<section><h2>Your requests</h2>${doc.rightsRequests.length ? doc.rightsRequests.map(record).join('') : '<p class="none">None.</p>'}</section>
</body></html>
`;
}
