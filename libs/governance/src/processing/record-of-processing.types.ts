import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PartnerOrganisationType } from '../../../partners/src/partner-organisation/partner-organisation-type.enum.js';
import { LawfulBasis } from '../data-protection/lawful-basis.enum.js';
import { RetentionPolicyView } from '../retention/retention.types.js';
import { DateTimeScalar } from '../../../common/src/index.js';

@ObjectType()
export class LawfulBasisUse {
  @Field(() => LawfulBasis) lawfulBasis: LawfulBasis;
  @Field(() => Int, { nullable: true, description: 'Records held on this basis (null when the basis is stated once for the whole table)' }) records:
    number | null;
}

@ObjectType({ description: 'A partner organisation that receives personal data under an active data sharing agreement' })
export class ProcessingRecipient {
  @Field(() => ID) partnerOrganisationId: string;
  @Field() name: string;
  @Field(() => PartnerOrganisationType) type: PartnerOrganisationType;
}

@ObjectType({ description: 'One processing activity (Article 30(1)): a kind of record holding personal data' })
export class ProcessingActivity {
  @Field() recordType: string;
  @Field() entityType: string;
  @Field() title: string;
  @Field() purpose: string;
  @Field(() => [String]) dataSubjectCategories: string[];
  @Field(() => [String]) dataCategories: string[];
  @Field() specialCategory: boolean;
  @Field() criminalOffence: boolean;
  @Field(() => [LawfulBasisUse], {
    description: 'Lawful bases actually in use (read from the records), or as declared for tables without a lawful basis column',
  })
  lawfulBasesInUse: LawfulBasisUse[];
  @Field(() => [String], { description: 'Article 9(2) / Schedule 1 conditions recorded on these records' }) specialCategoryConditionsInUse: string[];
  @Field(() => [String], { description: 'Article 10 / Schedule 1 Part 3 conditions recorded on these records' }) criminalOffenceConditionsInUse: string[];
  @Field(() => Int) records: number;
  @Field(() => RetentionPolicyView, { nullable: true }) retention: RetentionPolicyView | null;
  @Field(() => String, { nullable: true }) retentionNote: string | null;
  @Field(() => [ProcessingRecipient]) recipients: ProcessingRecipient[];
  @Field(() => [String], { description: 'Things a DPO should look at' }) warnings: string[];
}

@ObjectType({ description: 'Record of processing activities (UK GDPR Article 30), generated from the declarations on each entity and the live data' })
export class RecordOfProcessing {
  @Field(() => ID) libraryServiceId: string;
  @Field({ description: 'The controller: the library service' }) controller: string;
  @Field(() => DateTimeScalar) generatedAt: Date;
  @Field(() => [ProcessingActivity]) activities: ProcessingActivity[];
  @Field(() => [ProcessingRecipient], { description: 'Partner organisations with an active data sharing agreement' }) recipients: ProcessingRecipient[];
  @Field(() => String, { nullable: true }) recipientsNote: string | null;
}
