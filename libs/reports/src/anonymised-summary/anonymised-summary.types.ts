import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDate, IsUUID } from 'class-validator';
import { IncidentCategory } from '../../../cases/src/index.js';
import { DateTimeScalar } from '../../../common/src/index.js';

@InputType({ description: 'An anonymised summary of incidents for a partner under an active agreement with it' })
export class AnonymisedSummaryInput {
  @Field(() => ID, { description: 'An ACTIVE data sharing agreement of your service, in force today' })
  @IsUUID('all')
  agreementId: string;

  @Field(() => ID, { description: 'The community safety partnership or council team it is for: a party to the agreement' })
  @IsUUID('all')
  partnerOrganisationId: string;

  @Field(() => DateTimeScalar, { description: 'Incidents that happened at or after' })
  @Type(() => Date)
  @IsDate()
  from: Date;

  @Field(() => DateTimeScalar, { description: 'Before' })
  @Type(() => Date)
  @IsDate()
  to: Date;

  @Field(() => [ID], { description: 'The branches it covers (one column each), at most 30' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  branchIds: string[];
}

@ObjectType({ description: 'One number of the summary: null when suppressed' })
export class SuppressedCount {
  @Field(() => Int, { nullable: true, description: 'Null when suppressed' }) value: number | null;
  @Field({ description: 'The number, or "suppressed"' }) display: string;
}

@ObjectType()
export class AnonymisedSummaryBranch {
  @Field(() => ID) branchId: string;
  @Field() name: string;
}

@ObjectType({ description: 'Incidents of one category, per branch' })
export class AnonymisedSummaryRow {
  @Field(() => IncidentCategory) category: IncidentCategory;
  @Field() label: string;
  @Field(() => [SuppressedCount], { description: 'In the order of branches' }) cells: SuppressedCount[];
  @Field(() => SuppressedCount) total: SuppressedCount;
}

@ObjectType({ description: 'Counts of incidents by category and branch, small numbers suppressed: nothing about any person' })
export class AnonymisedSummary {
  @Field(() => ID) agreementId: string;
  @Field(() => ID) partnerOrganisationId: string;
  @Field(() => DateTimeScalar) from: Date;
  @Field(() => DateTimeScalar) to: Date;
  @Field(() => Int, { description: 'Counts below this are suppressed (REPORT_SUPPRESSION_THRESHOLD)' }) threshold: number;
  @Field(() => [AnonymisedSummaryBranch], { description: 'The columns, as asked for' }) branches: AnonymisedSummaryBranch[];
  @Field(() => [AnonymisedSummaryRow], { description: 'One per incident category' }) rows: AnonymisedSummaryRow[];
  @Field(() => [SuppressedCount], { description: 'Per branch, in the order of branches' }) branchTotals: SuppressedCount[];
  @Field(() => SuppressedCount) total: SuppressedCount;
  @Field({ description: 'How to read the suppressed numbers' }) note: string;
}
