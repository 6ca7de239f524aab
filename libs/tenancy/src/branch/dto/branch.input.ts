import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { IsNonBlankText, IsOptionalNotNull, IsText, VersionedIdInput } from '../../../../common/src/index.js';

@InputType()
export class CreateBranchInput {
  @Field({ description: 'Unique in your library service, any case' })
  @IsNonBlankText(200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(500)
  address?: string | null;
}

@InputType({ description: 'Rename a branch or change its address; fields left out stay as they are' })
export class UpdateBranchInput extends VersionedIdInput {
  @Field({ nullable: true })
  @IsOptionalNotNull()
  @IsNonBlankText(200)
  name?: string;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @IsText(500)
  address?: string | null;
}
