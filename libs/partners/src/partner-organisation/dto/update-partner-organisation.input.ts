import { Field, InputType, OmitType } from '@nestjs/graphql';
import { IsOptionalNotNull, VersionedUpdateInput } from '../../../../common/src/index.js';
import { PartnerStatus } from '../partner-status.enum.js';
import { CreatePartnerOrganisationInput, IsEntryList, IsSettableStatus } from './create-partner-organisation.input.js';

/** Omitted fields stay as they are; null clears an optional field. The status and the lists refuse null. */
@InputType()
export class UpdatePartnerOrganisationInput extends VersionedUpdateInput(
  OmitType(CreatePartnerOrganisationInput, ['status', 'servicesOffered', 'areasCovered']),
) {
  @Field(() => PartnerStatus, { nullable: true, description: 'ACTIVE or INACTIVE' })
  @IsOptionalNotNull()
  @IsSettableStatus()
  status?: PartnerStatus;

  @Field(() => [String], { nullable: true })
  @IsOptionalNotNull()
  @IsEntryList()
  servicesOffered?: string[];

  @Field(() => [String], { nullable: true })
  @IsOptionalNotNull()
  @IsEntryList()
  areasCovered?: string[];
}
