import { BanDetailsService } from './bans/ban-details.service.js';
import { BanNotice } from './bans/ban-notice.entity.js';
import { BanNoticeResolver } from './bans/ban-notice.resolver.js';
import { BanNoticeService } from './bans/ban-notice.service.js';
import { BanTransition } from './bans/ban-transition.entity.js';
import { Ban } from './bans/ban.entity.js';
import { BanResolver } from './bans/ban.resolver.js';
import { BanService } from './bans/ban.service.js';
import { IncidentEvidence, IncidentFollowUpAction, IncidentWelfareCheck } from './incidents/incident-details.types.js';
import { IncidentDetailsService } from './incidents/incident-details.service.js';
import { IncidentFollowUpResolver } from './incidents/incident-follow-up.resolver.js';
import { Incident } from './incidents/incident.entity.js';
import { IncidentPersonResolver, IncidentResolver } from './incidents/incident.resolver.js';
import { IncidentService } from './incidents/incident.service.js';
import { IncidentLiveResolver } from './incidents/incident-live.resolver.js';

/** Incidents and bans: entities for the DataSource, and the Nest providers CasesModule registers. */
export const INCIDENT_ENTITIES = [Incident, IncidentEvidence, IncidentWelfareCheck, IncidentFollowUpAction, Ban, BanTransition, BanNotice];
export const INCIDENT_SERVICES = [IncidentService, IncidentDetailsService, BanService, BanNoticeService, BanDetailsService];
export const INCIDENT_PROVIDERS = [
  ...INCIDENT_SERVICES,
  IncidentResolver,
  IncidentPersonResolver,
  IncidentFollowUpResolver,
  IncidentLiveResolver,
  BanResolver,
  BanNoticeResolver,
];
