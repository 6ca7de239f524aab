import { registerEnumType } from '@nestjs/graphql';

/** Categories of personal data an agreement allows and a share passes on. */
export enum DataCategory {
  IDENTITY = 'IDENTITY',
  CONTACT = 'CONTACT',
  INCIDENTS = 'INCIDENTS',
  BANS = 'BANS',
  REFERRALS = 'REFERRALS',
  INTELLIGENCE = 'INTELLIGENCE',
  SPECIAL_CATEGORY = 'SPECIAL_CATEGORY',
  CRIMINAL_OFFENCE = 'CRIMINAL_OFFENCE',
}
registerEnumType(DataCategory, {
  name: 'DataCategory',
  valuesMap: {
    IDENTITY: { description: "The person's name or description, aliases, date of birth or age band, photo reference. Every share includes it" },
    CONTACT: { description: 'How the person can be reached (contact routes recorded with referrals)' },
    INCIDENTS: { description: 'Incidents the person was involved in (no debrief or staff welfare details)' },
    BANS: { description: 'Confirmed bans (not proposals), with scope, conditions and dates' },
    REFERRALS: { description: 'Referrals to partner services, once sent, with status and outcome' },
    INTELLIGENCE: { description: 'Accepted intelligence items of the case, subject to their handling codes' },
    SPECIAL_CATEGORY: { description: 'Special category (Article 9) details, safeguarding flags, and any record holding special category data' },
    CRIMINAL_OFFENCE: { description: 'Records holding criminal offence data (Article 10), e.g. incidents with a crime reference number' },
  },
});

export const ALL_DATA_CATEGORIES = Object.values(DataCategory);

/** Stored status; EXPIRED is also what an ACTIVE or SUSPENDED agreement reads as once its end date has passed. */
export enum AgreementStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}
registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  valuesMap: {
    DRAFT: { description: 'Being written; nothing may be shared under it' },
    ACTIVE: { description: 'Signed and in effect: shares under it work from its start date' },
    SUSPENDED: { description: 'Paused: shares under it stop working until it is activated again' },
    EXPIRED: { description: 'Its end date has passed (follows from the dates; no job needed)' },
    TERMINATED: { description: 'Ended early by a manager; final' },
  },
});
