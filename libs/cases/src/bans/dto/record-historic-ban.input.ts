import { Field, InputType } from '@nestjs/graphql';
import { DateScalar, IsCalendarDate } from '../../../../common/src/index.js';
import { NewBanInput } from './propose-ban.input.js';

/**
 * A ban decided and ended before it was ever in the system (from paper records), entered by a
 * manager with its real dates. It is recorded in its final state: confirmed, with an end date that
 * has passed, so it reads EXPIRED and never shows at the desk.
 */
@InputType({
  description: "Say in notes who decided it and where the paper record is kept; the criminal offence condition defaults to the service's condition for bans",
})
export class RecordHistoricBanInput extends NewBanInput {
  @Field(() => DateScalar, { description: 'The real first day of the ban, YYYY-MM-DD' })
  @IsCalendarDate()
  startsOn: string;

  @Field(() => DateScalar, { description: 'The real last day of the ban, YYYY-MM-DD: before today, as the ban has ended' })
  @IsCalendarDate()
  endsOn: string;
}
