import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { WelfareCheckItem } from '../../../cases/src/index.js';
import { DateTimeScalar } from '../../../common/src/index.js';

@ObjectType({ description: 'Appeals against bans decided in the period, by outcome' })
export class BanAppealOutcomes {
  @Field(() => Int) upheld: number;
  @Field(() => Int) varied: number;
  @Field(() => Int) overturned: number;
}

@ObjectType({ description: 'Bans of your service: counts only' })
export class BanReport {
  @Field(() => DateTimeScalar) from: Date;
  @Field(() => DateTimeScalar) to: Date;
  @Field(() => Int, { description: 'In force (active or under review) on the last day of the period' }) activeAtEnd: number;
  @Field(() => Int, { description: 'Confirmed in the period' }) issued: number;
  @Field(() => Int, { description: 'Proposed in the period and not confirmed (yet)' }) proposedNotConfirmed: number;
  @Field(() => Int, { description: 'Lifted early in the period' }) lifted: number;
  @Field(() => Int, { description: 'Ran to their end date in the period' }) ended: number;
  @Field(() => Int, { description: 'With an acceptable behaviour agreement signed in the period' }) behaviourAgreementsSigned: number;
  @Field(() => Int, { description: 'Appeals lodged in the period' }) appealsLodged: number;
  @Field(() => Int, { description: 'Appeals lodged (at any time) and not decided by the end of the period' }) appealsAwaitingDecision: number;
  @Field(() => BanAppealOutcomes) appealOutcomes: BanAppealOutcomes;
}

@ObjectType({ description: 'Contacts with one partner organisation in one month' })
export class PartnerContactsInMonth {
  @Field(() => ID) partnerOrganisationId: string;
  @Field() partnerName: string;
  @Field({ description: 'YYYY-MM, UK calendar' }) month: string;
  @Field(() => Int) contacts: number;
}

@ObjectType({ description: 'Follow-up actions agreed with one partner organisation and not done by their due date' })
export class PartnerOverdueFollowUps {
  @Field(() => ID) partnerOrganisationId: string;
  @Field() partnerName: string;
  @Field(() => Int, { description: 'Due before today and not completed' }) overdue: number;
  @Field(() => Int, { description: 'Not completed, whenever due' }) open: number;
}

@ObjectType({ description: 'Contact logs with partners in the period, and follow-ups overdue today: counts only' })
export class PartnerEngagementReport {
  @Field(() => DateTimeScalar) from: Date;
  @Field(() => DateTimeScalar) to: Date;
  @Field(() => Int) totalContacts: number;
  @Field(() => [PartnerContactsInMonth], { description: 'Per partner per month with at least one contact, at most 1000' })
  contactsByMonth: PartnerContactsInMonth[];
  @Field(() => [PartnerOverdueFollowUps], { description: 'Partners with open follow-ups, most overdue first, at most 200' })
  followUps: PartnerOverdueFollowUps[];
}

@ObjectType({ description: 'Answers to one item of the welfare checklist after incidents of the period' })
export class WelfareItemCount {
  @Field(() => WelfareCheckItem) item: WelfareCheckItem;
  @Field(() => Int, { description: 'Times the item was answered for a member of staff' }) answered: number;
  @Field(() => Int, { description: 'Of those, answered yes' }) yes: number;
}

@ObjectType({ description: 'Staff welfare after incidents of the period: counts only, nobody named' })
export class StaffWelfareReport {
  @Field(() => DateTimeScalar) from: Date;
  @Field(() => DateTimeScalar) to: Date;
  @Field(() => Int) incidents: number;
  @Field(() => Int, { description: 'Incidents with staff recorded as involved' }) incidentsWithStaffInvolved: number;
  @Field(() => Int, { description: 'Members of staff involved, counted once per incident' }) staffInvolvements: number;
  @Field(() => Int) debriefsHeld: number;
  @Field(() => Int, { description: 'Incidents with no debrief recorded' }) notDebriefed: number;
  @Field(() => Float, { nullable: true, description: 'Median hours from the incident to its debrief; null with none held' }) medianHoursToDebrief:
    number | null;
  @Field(() => Float, { nullable: true }) averageHoursToDebrief: number | null;
  @Field(() => Int, { description: 'Incidents with the welfare checklist answered for every member of staff involved' }) welfareChecksComplete: number;
  @Field(() => [WelfareItemCount], { description: 'One per checklist item' }) checklist: WelfareItemCount[];
}
