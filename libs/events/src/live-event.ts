/**
 * What happened, as identifiers only: events cross processes (Redis) and reach partners' screens,
 * so they never carry a name, a note or an address. A subscriber reads the record itself, through
 * the same CASL rules as any other read, before anything is sent to a client.
 */
export const LIVE_EVENT_KINDS = ['ALARM_RAISED', 'ALARM_CHANGED', 'INCIDENT_RECORDED', 'REFERRAL_CHANGED', 'NOTIFICATION_ADDED'] as const;
export type LiveEventKind = (typeof LIVE_EVENT_KINDS)[number];

export interface LiveEvent {
  kind: LiveEventKind;
  /** The library service the record belongs to. */
  libraryServiceId: string;
  /** The record the event is about (an alarm, an incident, a referral, a notification). */
  id: string;
  /** The branch, where the record has one (alarms, incidents). */
  branchId?: string | null;
  /** For notifications: the one user it is for. */
  userId?: string | null;
  /** For referrals: the receiving organisation. */
  partnerOrganisationId?: string | null;
  /** ISO time of the event at its source (for delivery latency). */
  at: string;
}
