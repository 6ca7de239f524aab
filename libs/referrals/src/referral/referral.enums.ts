import { registerEnumType } from '@nestjs/graphql';

/** What the person needs help with; a referral names one or more. */
export enum ReferralNeed {
  HOUSING = 'HOUSING',
  MENTAL_HEALTH = 'MENTAL_HEALTH',
  ADDICTION = 'ADDICTION',
  FOOD = 'FOOD',
  EMPLOYMENT = 'EMPLOYMENT',
  LEGAL = 'LEGAL',
  YOUTH_SUPPORT = 'YOUTH_SUPPORT',
  FAMILY_SUPPORT = 'FAMILY_SUPPORT',
  FINANCIAL = 'FINANCIAL',
  PHYSICAL_HEALTH = 'PHYSICAL_HEALTH',
  OTHER = 'OTHER',
}
registerEnumType(ReferralNeed, {
  name: 'ReferralNeed',
  valuesMap: {
    MENTAL_HEALTH: { description: 'Health data: special category, needs an Article 9(2) condition' },
    ADDICTION: { description: 'Health data: special category, needs an Article 9(2) condition' },
    PHYSICAL_HEALTH: { description: 'Health data: special category, needs an Article 9(2) condition' },
  },
});

/** Needs that reveal health data (UK GDPR Article 9): a referral naming one needs a special category condition. */
export const SPECIAL_CATEGORY_NEEDS: readonly ReferralNeed[] = [ReferralNeed.MENTAL_HEALTH, ReferralNeed.ADDICTION, ReferralNeed.PHYSICAL_HEALTH];

export enum ReferralUrgency {
  ROUTINE = 'ROUTINE',
  SOON = 'SOON',
  URGENT = 'URGENT',
}
registerEnumType(ReferralUrgency, { name: 'ReferralUrgency', description: 'Sets how many working days the partner has to answer' });

export enum ReferralConsent {
  GIVEN = 'GIVEN',
  REFUSED = 'REFUSED',
  NOT_ASKED = 'NOT_ASKED',
  NOT_POSSIBLE = 'NOT_POSSIBLE',
}
registerEnumType(ReferralConsent, {
  name: 'ReferralConsent',
  description: 'Whether the person agreed to the referral. Anything but GIVEN needs another lawful basis and a justification before sending.',
});

export enum ReferralStatus {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  IN_PROGRESS = 'IN_PROGRESS',
  CLOSED = 'CLOSED',
}
registerEnumType(ReferralStatus, { name: 'ReferralStatus', description: 'DRAFT → SENT → ACCEPTED | DECLINED | WITHDRAWN; ACCEPTED → IN_PROGRESS → CLOSED' });

export enum ReferralOutcome {
  NEEDS_MET = 'NEEDS_MET',
  PARTLY_MET = 'PARTLY_MET',
  NOT_MET = 'NOT_MET',
  DISENGAGED = 'DISENGAGED',
  REFERRED_ON = 'REFERRED_ON',
}
registerEnumType(ReferralOutcome, { name: 'ReferralOutcome', description: 'What happened, recorded when the referral is closed' });

export enum ReferralDeclineReason {
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  NO_CAPACITY = 'NO_CAPACITY',
  OUTSIDE_AREA = 'OUTSIDE_AREA',
  ALREADY_SUPPORTED = 'ALREADY_SUPPORTED',
  UNABLE_TO_CONTACT = 'UNABLE_TO_CONTACT',
  PERSON_DECLINED = 'PERSON_DECLINED',
  OTHER = 'OTHER',
}
registerEnumType(ReferralDeclineReason, { name: 'ReferralDeclineReason', description: 'Why a partner declined; OTHER needs details' });
