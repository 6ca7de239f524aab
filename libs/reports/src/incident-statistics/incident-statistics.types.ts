import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../../common/src/index.js';
import { IncidentStatisticsGroupBy } from './incident-statistics.input.js';

@ObjectType({ description: 'One part of a group: which branch, category, month…' })
export class IncidentStatisticsKey {
  @Field(() => IncidentStatisticsGroupBy) groupBy: IncidentStatisticsGroupBy;
  @Field(() => String, { nullable: true, description: 'Branch id, category, severity, YYYY-MM, weekday 1–7 or hour 00–23; null for severity not assessed' })
  value: string | null;
  @Field({ description: 'In words: the branch name, "Verbal abuse", "March 2026", "Monday", "09:00"' }) label: string;
}

@ObjectType({ description: 'Incidents of one combination of the groups' })
export class IncidentStatisticsGroup {
  @Field(() => [IncidentStatisticsKey], { description: 'In the order of groupBy' }) keys: IncidentStatisticsKey[];
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'The same count over another period, for comparison' })
export class IncidentPeriodComparison {
  @Field(() => DateTimeScalar) from: Date;
  @Field(() => DateTimeScalar) to: Date;
  @Field(() => Int) total: number;
  @Field(() => Int, { description: "This period's total minus that one's" }) change: number;
  @Field(() => Float, { nullable: true, description: 'change / that total (0.25 is 25% more); null when that total is 0' }) changeRatio: number | null;
}

@ObjectType({ description: 'A place incidents keep happening: a branch and a location in it, named in two or more incidents of the period' })
export class RepeatPlace {
  @Field(() => ID) branchId: string;
  @Field() branchName: string;
  @Field({ description: 'The location as recorded (compared trimmed and in any case)' }) location: string;
  @Field(() => Int) incidents: number;
}

@ObjectType({ description: 'Counts only: no person, no description' })
export class IncidentStatistics {
  @Field(() => DateTimeScalar) from: Date;
  @Field(() => DateTimeScalar) to: Date;
  @Field(() => [IncidentStatisticsGroupBy]) groupBy: IncidentStatisticsGroupBy[];
  @Field(() => [IncidentStatisticsGroup], { description: 'Groups with at least one incident, at most 1000' }) groups: IncidentStatisticsGroup[];
  @Field(() => Int, { description: 'Every incident of the period, each counted once' }) total: number;
  @Field(() => Int) reportedToPolice: number;
  @Field(() => Float, { nullable: true, description: 'reportedToPolice / total; null when there were none' }) policeShare: number | null;
  @Field(() => IncidentPeriodComparison, { description: 'The period of the same length just before' }) previousPeriod: IncidentPeriodComparison;
  @Field(() => IncidentPeriodComparison, { description: 'The same dates a year before' }) yearBefore: IncidentPeriodComparison;
  @Field(() => Int, { description: 'People named (in any part) in two or more incidents of the period' }) repeatPeople: number;
  @Field(() => Int, { description: 'Places (branch and location in it) named in two or more incidents of the period' }) repeatPlaces: number;
  @Field(() => [RepeatPlace], { description: 'The ten places with most incidents among them' }) topRepeatPlaces: RepeatPlace[];
}
