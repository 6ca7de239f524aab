import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { BanScope, BanStatus } from '../../../cases/src/bans/ban.enums.js';
import { CaseStatus, RiskLevel } from '../../../cases/src/case/case-status.enum.js';
import { IncidentCategory, IncidentSeverity, IncidentSubjectPart } from '../../../cases/src/incidents/incident.enums.js';
import { AgeBand } from '../../../cases/src/subjects/age-band.enum.js';
import { SpecialCategoryKind } from '../../../cases/src/subjects/special-category-kind.enum.js';
import { ReferralNeed, ReferralOutcome, ReferralStatus, ReferralUrgency } from '../../../referrals/src/referral/referral.enums.js';
import { DataCategory } from '../agreement/agreement.enums.js';
import { HandlingCode, IntelligenceAssessment, IntelligenceCategory, IntelligenceSourceType } from '../intelligence/intelligence.enums.js';

/*
 * The partner-side projection of a case. Never the internal Case/Subject types (the enumerations
 * are shared: one vocabulary for partners and the library alike): each section
 * carries only what its data category allows, and is null when that category is not shared
 * with the reader (an empty list means shared, but nothing to show).
 */

@ObjectType({ description: 'Who the case is about (IDENTITY)' })
export class SharedSubject {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) name: string | null;
  @Field(() => String, { nullable: true, description: 'What the person looks like, when the name is unknown' }) description: string | null;
  @Field(() => [String]) aliases: string[];
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) dateOfBirth: string | null;
  @Field(() => AgeBand, { nullable: true }) ageBand: AgeBand | null;
  @Field(() => String, { nullable: true }) photoReference: string | null;
}

@ObjectType({ description: 'How the person can be reached (CONTACT)' })
export class SharedContact {
  @Field(() => [String], { description: 'Contact routes recorded with referrals ("at Central Library on Tuesdays", a phone number…)' }) contactRoutes: string[];
}

@ObjectType({ description: 'An incident the person was involved in (INCIDENTS); no debrief or staff welfare details' })
export class SharedIncident {
  @Field(() => ID) id: string;
  @Field(() => GraphQLISODateTime) occurredAt: Date;
  @Field() branchName: string;
  @Field(() => String, { nullable: true }) locationInBuilding: string | null;
  @Field(() => IncidentCategory) category: IncidentCategory;
  @Field(() => IncidentSeverity, { nullable: true }) severity: IncidentSeverity | null;
  @Field() description: string;
  @Field(() => String, { nullable: true }) actionsTaken: string | null;
  @Field() reportedToPolice: boolean;
  @Field(() => String, { nullable: true, description: 'Only on incidents shared under CRIMINAL_OFFENCE' }) crimeReferenceNumber: string | null;
  @Field(() => [IncidentSubjectPart], { description: 'How the person was involved' }) subjectParts: IncidentSubjectPart[];
}

@ObjectType({ description: 'A confirmed ban (BANS); proposals are not shared' })
export class SharedBan {
  @Field(() => ID) id: string;
  @Field(() => BanStatus, { description: 'ACTIVE, UNDER_REVIEW, LIFTED or EXPIRED (from the dates)' }) status: BanStatus;
  @Field(() => BanScope) scope: BanScope;
  @Field(() => [String], { description: 'The branches of a LISTED_BRANCHES ban' }) branchNames: string[];
  @Field() reason: string;
  @Field(() => String, { nullable: true }) conditions: string | null;
  @Field({ description: 'YYYY-MM-DD' }) startsOn: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) endsOn: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) reviewOn: string | null;
}

@ObjectType({ description: 'A referral of the person to a partner service, once sent (REFERRALS)' })
export class SharedReferral {
  @Field(() => ID) id: string;
  @Field() partnerOrganisationName: string;
  @Field(() => [ReferralNeed]) needs: ReferralNeed[];
  @Field(() => ReferralUrgency) urgency: ReferralUrgency;
  @Field(() => ReferralStatus) status: ReferralStatus;
  @Field(() => GraphQLISODateTime, { nullable: true }) sentAt: Date | null;
  @Field(() => ReferralOutcome, { nullable: true }) outcome: ReferralOutcome | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) closedAt: Date | null;
}

@ObjectType({ description: 'An accepted intelligence item of the case (INTELLIGENCE), when its handling code lets you see it' })
export class SharedIntelligenceItem {
  @Field(() => ID) id: string;
  @Field() body: string;
  @Field(() => IntelligenceSourceType) sourceType: IntelligenceSourceType;
  @Field(() => Int, { description: '1 reliable, 2 untested, 3 not reliable' }) sourceEvaluation: number;
  @Field(() => IntelligenceAssessment) intelligenceAssessment: IntelligenceAssessment;
  @Field(() => HandlingCode) handlingCode: HandlingCode;
  @Field(() => String, { nullable: true }) handlingConditions: string | null;
  @Field(() => IntelligenceCategory) category: IntelligenceCategory;
  @Field(() => String, { nullable: true }) placeDescription: string | null;
  @Field(() => String, { nullable: true }) branchName: string | null;
  @Field({ description: 'YYYY-MM-DD' }) reviewOn: string;
  @Field(() => GraphQLISODateTime) recordedAt: Date;
}

@ObjectType()
export class SharedSpecialCategoryDetail {
  @Field(() => ID) id: string;
  @Field(() => SpecialCategoryKind) category: SpecialCategoryKind;
  @Field() details: string;
}

@ObjectType({ description: 'Special category details and safeguarding flags (SPECIAL_CATEGORY)' })
export class SharedSpecialCategory {
  @Field() isChildSafeguarding: boolean;
  @Field() isAdultAtRisk: boolean;
  @Field(() => [SharedSpecialCategoryDetail]) details: SharedSpecialCategoryDetail[];
}

@ObjectType({ description: 'A live share of the case with you' })
export class SharedCaseShareInfo {
  @Field(() => ID) id: string;
  @Field(() => [DataCategory]) categories: DataCategory[];
  @Field() reason: string;
  @Field(() => GraphQLISODateTime) startsAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) until: Date | null;
  @Field(() => ID) agreementId: string;
  @Field() agreementTitle: string;
}

@ObjectType({ description: 'A case shared with you, showing only the categories shared (the union over its live shares with you)' })
export class SharedCase {
  @Field(() => ID, { description: 'The case id' }) id: string;
  @Field(() => ID, { description: 'The library service that shared it' }) libraryServiceId: string;
  @Field() libraryServiceName: string;
  @Field() title: string;
  @Field(() => CaseStatus) status: CaseStatus;
  @Field(() => RiskLevel) riskLevel: RiskLevel;
  @Field(() => GraphQLISODateTime) openedAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) closedAt: Date | null;
  @Field(() => [DataCategory], { description: 'What is shared with you now' }) categories: DataCategory[];
  /** Internal: for the section loaders, not a GraphQL field. */
  subjectId: string;
}
