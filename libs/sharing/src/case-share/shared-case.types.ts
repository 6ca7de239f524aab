import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ViewColumn, ViewEntity } from 'typeorm';
import { BanScope, BanStatus } from '../../../cases/src/bans/ban.enums.js';
import { CaseStatus, RiskLevel } from '../../../cases/src/case/case-status.enum.js';
import { IncidentCategory, IncidentSeverity, IncidentSubjectPart } from '../../../cases/src/incidents/incident.enums.js';
import { AgeBand } from '../../../cases/src/subjects/age-band.enum.js';
import { SpecialCategoryKind } from '../../../cases/src/subjects/special-category-kind.enum.js';
import { ReferralNeed, ReferralOutcome, ReferralStatus, ReferralUrgency } from '../../../referrals/src/referral/referral.enums.js';
import { DataCategory } from '../agreement/agreement.enums.js';
import { HandlingCode, IntelligenceAssessment, IntelligenceCategory, IntelligenceSourceType } from '../intelligence/intelligence.enums.js';
import { DateTimeScalar, DateScalar } from '../../../common/src/index.js';

/*
 * The partner-side projection of a case. Never the internal Case/Subject types (the enumerations
 * are shared: one vocabulary for partners and the library alike): each section
 * carries only what its data category allows, and is null when that category is not shared
 * with the reader (an empty list means shared, but nothing to show).
 *
 * Each section is also the read-only entity of its view (migrations SharedCaseViews): one row per
 * record, case and recipient, holding exactly what the recipient may see. The access rules
 * (sharing.rules.ts) pick the reader's rows by the recipient columns, and restriction (Art 18) by
 * the case's person, like for any table.
 */

/** The key of every row of the shared-case views (not GraphQL fields): the case, its service, the recipient and the case's person. */
abstract class SharedRow {
  @ViewColumn({ name: 'case_id' }) caseId: string;
  /** The library service that shared the case (and keeps the record). */
  @ViewColumn({ name: 'library_service_id' }) libraryServiceId: string;
  @ViewColumn({ name: 'partner_organisation_id' }) partnerOrganisationId: string | null;
  @ViewColumn({ name: 'recipient_library_service_id' }) recipientLibraryServiceId: string | null;
  @ViewColumn({ name: 'subject_id' }) subjectId: string;
}

/** Per case and recipient, the union of the categories of its live shares (view `shared_case_grant`). */
@ViewEntity({ name: 'shared_case_grant' })
export class SharedCaseGrant extends SharedRow {
  @ViewColumn() categories: DataCategory[];
  @ViewColumn({ name: 'library_service_name' }) libraryServiceName: string;
}

/** A referral's contact route (view `shared_case_contact`), read to make up SharedContact. */
@ViewEntity({ name: 'shared_case_contact' })
export class SharedContactRoute extends SharedRow {
  @ViewColumn() id: string;
  @ViewColumn({ name: 'contact_route' }) contactRoute: string;
  @ViewColumn({ name: 'created_at' }) createdAt: Date;
}

@ObjectType({ description: 'Who the case is about (IDENTITY)' })
@ViewEntity({ name: 'shared_case_subject' })
export class SharedSubject extends SharedRow {
  @Field(() => ID) @ViewColumn() id: string;
  @Field(() => String, { nullable: true }) @ViewColumn() name: string | null;
  @Field(() => String, { nullable: true, description: 'What the person looks like, when the name is unknown' }) @ViewColumn() description: string | null;
  @Field(() => [String]) @ViewColumn() aliases: string[];
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD' }) @ViewColumn({ name: 'date_of_birth' }) dateOfBirth: string | null;
  @Field(() => AgeBand, { nullable: true }) @ViewColumn({ name: 'age_band' }) ageBand: AgeBand | null;
  @Field(() => String, { nullable: true }) @ViewColumn({ name: 'photo_reference' }) photoReference: string | null;
}

