import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { DateScalar, IsCalendarDate, IsIdList, IsNonBlankText, IsText } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { BanScope } from '../ban.enums.js';
import { BAN_BRANCHES_MAX, BAN_INCIDENTS_MAX } from './propose-ban.input.js';

/**
 * A ban decided and ended before it was ever in the system (from paper records), entered by a
 * manager with its real dates. It is recorded in its final state: confirmed, with an end date that
 * has passed, so it reads EXPIRED and never shows at the desk.
 */
@InputType()
export class RecordHistoricBanInput {
  @Field(() => ID, { description: 'The person banned (a subject recorded in your library service)' })
  @IsUUID('all', { message: '$property must be a UUID' })
  subjectId: string;

  @Field(() => BanScope)
  @IsEnum(BanScope, { message: 'scope must be ALL_BRANCHES or LISTED_BRANCHES' })
  scope: BanScope;

  @Field(() => [ID], { nullable: true, description: 'The branches, when scope is LISTED_BRANCHES' })
  @IsOptional()
  @IsIdList(BAN_BRANCHES_MAX)
  branchIds?: string[];

  @Field({ description: 'Why: what the person did (say where the paper record is kept in notes)' })
  @IsNonBlankText(5000)
  reason: string;

  @Field(() => [ID], { nullable: true, description: 'Incidents that led to the ban (ones you can see)' })
  @IsOptional()
  @IsIdList(BAN_INCIDENTS_MAX)
  incidentIds?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(5000)
  conditions?: string | null;

  @Field(() => DateScalar, { description: 'The real first day of the ban, YYYY-MM-DD' })
  @IsCalendarDate()
  startsOn: string;

  @Field(() => DateScalar, { description: 'The real last day of the ban, YYYY-MM-DD: before today, as the ban has ended' })
  @IsCalendarDate()
  endsOn: string;

  @Field({ nullable: true, description: 'Acceptable behaviour agreement offered' })
  @IsOptional()
  @IsBoolean()
  abaOffered?: boolean;

  @Field(() => String, { nullable: true, description: 'Internal notes, e.g. who decided it and where the paper record is kept' })
  @IsOptional()
  @IsText(5000)
  notes?: string | null;

  @DataProtectionField("PUBLIC_TASK when not given; the criminal offence condition defaults to the service's condition for bans")
  dataProtection?: DataProtectionInput;
}
