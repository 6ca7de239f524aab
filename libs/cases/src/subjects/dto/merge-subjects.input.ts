import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { VersionedIdInput } from '../../../../common/src/index.js';
import { Subject } from '../subject.entity.js';

@InputType({ description: 'Two records of the same person: every link to `merge` moves to `keep`' })
export class MergeSubjectsInput {
  @Field(() => VersionedIdInput, { description: 'The record that stays, at the version you last read' })
  @ValidateNested()
  @Type(() => VersionedIdInput)
  keep: VersionedIdInput;

  @Field(() => VersionedIdInput, { description: 'The record merged into the kept one (it stays, marked mergedIntoId), at the version you last read' })
  @ValidateNested()
  @Type(() => VersionedIdInput)
  merge: VersionedIdInput;
}

/** What the merge service works on: both records and the versions the user saw. */
export interface SubjectMergeRequest {
  keepId: string;
  keepVersion: number;
  mergeId: string;
  mergeVersion: number;
}

export const mergeRequestOf = ({ keep, merge }: MergeSubjectsInput): SubjectMergeRequest => ({
  keepId: keep.id,
  keepVersion: keep.version,
  mergeId: merge.id,
  mergeVersion: merge.version,
});

@ObjectType({ description: 'Links of one kind moved by a merge' })
export class MovedSubjectLinks {
  @Field({ description: 'Table and column that referred to the merged record' }) link: string;
  @Field(() => Int) moved: number;
  @Field(() => Int, { description: 'Links the kept record already had, removed rather than duplicated' }) removedAsDuplicate: number;
}

@ObjectType()
export class SubjectMergeResult {
  @Field(() => Subject) kept: Subject;
  @Field(() => Subject) merged: Subject;
  @Field(() => [MovedSubjectLinks]) movedLinks: MovedSubjectLinks[];
}
