import { Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * What a referral shows of the person referred: name or description, nothing else (not their
 * incidents, bans, intelligence, date of birth or flags). Partners see exactly this; the full
 * Subject record stays in the cases context, behind its own rules.
 */
@ObjectType({ description: 'The person referred, as the referral shows them: name or description only' })
export class ReferralSubject {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'Null when the name is not known' }) name: string | null;
  @Field(() => String, { nullable: true, description: 'A description when the name is not known ("male, 30s, red jacket")' }) description: string | null;
  libraryServiceId: string;
}
