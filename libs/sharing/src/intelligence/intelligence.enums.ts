import { registerEnumType } from '@nestjs/graphql';

export enum IntelligenceSourceType {
  STAFF_OBSERVATION = 'STAFF_OBSERVATION',
  PARTNER = 'PARTNER',
  MEMBER_OF_PUBLIC = 'MEMBER_OF_PUBLIC',
  CCTV = 'CCTV',
}
registerEnumType(IntelligenceSourceType, { name: 'IntelligenceSourceType' });

/** 3x5x2 intelligence assessment: how the information is known to the source. */
export enum IntelligenceAssessment {
  A = 'A',
  B = 'B',
  C = 'C',
  D = 'D',
  E = 'E',
}
registerEnumType(IntelligenceAssessment, {
  name: 'IntelligenceAssessment',
  description: 'Police 3x5x2 intelligence assessment',
  valuesMap: {
    A: { description: 'Known directly to the source' },
    B: { description: 'Known indirectly to the source but corroborated' },
    C: { description: 'Known indirectly to the source' },
    D: { description: 'Not known' },
    E: { description: 'Suspected to be false or malicious' },
  },
});

/** 3x5x2 handling code: who may see it further. */
export enum HandlingCode {
  P = 'P',
  C = 'C',
}
registerEnumType(HandlingCode, {
  name: 'HandlingCode',
  description: 'Police 3x5x2 handling code',
  valuesMap: {
    P: { description: 'Lawful sharing permitted: partners the case is shared with for INTELLIGENCE may read it' },
    C: { description: 'Lawful sharing permitted with conditions: only the organisations and services its conditions name may read it' },
  },
});

export enum IntelligenceCategory {
  WEAPONS = 'WEAPONS',
  VIOLENCE = 'VIOLENCE',
  DRUGS = 'DRUGS',
  ANTISOCIAL_BEHAVIOUR = 'ANTISOCIAL_BEHAVIOUR',
  EXPLOITATION = 'EXPLOITATION',
  SAFEGUARDING = 'SAFEGUARDING',
  THEFT = 'THEFT',
  PUBLIC_ORDER = 'PUBLIC_ORDER',
  OTHER = 'OTHER',
}
registerEnumType(IntelligenceCategory, { name: 'IntelligenceCategory' });

export enum IntelligenceStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(IntelligenceStatus, {
  name: 'IntelligenceStatus',
  valuesMap: {
    SUBMITTED: { description: 'Sent by a partner or another service; a manager has not decided yet' },
    ACCEPTED: { description: 'Part of the record' },
    REJECTED: { description: 'Not accepted into the record' },
  },
});

/**
 * What a reviewer decided about an item on the review list (docs/domain.md#intelligence). A
 * deletion is not among them: the item goes with its history, and the audit trail keeps the fact.
 */
export enum IntelligenceReviewDecision {
  RENEWED = 'RENEWED',
  HANDLING_CHANGED = 'HANDLING_CHANGED',
  REGRADED = 'REGRADED',
}
registerEnumType(IntelligenceReviewDecision, {
  name: 'IntelligenceReviewDecision',
  valuesMap: {
    RENEWED: { description: 'Still needed: reviewed again on a new date' },
    HANDLING_CHANGED: { description: 'Its handling code (who may see it further) was changed' },
    REGRADED: { description: 'Its 3x5x2 grading (source evaluation, intelligence assessment) was changed' },
  },
});
