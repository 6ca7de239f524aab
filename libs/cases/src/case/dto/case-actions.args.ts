import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { IsNonBlankText, IsText, VersionedIdInput } from '../../../../common/src/index.js';

@InputType()
export class CloseCaseInput extends VersionedIdInput {
  @Field(() => String, { nullable: true, description: 'Why the case is closed, what happened' })
  @IsOptional()
  @IsText(10000)
  closureSummary?: string | null;
}

@InputType()
export class AddCaseNoteInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  caseId: string;

  @Field()
  @IsNonBlankText(20000)
  body: string;

  @Field(() => ID, { nullable: true, description: 'A note of the same case that this note corrects' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  correctsNoteId?: string | null;
}
