import { humanise, renderSubjectAccessHtml, type SubjectAccessDocument } from './subject-access-document.js';

const doc = (over: Partial<SubjectAccessDocument> = {}): SubjectAccessDocument => ({
  generatedAt: '2026-11-25T10:00:00.000Z',
  controller: 'Demo Shire Libraries',
  subjectId: 's-1',
  subject: { id: 's-1', name: 'Alex <script>alert(1)</script>', aliases: ['Al', 'A & B'], is_adult_at_risk: true, notes: null },
  records: [
    {
      table: 'referral',
      title: 'Referral',
      entityType: 'Referral',
      linkedBy: 'DIRECT',
      via: 'referral.subject_id',
      rows: [{ id: 'r-1', reason: 'Needs "housing"' }],
    },
  ],
  recipients: [{ partnerOrganisationId: 'p-1', name: 'Hope Foodbank', records: [{ entityType: 'Referral', id: 'r-1' }] }],
  accessLog: [
    {
      occurredAt: '2026-11-20T09:00:00Z',
      action: 'READ',
      entityType: 'Referral',
      entityId: 'r-1',
      actorRole: 'PARTNER',
      actorOrganisation: 'Hope Foodbank',
      purpose: '<b>checking</b>',
    },
  ],
  rightsRequests: [],
  ...over,
});

describe('renderSubjectAccessHtml', () => {
  it('escapes every value, so nothing in a record can run or break the page', () => {
    const html = renderSubjectAccessHtml(doc());
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('Alex &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Al, A &amp; B');
    expect(html).toContain('Needs &quot;housing&quot;');
    expect(html).toContain('&lt;b&gt;checking&lt;/b&gt;');
  });

  it('shows each section with readable headings', () => {
    const html = renderSubjectAccessHtml(doc());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h2>Referral <small>(1)</small></h2>');
    expect(html).toContain('<th>Is adult at risk</th><td>Yes</td>');
    expect(html).toContain('Hope Foodbank');
    expect(html).toContain('<h2>Your requests</h2><p class="none">None.</p>');
  });

  it('humanises column names', () => {
    expect(humanise('date_of_birth')).toBe('Date of birth');
    expect(humanise('retainUntil')).toBe('Retain until');
  });
});
