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
import { DirectoryExportController } from './directory/directory-export.controller.js';
import { PartnerDirectoryResolver } from './directory/partner-directory.resolver.js';
import { PartnerDirectoryService } from './directory/partner-directory.service.js';

const SERVICES = [PartnerOrganisationService, PartnerContactService, ContactLogService, FollowUpActionService, PartnerDirectoryService];

/** Partner organisations, their contacts, the contact log with its follow-up actions, and the Open Referral UK directory. */
@Module({
  imports: [TenancyModule],
  controllers: [DirectoryExportController],
  providers: [
    ...SERVICES,
    PartnerOrganisationResolver,
    PartnerContactResolver,
    ContactLogResolver,
    FollowUpActionResolver,
    PartnerDirectoryResolver,
    ...PARTNER_ORGANISATION_RELATION_RESOLVERS,
  ],
  exports: SERVICES,
})
export class PartnersModule {}
