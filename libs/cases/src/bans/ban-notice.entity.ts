import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ViewColumn, ViewEntity } from 'typeorm';
import { BanScope, BanStatus } from './ban.enums.js';
import { DateScalar } from '../../../common/src/index.js';

/**
 * The desk view of a ban at one branch (the `ban_notice` view: one row per ban and branch it
 * covers). Only what frontline staff need to recognise the person and apply the ban: no reason,
 * notes, safeguarding flags or special category data.
 */
@ObjectType({ description: 'A ban in force at a branch, as frontline staff see it at the desk' })
@ViewEntity({ name: 'ban_notice' })
export class BanNotice {
  @Field(() => ID, { description: 'The ban' }) @ViewColumn() id: string;
  @ViewColumn({ name: 'library_service_id' }) libraryServiceId: string;
  @Field(() => ID, { description: 'The branch this notice is for' }) @ViewColumn({ name: 'branch_id' }) branchId: string;
  @Field(() => ID) @ViewColumn({ name: 'subject_id' }) subjectId: string;
  @Field(() => String, { nullable: true, description: 'The name, or the description when the name is unknown' })
  @ViewColumn({ name: 'subject_label' })
  subjectLabel: string | null;
  @Field(() => String, { nullable: true }) @ViewColumn({ name: 'subject_name' }) subjectName: string | null;
  @Field(() => String, { nullable: true, description: 'What the person looks like' }) @ViewColumn({ name: 'subject_description' }) subjectDescription:
    string | null;
  @Field(() => [String]) @ViewColumn({ name: 'subject_aliases' }) subjectAliases: string[];
  @Field(() => String, { nullable: true, description: 'Where the photo is kept' }) @ViewColumn({ name: 'photo_reference' }) photoReference: string | null;
  @Field(() => BanScope) @ViewColumn() scope: BanScope;
  @Field(() => String, { nullable: true }) @ViewColumn() conditions: string | null;
  @Field(() => BanStatus, { description: 'ACTIVE or UNDER_REVIEW (a ban under review still applies)' }) @ViewColumn() status: BanStatus;
  @Field(() => DateScalar, { description: 'YYYY-MM-DD' }) @ViewColumn({ name: 'starts_on' }) startsOn: string;
  @Field(() => DateScalar, { description: 'Banned until (last day), YYYY-MM-DD' }) @ViewColumn({ name: 'ends_on' }) endsOn: string;
}
