import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AnyOfFilter, DateTimeFilter, FilterArg, IdFilter, PageArgs } from '../../../../common/src/index.js';
import { AuditAction } from '../../audit/audit-action.enum.js';

@InputType({ description: 'All given conditions apply together' })
export class AuditEventFilterInput {
  @IdFilter('Events by this user')
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

  @AnyOfFilter(AuditAction, 20, 'Events of any of these actions')
  // As a query parameter of GET /exports/audit-events.csv: repeated (`actions=READ&actions=EXPORT`) or comma-separated.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()) : value))
  actions?: AuditAction[];

  @DateTimeFilter('At or after')
  from?: Date;

  @DateTimeFilter('Before')
  to?: Date;

  @IdFilter('Events by users of this partner organisation')
  partnerOrganisationId?: string;

  @IdFilter("Who has seen or changed this person's records: the subject and every record linked to them")
  subjectId?: string;
}

@ArgsType()
export class AuditEventsArgs extends PageArgs {
  @FilterArg(() => AuditEventFilterInput)
  filter?: AuditEventFilterInput;
}
