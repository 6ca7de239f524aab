import { NotificationKind } from './notification-kind.enum.js';

/**
 * Every message a notification sends, in one place. The text is fixed per kind: nothing in it
 * comes from a record but identifiers, in a link (no name, no email, no note, not even the
 * recipient's own name: an email is read on phones, shared screens and mail servers the service
 * does not control). The link opens the record in the app, where access is checked as always.
 * test/notification-templates.e2e-spec.ts renders each one with data full of names and checks
 * that the output depends on the kind and the ids alone.
 */

export interface RenderedMessage {
  subject: string;
  text: string;
}

/** One sentence per kind, said to a user. */
const TO_USER: Record<NotificationKind, { subject: string; line: string }> = {
  REFERRAL_RECEIVED: { subject: 'A referral is waiting for your organisation', line: 'A referral is waiting for your organisation in Safer Libraries.' },
  REFERRAL_STATUS_CHANGED: { subject: 'A referral you made has moved on', line: 'A referral you made has a new status in Safer Libraries.' },
  CASE_SHARED: { subject: 'A case has been shared with you', line: 'A case has been shared with your organisation in Safer Libraries.' },
  FOLLOW_UP_DUE: { subject: 'A follow-up action is due tomorrow', line: 'A follow-up action you own is due tomorrow.' },
  BAN_REVIEW_DUE: { subject: 'A ban is due for review tomorrow', line: 'A ban in your library service is due for review tomorrow.' },
  AGREEMENT_REVIEW_DUE: {
    subject: 'A data sharing agreement is due for review tomorrow',
    line: 'A data sharing agreement of your library service is due for review tomorrow.',
  },
  RIGHTS_REQUEST_DEADLINE: { subject: 'A rights request is due tomorrow', line: 'An open rights request is due for an answer tomorrow.' },
};

const FOOTER = ['', '--', 'Safer Libraries. You can choose how you hear of each kind of notification in the app (notification preferences).'];

/** The link to a record in the app: the public address and identifiers only (in the fragment, so no server logs it). */
export function recordLink(publicUrl: string, recordType: string, recordId: string): string {
  return `${publicUrl}/#/${recordType}/${recordId}`;
}

/** The email to a user for one notification. */
export function userEmail(kind: NotificationKind, link: string): RenderedMessage {
  const t = TO_USER[kind];
  return { subject: `Safer Libraries: ${t.subject}`, text: [t.line, '', 'Open it here:', link, ...FOOTER].join('\n') };
}

/** The email to an organisation's own inbox (its email in the partner directory): referrals sent to it. */
export function organisationEmail(kind: NotificationKind, link: string): RenderedMessage {
  if (kind !== NotificationKind.REFERRAL_RECEIVED) throw new Error(`no organisation email for ${kind}`);
  return {
    subject: 'Safer Libraries: a referral is waiting for your organisation',
    text: [
      'A referral is waiting for your organisation in Safer Libraries.',
      '',
      'Someone with an account for your organisation can open it here:',
      link,
      '',
      '--',
      'Safer Libraries. This address is the one your organisation gave the library service for referrals.',
    ].join('\n'),
  };
}

/** The day's digest: how many of each kind, and one link to the notifications page. */
export function digestEmail(counts: { kind: NotificationKind; count: number }[], link: string): RenderedMessage {
  const lines = counts.map(({ kind, count }) => `${count} new: ${TO_USER[kind].subject}`);
  return {
    subject: 'Safer Libraries: your daily summary',
    text: ['Since your last summary:', '', ...lines, '', 'See them all here:', link, ...FOOTER].join('\n'),
  };
}

/** The link of a digest: the notifications page. */
export const notificationsLink = (publicUrl: string): string => `${publicUrl}/#/notifications`;

/**
 * The message of one queued job, from its kind, whom it is for and its payload: the one way the
 * sender turns a job into text. Only the payload's identifiers are read (recordType, recordId,
 * the digest's counts); anything else a payload held would be ignored.
 */
export function renderJob(
  kind: NotificationKind | 'DAILY_DIGEST',
  recipient: 'user' | 'org',
  payload: { recordType?: unknown; recordId?: unknown; counts?: unknown },
  publicUrl: string,
): RenderedMessage {
  if (kind === 'DAILY_DIGEST') {
    const counts = (Array.isArray(payload.counts) ? payload.counts : []) as { kind: unknown; count: unknown }[];
    return digestEmail(
      counts
        .filter((c) => Object.values(NotificationKind).includes(c.kind as NotificationKind))
        .map((c) => ({ kind: c.kind as NotificationKind, count: Number(c.count) })),
      notificationsLink(publicUrl),
    );
  }
  const recordType = String(payload.recordType);
  const recordId = String(payload.recordId);
  if (!/^[A-Za-z]+$/.test(recordType) || !/^[0-9a-f-]{36}$/i.test(recordId)) throw new Error(`job payload is not a record reference`);
  const link = recordLink(publicUrl, recordType, recordId);
  return recipient === 'org' ? organisationEmail(kind, link) : userEmail(kind, link);
}

/** The JSON a partner's webhook receives: identifiers and the kind only. */
export function webhookBody(e: {
  eventKey: string;
  kind: NotificationKind;
  recordType: string;
  recordId: string;
  partnerOrganisationId: string;
  sentAt: string;
}): string {
  return JSON.stringify({
    id: e.eventKey,
    kind: e.kind,
    recordType: e.recordType,
    recordId: e.recordId,
    partnerOrganisationId: e.partnerOrganisationId,
    sentAt: e.sentAt,
  });
}
