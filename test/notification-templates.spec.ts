import { randomUUID } from 'node:crypto';
import { NotificationKind, renderJob, webhookBody } from '../libs/notifications/src/index.js';
import { RECORD_TYPE } from '../libs/notifications/src/notification-kind.enum.js';

/**
 * Every message template, scanned: rendered for every kind and every recipient with payloads
 * stuffed with a person's name, email, address and notes (as a careless caller might queue them),
 * none of it may appear, and the text may hold nothing but fixed words and the identifiers in
 * its link: rendered for two different records and two public addresses, the messages are the
 * same once the ids and the address are taken out.
 */

const SENTINEL = {
  name: 'Sentinel Person Quinn',
  displayName: 'Sentinel Person Quinn',
  email: 'sentinel.quinn@example.org',
  address: '12 Sentinel Street',
  notes: 'Sentinel note about the person',
  reason: 'Sentinel reason',
};
const LEAKS = [/Sentinel/i, /Quinn/, /@/, /Street/];

type Rendered = { subject: string; text: string };

/** Each template, for one record id and public address; payloads carry the sentinel fields besides the ids. */
function everyMessage(recordIdOf: (kind: NotificationKind) => string, publicUrl: string): Record<string, Rendered> {
  const out: Record<string, Rendered> = {};
  for (const kind of Object.values(NotificationKind)) {
    const payload = { ...SENTINEL, recordType: RECORD_TYPE[kind], recordId: recordIdOf(kind), person: SENTINEL };
    out[`user:${kind}`] = renderJob(kind, 'user', payload, publicUrl);
    if (kind === NotificationKind.REFERRAL_RECEIVED) out[`org:${kind}`] = renderJob(kind, 'org', payload, publicUrl);
  }
  const counts = Object.values(NotificationKind).map((kind, i) => ({ kind, count: i + 1, ...SENTINEL }));
  out.digest = renderJob('DAILY_DIGEST', 'user', { counts, ...SENTINEL }, publicUrl);
  return out;
}

/** A message with the record ids and the public address replaced by placeholders. */
const normalised = (m: Rendered, ids: string[], publicUrl: string): Rendered => {
  const strip = (s: string) => ids.reduce((acc, id) => acc.replaceAll(id, '<id>'), s.replaceAll(publicUrl, '<public-url>'));
  return { subject: strip(m.subject), text: strip(m.text) };
};

describe('notification templates carry no personal data', () => {
  const idsA = new Map(Object.values(NotificationKind).map((k) => [k, randomUUID()]));
  const idsB = new Map(Object.values(NotificationKind).map((k) => [k, randomUUID()]));
  const a = everyMessage((k) => idsA.get(k)!, 'https://a.example');
  const b = everyMessage((k) => idsB.get(k)!, 'https://libraries.b.example/safer');

  it('renders one message per kind for a user, the organisation inbox for referrals, and the digest', () => {
    expect(Object.keys(a).sort()).toEqual([...Object.values(NotificationKind).map((k) => `user:${k}`), 'org:REFERRAL_RECEIVED', 'digest'].sort());
  });

  it.each(Object.keys(a))('%s: none of the sentinel person data appears in the subject or the text', (key) => {
    for (const leak of LEAKS) {
      expect([key, leak.test(a[key].subject)]).toEqual([key, false]);
      expect([key, leak.test(a[key].text)]).toEqual([key, false]);
    }
  });

  it.each(Object.keys(a))('%s: nothing but fixed text and the ids in the link (the same message for any record and address)', (key) => {
    const na = normalised(a[key], [...idsA.values()], 'https://a.example');
    const nb = normalised(b[key], [...idsB.values()], 'https://libraries.b.example/safer');
    expect(na).toEqual(nb);
    // The link is there, with the record's id and type only (or the notifications page for the digest).
    expect(na.text).toMatch(key === 'digest' ? /<public-url>\/#\/notifications$/m : /^<public-url>\/#\/[A-Za-z]+\/<id>$/m);
    // No other identifier-shaped value either: every uuid in it was the record's.
    expect(na.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('refuses a payload that is not a record reference rather than print it', () => {
    expect(() => renderJob(NotificationKind.FOLLOW_UP_DUE, 'user', { recordType: SENTINEL.name, recordId: randomUUID() }, 'https://a.example')).toThrow(
      /not a record reference/,
    );
    expect(() => renderJob(NotificationKind.FOLLOW_UP_DUE, 'user', { recordType: 'Referral', recordId: SENTINEL.email }, 'https://a.example')).toThrow(
      /not a record reference/,
    );
  });

  it('the webhook body holds the event id, the kind and identifiers only', () => {
    const body = JSON.parse(
      webhookBody({
        eventKey: 'REFERRAL_RECEIVED:abc',
        kind: NotificationKind.REFERRAL_RECEIVED,
        recordType: 'Referral',
        recordId: idsA.get(NotificationKind.REFERRAL_RECEIVED)!,
        partnerOrganisationId: idsB.get(NotificationKind.REFERRAL_RECEIVED)!,
        sentAt: '2026-12-03T10:00:00.000Z',
        ...SENTINEL,
      } as never),
    );
    expect(Object.keys(body).sort()).toEqual(['id', 'kind', 'partnerOrganisationId', 'recordId', 'recordType', 'sentAt']);
  });
});