@ObjectType({ description: 'How the person can be reached (CONTACT)' })
export class SharedContact {
  @Field(() => [String], { description: 'Contact routes recorded with referrals ("at Central Library on Tuesdays", a phone number…)' }) contactRoutes: string[];
}

@ObjectType({ description: 'An incident the person was involved in (INCIDENTS); no debrief or staff welfare details' })
@ViewEntity({ name: 'shared_case_incident' })
export class SharedIncident extends SharedRow {
  @Field(() => ID) @ViewColumn() id: string;
  @Field(() => DateTimeScalar) @ViewColumn({ name: 'occurred_at' }) occurredAt: Date;
  @Field() @ViewColumn({ name: 'branch_name' }) branchName: string;
  @Field(() => String, { nullable: true }) @ViewColumn({ name: 'location_in_building' }) locationInBuilding: string | null;
  @Field(() => IncidentCategory) @ViewColumn() category: IncidentCategory;
  @Field(() => IncidentSeverity, { nullable: true }) @ViewColumn() severity: IncidentSeverity | null;
  @Field() @ViewColumn() description: string;
  @Field(() => String, { nullable: true }) @ViewColumn({ name: 'actions_taken' }) actionsTaken: string | null;
  @Field() @ViewColumn({ name: 'reported_to_police' }) reportedToPolice: boolean;
  @Field(() => String, { nullable: true, description: 'Only on incidents shared under CRIMINAL_OFFENCE' })
  @ViewColumn({ name: 'crime_reference_number' })
  crimeReferenceNumber: string | null;
  @Field(() => [IncidentSubjectPart], { description: 'How the person was involved' })
  @ViewColumn({ name: 'subject_parts' })
  subjectParts: IncidentSubjectPart[];
}

@ObjectType({ description: 'A confirmed ban (BANS); proposals are not shared' })
@ViewEntity({ name: 'shared_case_ban' })
export class SharedBan extends SharedRow {
  @Field(() => ID) @ViewColumn() id: string;
  @Field(() => BanStatus, { description: 'ACTIVE, UNDER_REVIEW, LIFTED or EXPIRED (from the dates)' }) @ViewColumn() status: BanStatus;
  @Field(() => BanScope) @ViewColumn() scope: BanScope;
  @Field(() => [String], { description: 'The branches of a LISTED_BRANCHES ban' }) @ViewColumn({ name: 'branch_names' }) branchNames: string[];
  @Field() @ViewColumn() reason: string;
  @Field(() => String, { nullable: true }) @ViewColumn() conditions: string | null;
  @Field(() => DateScalar, { description: 'YYYY-MM-DD' }) @ViewColumn({ name: 'starts_on' }) startsOn: string;
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD' }) @ViewColumn({ name: 'ends_on' }) endsOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'YYYY-MM-DD' }) @ViewColumn({ name: 'review_on' }) reviewOn: string | null;
}

@ObjectType({ description: 'A referral of the person to a partner service, once sent (REFERRALS)' })
@ViewEntity({ name: 'shared_case_referral' })
export class SharedReferral extends SharedRow {
  @Field(() => ID) @ViewColumn() id: string;
  @Field() @ViewColumn({ name: 'partner_organisation_name' }) partnerOrganisationName: string;
  @Field(() => [ReferralNeed]) @ViewColumn() needs: ReferralNeed[];
  @Field(() => ReferralUrgency) @ViewColumn() urgency: ReferralUrgency;
  @Field(() => ReferralStatus) @ViewColumn() status: ReferralStatus;
  @Field(() => DateTimeScalar, { nullable: true }) @ViewColumn({ name: 'sent_at' }) sentAt: Date | null;
  @Field(() => ReferralOutcome, { nullable: true }) @ViewColumn() outcome: ReferralOutcome | null;
  @Field(() => DateTimeScalar, { nullable: true }) @ViewColumn({ name: 'closed_at' }) closedAt: Date | null;
}

