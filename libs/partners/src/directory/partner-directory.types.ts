import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Characters of a document importPartnerDirectory accepts (under the HTTP body limit); the CLI takes larger files. */
export const DIRECTORY_DOCUMENT_MAX = 80_000;

@InputType()
export class ImportPartnerDirectoryInput {
  @Field({ description: `An Open Referral UK JSON document ({ "organizations": [...] }), at most ${DIRECTORY_DOCUMENT_MAX} characters` })
  @IsString()
  @MinLength(1)
  @MaxLength(DIRECTORY_DOCUMENT_MAX, {
    message: `$property must be at most ${DIRECTORY_DOCUMENT_MAX} characters: import larger directories with the CLI (import-directory)`,
  })
  document: string;
}

@ObjectType({ description: 'An organisation of the document that was not imported, and why' })
export class RefusedDirectoryRecordView {
  @Field(() => Int, { description: 'Position in the document, from 0' }) index: number;
  @Field(() => String, { nullable: true, description: 'Its Open Referral UK id, when it has one' }) sourceId: string | null;
  @Field() reason: string;
}

@ObjectType({ description: 'What an import of the partner directory did' })
export class DirectoryImportReport {
  @Field(() => Int, { description: 'Partners created' }) created: number;
  @Field(() => Int, { description: 'Partners already imported from the same id, changed' }) updated: number;
  @Field(() => Int, { description: 'Partners already imported from the same id, as the document has them' }) unchanged: number;
  @Field(() => Int) contactsCreated: number;
  @Field(() => Int) contactsUpdated: number;
  @Field(() => [RefusedDirectoryRecordView]) refused: RefusedDirectoryRecordView[];
}
