import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsInt, IsUUID, Min } from 'class-validator';
import { Subject } from '../subject.entity.js';

@InputType({ description: 'Two records of the same person: every link to `mergeId` moves to `keepId`' })
export class MergeSubjectsInput {
  @Field(() => ID, { description: 'The record that stays' }) @IsUUID('all', { message: '$property must be a UUID' })
  keepId: string;

  @Field(() => Int, { description: 'The version of the kept record you last read' }) @IsInt() @Min(1)
  keepVersion: number;

  @Field(() => ID, { description: 'The record merged into the kept one (it stays, marked mergedIntoId)' })
  @IsUUID('all', { message: '$property must be a UUID' })
  mergeId: string;

  @Field(() => Int, { description: 'The version of the merged record you last read' }) @IsInt() @Min(1)
  mergeVersion: number;
}

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
