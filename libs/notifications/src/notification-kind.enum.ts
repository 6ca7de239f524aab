import { registerEnumType } from '@nestjs/graphql';

/** What a notification is about. Each names its trigger in the description (README "Notifications"). */
export enum NotificationKind {
  REFERRAL_RECEIVED = 'REFERRAL_RECEIVED',
  REFERRAL_STATUS_CHANGED = 'REFERRAL_STATUS_CHANGED',
  CASE_SHARED = 'CASE_SHARED',
  FOLLOW_UP_DUE = 'FOLLOW_UP_DUE',
  BAN_REVIEW_DUE = 'BAN_REVIEW_DUE',
  AGREEMENT_REVIEW_DUE = 'AGREEMENT_REVIEW_DUE',
  RIGHTS_REQUEST_DEADLINE = 'RIGHTS_REQUEST_DEADLINE',
}
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  valuesMap: {
    REFERRAL_RECEIVED: { description: 'A referral was sent to your organisation (partner users; the organisation’s own email too)' },
    REFERRAL_STATUS_CHANGED: { description: 'A referral you made moved on (accepted, declined, started, closed, withdrawn) by someone else' },
    CASE_SHARED: { description: 'A case was shared with your organisation (partner users) or your library service (its managers)' },
    FOLLOW_UP_DUE: { description: 'A follow-up action you own is due tomorrow' },
    BAN_REVIEW_DUE: { description: 'A ban of your library service is due for review tomorrow (managers)' },
    AGREEMENT_REVIEW_DUE: { description: 'A data sharing agreement of your library service is due for review tomorrow (managers)' },
    RIGHTS_REQUEST_DEADLINE: { description: 'An open rights request is due tomorrow (the DPO)' },
  },
});

/** How a user hears of one kind. */
export enum NotificationDelivery {
  IMMEDIATE = 'IMMEDIATE',
  DAILY_DIGEST = 'DAILY_DIGEST',
  OFF = 'OFF',
}
registerEnumType(NotificationDelivery, {
  name: 'NotificationDelivery',
  valuesMap: {
    IMMEDIATE: { description: 'In the app, and an email at once (the default)' },
    DAILY_DIGEST: { description: 'In the app, and counted in one email a day' },
    OFF: { description: 'Not at all: nothing in the app, no email' },
  },
});

/** The record type a kind points at (the link opens it). */
export const RECORD_TYPE: Record<NotificationKind, string> = {
  REFERRAL_RECEIVED: 'Referral',
  REFERRAL_STATUS_CHANGED: 'Referral',
  CASE_SHARED: 'SharedCase',
  FOLLOW_UP_DUE: 'FollowUpAction',
  BAN_REVIEW_DUE: 'Ban',
  AGREEMENT_REVIEW_DUE: 'DataSharingAgreement',
  RIGHTS_REQUEST_DEADLINE: 'RightsRequest',
};
