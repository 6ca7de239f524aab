import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { PageArgs, DateTimeScalar } from '../../../../common/src/index.js';

@InputType()
export class ContactLogFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only contacts with this partner organisation' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  partnerOrganisationId?: string;

  @Field(() => [ID], { nullable: true, description: 'Only contacts recorded at any of these branches' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true, message: 'each of $property must be a UUID' })
  branchIds?: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Occurred at or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Occurred at or before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;
}

@ArgsType()
export class ContactLogsArgs extends PageArgs {
  @Field(() => ContactLogFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactLogFilterInput)
  filter?: ContactLogFilterInput;
}