@ObjectType({ description: 'An accepted intelligence item of the case (INTELLIGENCE), when its handling code lets you see it' })
@ViewEntity({ name: 'shared_case_intelligence' })
export class SharedIntelligenceItem extends SharedRow {
  @Field(() => ID) @ViewColumn() id: string;
  @Field() @ViewColumn() body: string;
  @Field(() => IntelligenceSourceType) @ViewColumn({ name: 'source_type' }) sourceType: IntelligenceSourceType;
  @Field(() => Int, { description: '1 reliable, 2 untested, 3 not reliable' }) @ViewColumn({ name: 'source_evaluation' }) sourceEvaluation: number;
  @Field(() => IntelligenceAssessment) @ViewColumn({ name: 'intelligence_assessment' }) intelligenceAssessment: IntelligenceAssessment;
  @Field(() => HandlingCode) @ViewColumn({ name: 'handling_code' }) handlingCode: HandlingCode;
  @Field(() => String, { nullable: true }) @ViewColumn({ name: 'handling_conditions' }) handlingConditions: string | null;
  @Field(() => IntelligenceCategory) @ViewColumn() category: IntelligenceCategory;
  @Field(() => String, { nullable: true }) @ViewColumn({ name: 'place_description' }) placeDescription: string | null;
  @Field(() => String, { nullable: true }) @ViewColumn({ name: 'branch_name' }) branchName: string | null;
  @Field(() => DateScalar, { description: 'YYYY-MM-DD' }) @ViewColumn({ name: 'review_on' }) reviewOn: string;
  @Field(() => DateTimeScalar) @ViewColumn({ name: 'recorded_at' }) recordedAt: Date;
}

@ObjectType()
export class SharedSpecialCategoryDetail {
  @Field(() => ID) id: string;
  @Field(() => SpecialCategoryKind) category: SpecialCategoryKind;
  @Field() details: string;
}

@ObjectType({ description: 'Special category details and safeguarding flags (SPECIAL_CATEGORY)' })
@ViewEntity({ name: 'shared_case_special_category' })
export class SharedSpecialCategory extends SharedRow {
  /** The person's id: the flags are the person's own record. */
  @ViewColumn() id: string;
  @Field() @ViewColumn({ name: 'is_child_safeguarding' }) isChildSafeguarding: boolean;
  @Field() @ViewColumn({ name: 'is_adult_at_risk' }) isAdultAtRisk: boolean;
  @Field(() => [SharedSpecialCategoryDetail]) @ViewColumn() details: SharedSpecialCategoryDetail[];
}

@ObjectType({ description: 'A live share of the case with you' })
@ViewEntity({ name: 'shared_case_share' })
export class SharedCaseShareInfo extends SharedRow {
  @Field(() => ID) @ViewColumn() id: string;
  @Field(() => [DataCategory]) @ViewColumn() categories: DataCategory[];
  @Field() @ViewColumn() reason: string;
  @Field(() => DateTimeScalar) @ViewColumn({ name: 'starts_at' }) startsAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) @ViewColumn() until: Date | null;
  @Field(() => ID) @ViewColumn({ name: 'agreement_id' }) agreementId: string;
  @Field() @ViewColumn({ name: 'agreement_title' }) agreementTitle: string;
}

@ObjectType({ description: 'A case shared with you, showing only the categories shared (the union over its live shares with you)' })
export class SharedCase {
  @Field(() => ID, { description: 'The case id' }) id: string;
  @Field(() => ID, { description: 'The library service that shared it' }) libraryServiceId: string;
  @Field() libraryServiceName: string;
  @Field() title: string;
  @Field(() => CaseStatus) status: CaseStatus;
  @Field(() => RiskLevel) riskLevel: RiskLevel;
  @Field(() => DateTimeScalar) openedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) closedAt: Date | null;
  @Field(() => [DataCategory], { description: 'What is shared with you now' }) categories: DataCategory[];
  /** Internal: for the section loaders, not a GraphQL field. */
  subjectId: string;
}
