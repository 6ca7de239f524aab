import { ReferralNeed } from './referral.enums.js';

/**
 * Words a partner's services offered are searched for, per need of a referral (matched by the
 * start of a word: "counsel" finds "Counselling"). A need of OTHER suggests nothing by itself.
 */
export const NEED_SERVICE_WORDS: Record<ReferralNeed, string[]> = {
  [ReferralNeed.HOUSING]: ['housing', 'homeless', 'tenancy', 'shelter'],
  [ReferralNeed.MENTAL_HEALTH]: ['mental', 'counsel', 'wellbeing', 'listening', 'crisis'],
  [ReferralNeed.ADDICTION]: ['addiction', 'substance', 'alcohol', 'drug', 'recovery'],
  [ReferralNeed.FOOD]: ['food', 'pantry', 'meal', 'parcel', 'cooking'],
  [ReferralNeed.EMPLOYMENT]: ['employment', 'job', 'work', 'career', 'skills'],
  [ReferralNeed.LEGAL]: ['legal', 'law', 'advice', 'immigration'],
  [ReferralNeed.YOUTH_SUPPORT]: ['youth', 'young', 'mentoring', 'homework'],
  [ReferralNeed.FAMILY_SUPPORT]: ['family', 'parent', 'children', 'carer'],
  [ReferralNeed.FINANCIAL]: ['debt', 'benefit', 'money', 'financial', 'budget'],
  [ReferralNeed.PHYSICAL_HEALTH]: ['health', 'gp', 'nhs', 'exercise'],
  [ReferralNeed.OTHER]: [],
};

export const serviceWordsFor = (needs: readonly ReferralNeed[]): string[] => needs.flatMap((n) => NEED_SERVICE_WORDS[n] ?? []);
