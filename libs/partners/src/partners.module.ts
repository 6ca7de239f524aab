import { Module } from '@nestjs/common';
import { TenancyModule } from '../../tenancy/src/index.js';
import { ContactLogResolver } from './contact-log/contact-log.resolver.js';
import { ContactLogService } from './contact-log/contact-log.service.js';
import { FollowUpActionResolver } from './contact-log/follow-up-action.resolver.js';
import { FollowUpActionService } from './contact-log/follow-up-action.service.js';
import { PartnerContactResolver } from './partner-contact/partner-contact.resolver.js';
import { PartnerContactService } from './partner-contact/partner-contact.service.js';
import { PARTNER_ORGANISATION_RELATION_RESOLVERS } from './partner-organisation/partner-organisation-relations.resolver.js';
import { PartnerOrganisationResolver } from './partner-organisation/partner-organisation.resolver.js';
import { PartnerOrganisationService } from './partner-organisation/partner-organisation.service.js';

const SERVICES = [PartnerOrganisationService, PartnerContactService, ContactLogService, FollowUpActionService];

/** Partner organisations, their contacts, and the contact log with its follow-up actions. */
@Module({
  imports: [TenancyModule],
  providers: [
    ...SERVICES,
    PartnerOrganisationResolver,
    PartnerContactResolver,
    ContactLogResolver,
    FollowUpActionResolver,
    ...PARTNER_ORGANISATION_RELATION_RESOLVERS,
  ],
  exports: SERVICES,
})
export class PartnersModule {}
