import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { RetentionAction } from './retention-action.enum.js';
import { DateTimeScalar, DateScalar } from '../../../common/src/index.js';

/** The values RetentionRun.status and RetentionRun.triggeredBy hold, as GraphQL enums. */
export enum RetentionRunStatus {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(RetentionRunStatus, { name: 'RetentionRunStatus' });

export enum RetentionRunTrigger {
  CLI = 'CLI',
  SCHEDULE = 'SCHEDULE',
  API = 'API',
}
registerEnumType(RetentionRunTrigger, {
  name: 'RetentionRunTrigger',
  valuesMap: {
    CLI: { description: 'The retention-sweep admin command' },
    SCHEDULE: { description: 'The in-app schedule (RETENTION_SWEEP_INTERVAL_MINUTES)' },
    API: { description: 'The DPO, with runRetentionSweep' },
  },
});

@ObjectType({ description: "A library service's retention period for one record type: the default, or the administrator's override" })
export class RetentionPolicyView {
  @Field() recordType: string;
  @Field(() => Int) retainYears: number;
  @Field(() => RetentionAction) action: RetentionAction;
  @Field({ description: 'True while the default applies (no override saved); docs/domain.md lists the defaults' }) isDefault: boolean;
  @Field(() => Int, { description: '0 for a default; pass it back to updateRetentionPolicy' }) version: number;
  @Field(() => [String], { description: 'Entity types this policy governs' }) governs: string[];
  @Field(() => String, { nullable: true, description: 'When the clock starts, in words' }) startsFrom: string | null;
  @Field(() => Boolean, { description: 'Whether every record type it governs can be anonymised (else only DELETE is allowed)' }) canAnonymise: boolean;
  @Field(() => DateTimeScalar, { nullable: true }) updatedAt: Date | null;
  @Field(() => Int, { nullable: true, description: 'After an update: how many records had their retain-until date recomputed' }) recomputedRecords?:
    number | null;
}

@ObjectType()
export class RetentionRunCount {
  @Field() recordType: string;
  @Field() entityType: string;
  @Field() policy: string;
  @Field(() => RetentionAction) action: RetentionAction;
  @Field(() => Int) retainYears: number;
  @Field(() => Int) deleted: number;
  @Field(() => Int) anonymised: number;
  @Field(() => Int, { description: 'Past their stored date but the current policy keeps them longer: the date was moved on' }) extended: number;
  @Field(() => Int, { description: 'Past their date but on legal hold: reported, not touched' }) onHold: number;
  @Field(() => Int, { description: 'Could not be deleted (other records refer to them) and cannot be anonymised' }) blocked: number;
  @Field(() => Int, { description: 'Dry run: would be deleted or anonymised' }) due: number;
  @Field(() => [ID], { nullable: true, description: 'Dry run: up to 20 of the records it would delete or anonymise' }) sampleIds?: string[] | null;
}

@ObjectType({ description: 'One retention sweep of a library service' })
export class RetentionRunView {
  @Field(() => ID) id: string;
  @Field(() => RetentionRunTrigger) triggeredBy: string;
  @Field() dryRun: boolean;
  @Field(() => RetentionRunStatus) status: string;
  @Field(() => DateTimeScalar) startedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt: Date | null;
  @Field(() => [RetentionRunCount]) counts: RetentionRunCount[];
}

@ObjectType({ description: 'What a record type has coming up under its retention policy' })
export class RetentionReportLine {
  @Field() recordType: string;
  @Field() entityType: string;
  @Field() title: string;
  @Field(() => RetentionPolicyView) policy: RetentionPolicyView;
  @Field(() => Int, { description: 'Past the date now: the next sweep deletes or anonymises them' }) overdue: number;
  @Field(() => Int) dueWithin30Days: number;
  @Field(() => Int) dueWithin90Days: number;
  @Field(() => Int, { description: 'On legal hold (never swept while held)' }) onHold: number;
  @Field(() => Int, { description: 'On legal hold and past their date' }) onHoldPastDate: number;
  @Field(() => Int, { description: 'Anonymised by earlier sweeps' }) anonymised: number;
}

@ObjectType({ description: 'Retention at a glance: what is due in the next 30 and 90 days, what is on hold, what the last sweeps did' })
export class RetentionReport {
  @Field(() => ID) libraryServiceId: string;
  @Field(() => DateScalar, { description: 'The date the report counts from (UTC), YYYY-MM-DD' }) today: string;
  @Field(() => [RetentionReportLine]) lines: RetentionReportLine[];
  @Field(() => [RetentionRunView], { description: 'The last 10 sweeps, most recent first' }) lastRuns: RetentionRunView[];
}

@ObjectType({ description: "A record's legal hold as it stands after placeLegalHold or liftLegalHold" })
export class LegalHoldView {
  @Field({ description: 'The record type, as recordOfProcessing names it (e.g. BAN)' }) recordType: string;
  @Field({ description: 'How the audit trail names the record' }) entityType: string;
  @Field(() => ID) id: string;
  @Field({ description: 'True while the hold is on: the retention sweep and erasure leave the record alone' }) legalHold: boolean;
  @Field(() => String, { nullable: true, description: 'Why the hold was placed (null once lifted; the audit trail keeps every reason)' }) reason: string | null;
  @Field(() => DateScalar, { nullable: true }) retainUntil: string | null;
}
