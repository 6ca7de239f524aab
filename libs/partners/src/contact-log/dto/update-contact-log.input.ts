import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { DataProtectionInput } from '../../../../governance/src/index.js';
import { IsNotInFuture, IsOptionalNotNull, Trim, DateTimeScalar } from '../../../../common/src/index.js';
import { ContactChannel } from '../contact-channel.enum.js';

/** Omitted fields stay as they are; null clears an optional field. */
@InputType()
export class UpdateContactLogInput {
  @Field(() => ID)
  @IsUUID('all', { message: '$property must be a UUID' })
  id: string;

  @Field(() => Int, { description: 'The version you last read' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => ID, { nullable: true, description: 'A branch of your library service; null removes it' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  branchId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Not in the future' })
  @IsOptionalNotNull()
  @Type(() => Date)
  @IsDate()
  @IsNotInFuture()
  occurredAt?: Date;

  @Field(() => ContactChannel, { nullable: true })
  @IsOptionalNotNull()
  @IsEnum(ContactChannel)
  channel?: ContactChannel;

  @Field({ nullable: true })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  summary?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(1000)
  attendees?: string | null;

  @Field(() => DataProtectionInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DataProtectionInput)
  dataProtection?: DataProtectionInput;
}
