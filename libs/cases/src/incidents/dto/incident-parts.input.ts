import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { IsNonBlankText, IsText } from '../../../../common/src/index.js';
import { EvidenceKind, IncidentSubjectPart, WelfareCheckItem } from '../incident.enums.js';

const UUID = { message: '$property must be a UUID' };

/** A person involved in an incident: a subject already recorded in your library service. */
@InputType()
export class IncidentPersonInput {
  @Field(() => ID)
  @IsUUID('all', UUID)
  subjectId: string;

  @Field(() => IncidentSubjectPart)
  @IsEnum(IncidentSubjectPart, { message: 'part must be one of PERPETRATOR, VICTIM, WITNESS' })
  part: IncidentSubjectPart;

  @Field(() => String, { nullable: true, description: 'What this person did or saw' })
  @IsOptional()
  @IsText(2000)
  notes?: string | null;
}

@InputType()
export class IncidentEvidenceInput {
  @Field(() => EvidenceKind)
  @IsEnum(EvidenceKind, { message: 'kind must be one of CCTV, BODYCAM, PHOTO, OTHER' })
  kind: EvidenceKind;

  @Field({ description: 'Where it is kept, e.g. "CCTV camera 3, 14:05-14:20, saved to the evidence drive"' })
  @IsNonBlankText(1000)
  reference: string;
}

/** One answer of the staff welfare checklist, about one member of staff. */
@InputType()
export class WelfareCheckInput {
  @Field(() => ID, { description: 'The member of staff the answer is about (an active user of your library service)' })
  @IsUUID('all', UUID)
  staffUserId: string;

  @Field(() => WelfareCheckItem)
  @IsEnum(WelfareCheckItem, { message: `item must be one of ${Object.values(WelfareCheckItem).join(', ')}` })
  item: WelfareCheckItem;

  @Field({ description: 'Yes (true) or no (false)' })
  @IsBoolean()
  answer: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(2000)
  notes?: string | null;
}
