import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { IsEmailAddress, IsPhone } from '../../common/src/index.js';

/** How to reach a partner organisation or a contact: the same two fields, validated alike. */
@InputType({ isAbstract: true })
export abstract class ContactPointsInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsPhone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmailAddress()
  email?: string | null;
}
