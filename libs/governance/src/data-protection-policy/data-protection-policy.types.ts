import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '../../../common/src/index.js';

@ObjectType({ description: "A library service's criminal offence condition for one record type: the default, or the administrator's choice" })
export class DataProtectionPolicyView {
  @Field({ description: 'The record type, e.g. BAN' }) recordType: string;
  @Field({ description: 'The Article 10 / DPA 2018 Schedule 1 condition its new records record unless a manager states another' })
  criminalOffenceCondition: string;
  @Field({ description: 'True while the default in code applies (no choice saved); docs/domain.md gives it' }) isDefault: boolean;
  @Field(() => Int, { description: '0 for a default; pass it back to updateDataProtectionPolicy' }) version: number;
  @Field(() => DateTimeScalar, { nullable: true }) updatedAt: Date | null;
}
