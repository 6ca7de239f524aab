import { buildSubjectAccessReport, formatDate, formatDateTime, label, renderSubjectAccessReport, type ReportInput } from './subject-access-report.js';

const PARTNER = '6f1c0e36-1111-4a4a-9999-000000000001';
const WORKER = '6f1c0e36-1111-4a4a-9999-000000000002';

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  controller: 'Demo Shire Libraries',
  generatedAt: new Date('2026-07-01T13:05:00Z'),
  subject: {
    id: 's-1',
    name: 'Alex <script>alert(1)</script>',
    aliases: ['Al', 'A & B'],
    is_adult_at_risk: true,
    notes: null,
    version: 3,
    lawful_basis: 'PUBLIC_TASK',
  },
  records: [
    {
      table: 'referral',
      title: 'Referral',
      rows: [{ id: 'r-1', reason: 'Needs "housing"', status: 'SENT', partner_organisation_id: PARTNER, referred_by_id: WORKER, library_service_id: 'x' }],
    },
    { table: 'case_share', title: 'CaseShare', rows: [{ id: 'c-1', reason: 'Joint problem solving', partner_organisation_id: PARTNER }] },
  ],
  accessLog: [
    {
      occurredAt: '2026-11-20T09:00:00Z',
      action: 'READ',
      entityType: 'Referral',
      actorRole: 'PARTNER',
      actorOrganisation: 'Hope Foodbank',
      purpose: '<b>checking</b>',
    },
  ],
  rightsRequests: [],
  names: new Map([
    [PARTNER, 'Hope Foodbank'],
    [WORKER, 'Morgan Manager'],
  ]),
  titles: new Map([['Referral', 'Referral']]),
  ...over,
});

describe('the subject access report', () => {
  it('escapes every value, so nothing in a record can run or break the page', () => {
    const html = renderSubjectAccessReport(buildSubjectAccessReport(input()));
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Alex &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Al, A &amp; B');
    expect(html).toContain('Needs &quot;housing&quot;');
    expect(html).toContain('&lt;b&gt;checking&lt;/b&gt;');
  });

  it('groups by what happened, with names for ids, words for codes, and no internal fields', () => {
    const report = buildSubjectAccessReport(input());
    expect(report.sections.map((s) => s.key)).toEqual(['about-you', 'referrals', 'shares', 'seen-by', 'requests']);
    expect(report.sections[0]!.items[0]!.fields).toEqual([
      { label: 'Name', value: 'Alex <script>alert(1)</script>' },
      { label: 'Aliases', value: 'Al, A & B' },
      { label: 'Adult at risk', value: 'Yes' },
      { label: 'Why we may hold it (lawful basis)', value: 'a task we carry out in the public interest (UK GDPR Article 6(1)(e))' },
    ]);
    expect(report.sections[1]!.items[0]!.fields).toEqual([
      { label: 'Reason', value: 'Needs "housing"' },
      { label: 'Status', value: 'Sent' },
      { label: 'Organisation', value: 'Hope Foodbank' },
      { label: 'Referred by', value: 'Morgan Manager' },
    ]);
    expect(report.sections[2]!.items[0]).toEqual({
      heading: 'A case shared with another organisation',
      fields: [
        { label: 'Reason given for sharing', value: 'Joint problem solving' },
        { label: 'Organisation', value: 'Hope Foodbank' },
      ],
    });
    expect(report.sections[3]!.items[0]!.heading).toBe('Viewed: Referral');
    expect(report.preparedAt).toBe('1 July 2026, 14:05'); // British Summer Time
  });

  it('formats dates one way, in UK time', () => {
    expect(formatDateTime(new Date('2026-12-03T14:05:00Z'))).toBe('3 December 2026, 14:05');
    expect(formatDate('1990-05-01')).toBe('1 May 1990');
    expect(label('date_of_birth')).toBe('Date of birth');
    expect(label('proposed_by_id')).toBe('Proposed by');
  });
});
