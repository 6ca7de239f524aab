import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../../common/src/index.js';

@ObjectType()
export class RecordRef {
  @Field() entityType: string;
  @Field(() => ID) id: string;
}

@ObjectType()
export class KeptRecord {
  @Field() entityType: string;
  @Field(() => ID) id: string;
  @Field({ description: 'Why it was not erased: the legal hold or retention duty, or what still refers to it' }) reason: string;
}

@ObjectType()
export class CorrectedField {
  @Field() entityType: string;
  @Field(() => ID) id: string;
  @Field() field: string;
}

@ObjectType()
export class LinksRemoved {
  @Field() table: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'What carrying out a decision did' })
export class RightsOutcomeView {
  @Field(() => [RecordRef]) erased: RecordRef[];
  @Field(() => [KeptRecord]) kept: KeptRecord[];
  @Field(() => [LinksRemoved]) linksRemoved: LinksRemoved[];
  @Field(() => [CorrectedField]) corrected: CorrectedField[];
  @Field(() => ID, { nullable: true }) restrictionId: string | null;
}

@ObjectType({ description: 'Everything held about a person: JSON for systems, HTML to send' })
export class SubjectAccessExport {
  @Field(() => ID) subjectId: string;
  @Field(() => DateTimeScalar) generatedAt: Date;
  @Field(() => Int, { description: 'Records included, the person’s own record counted' }) recordCount: number;
  @Field({ description: 'The export as JSON text' }) json: string;
  @Field({ description: 'A readable, self-contained HTML document' }) html: string;
}
