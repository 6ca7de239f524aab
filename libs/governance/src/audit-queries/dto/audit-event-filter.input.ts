import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { PageArgs, DateTimeScalar } from '../../../../common/src/index.js';
import { AuditAction } from '../../audit/audit-action.enum.js';

const UUID_MESSAGE = { message: '$property must be a UUID' };

@InputType({ description: 'All given conditions apply together' })
export class AuditEventFilterInput {
  @Field(() => ID, { nullable: true, description: 'Events by this user' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE)
  actorId?: string;

  @Field({ nullable: true, description: 'e.g. ContactLog, Subject' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{1,60}$/, { message: 'entityType must be a record type name such as ContactLog' })
  entityType?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @Field(() => [AuditAction], { nullable: true, description: 'Events of any of these actions' })
  // As a query parameter of GET /exports/audit-events.csv: repeated (`actions=READ&actions=EXPORT`) or comma-separated.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value))
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(AuditAction, { each: true })
  actions?: AuditAction[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'At or after' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Before' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date;

  @Field(() => ID, { nullable: true, description: 'Events by users of this partner organisation' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE)
  partnerOrganisationId?: string;

  @Field(() => ID, { nullable: true, description: "Who has seen or changed this person's records: the subject and every record linked to them" })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE)
  subjectId?: string;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @Field(() => AuditEventFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditEventFilterInput)
  filter?: AuditEventFilterInput;
}
