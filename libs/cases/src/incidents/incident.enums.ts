import { registerEnumType } from '@nestjs/graphql';

/** What kind of incident, in the categories of the sector guidance (see docs/domain.md#incidents). */
export enum IncidentCategory {
  VERBAL_ABUSE = 'VERBAL_ABUSE',
  THREATENING_BEHAVIOUR = 'THREATENING_BEHAVIOUR',
  VIOLENCE = 'VIOLENCE',
  ANTISOCIAL_BEHAVIOUR = 'ANTISOCIAL_BEHAVIOUR',
  DAMAGE = 'DAMAGE',
  THEFT = 'THEFT',
  DRUGS_OR_ALCOHOL = 'DRUGS_OR_ALCOHOL',
  HARASSMENT = 'HARASSMENT',
  SOCIAL_MEDIA_AUDITOR = 'SOCIAL_MEDIA_AUDITOR',
  OTHER = 'OTHER',
}
registerEnumType(IncidentCategory, {
  name: 'IncidentCategory',
  valuesMap: { SOCIAL_MEDIA_AUDITOR: { description: 'Filming staff or the public to provoke a reaction and post it online' } },
});

export enum IncidentSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(IncidentSeverity, { name: 'IncidentSeverity' });

/** The part a person played in an incident. */
export enum IncidentSubjectPart {
  PERPETRATOR = 'PERPETRATOR',
  VICTIM = 'VICTIM',
  WITNESS = 'WITNESS',
}
registerEnumType(IncidentSubjectPart, { name: 'IncidentSubjectPart' });

export enum EvidenceKind {
  CCTV = 'CCTV',
  BODYCAM = 'BODYCAM',
  PHOTO = 'PHOTO',
  OTHER = 'OTHER',
}
registerEnumType(EvidenceKind, { name: 'EvidenceKind', description: 'Where a piece of evidence is kept (the record holds a reference, never the footage)' });

/** The post-incident staff welfare checklist (after the Wiltshire Libraries example in the guidance, Appendix D). */
export enum WelfareCheckItem {
  PHYSICALLY_HURT = 'PHYSICALLY_HURT',
  NEEDS_TIME_OFF = 'NEEDS_TIME_OFF',
  OFFERED_EMPLOYEE_ASSISTANCE_PROGRAMME = 'OFFERED_EMPLOYEE_ASSISTANCE_PROGRAMME',
  OFFERED_COUNSELLING = 'OFFERED_COUNSELLING',
  TRADE_UNION_INFORMED = 'TRADE_UNION_INFORMED',
  RISK_ASSESSMENT_TO_REVISE = 'RISK_ASSESSMENT_TO_REVISE',
}
registerEnumType(WelfareCheckItem, {
  name: 'WelfareCheckItem',
  valuesMap: {
    PHYSICALLY_HURT: { description: 'Was the staff member physically hurt?' },
    NEEDS_TIME_OFF: { description: 'Do they need time off?' },
    OFFERED_EMPLOYEE_ASSISTANCE_PROGRAMME: { description: 'Were they offered the Employee Assistance Programme?' },
    OFFERED_COUNSELLING: { description: 'Were they offered counselling?' },
    TRADE_UNION_INFORMED: { description: 'Has their trade union been informed (if they wish)?' },
    RISK_ASSESSMENT_TO_REVISE: { description: 'Does a risk assessment need revising?' },
  },
});
