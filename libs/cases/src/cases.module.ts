import { Module } from '@nestjs/common';
import { TenancyModule } from '../../tenancy/src/index.js';
import { INCIDENT_PROVIDERS } from './incidents.js';
import { PEOPLE_PROVIDERS, PEOPLE_SERVICES } from './people.js';

/** Subjects, cases, incidents and bans: what frontline staff record and managers act on. */
@Module({
  imports: [TenancyModule],
  providers: [...PEOPLE_PROVIDERS, ...INCIDENT_PROVIDERS],
  exports: [...PEOPLE_SERVICES, ...INCIDENT_PROVIDERS],
})
export class CasesModule {}
