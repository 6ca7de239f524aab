import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { DateScalar, IsCalendarDate, IsIdList, IsNonBlankText, IsText } from '../../../../common/src/index.js';
import { DataProtectionField, DataProtectionInput } from '../../../../governance/src/index.js';
import { BanScope } from '../ban.enums.js';

export const BAN_BRANCHES_MAX = 200;
export const BAN_INCIDENTS_MAX = 50;

/** What every new ban states, proposed in the moment or recorded from paper. */
@InputType({ isAbstract: true })
export abstract class NewBanInput {
  @Field(() => ID, { description: 'The person to ban (a subject recorded in your library service)' })
  @IsUUID('all', { message: '$property must be a UUID' })
  subjectId: string;

  @Field(() => BanScope)
  @IsEnum(BanScope, { message: 'scope must be ALL_BRANCHES or LISTED_BRANCHES' })
  scope: BanScope;

  @Field(() => [ID], { nullable: true, description: 'The branches, when scope is LISTED_BRANCHES' })
  @IsOptional()
  @IsIdList(BAN_BRANCHES_MAX)
  branchIds?: string[];

  @Field({ description: 'Why: what the person did' })
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

  @Field({ nullable: true, description: 'Acceptable behaviour agreement offered' })
  @IsOptional()
  @IsBoolean()
  abaOffered?: boolean;

  @Field(() => String, { nullable: true, description: 'Internal notes (never on the desk view)' })
  @IsOptional()
  @IsText(5000)
  notes?: string | null;

  @DataProtectionField("PUBLIC_TASK when not given; the criminal offence condition defaults to the service's condition for bans")
  dataProtection?: DataProtectionInput;
}

/** Any member of staff may propose a ban in the moment; a manager confirms it (transitionBan to ACTIVE). */
@InputType()
export class ProposeBanInput extends NewBanInput {
  @Field(() => DateScalar, { nullable: true, description: 'First day, YYYY-MM-DD; today if not given' })
  @IsOptional()
  @IsCalendarDate()
  startsOn?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day, YYYY-MM-DD; a manager sets it before confirming if not given' })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Review date, between startsOn and endsOn' })
  @IsOptional()
  @IsCalendarDate()
  reviewOn?: string | null;
}
