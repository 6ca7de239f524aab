import { Foundation1764000000000 } from './1764000000000-Foundation.js';
import { PeopleAndCases1764100000000 } from './1764100000000-PeopleAndCases.js';
import { IncidentsAndBans1764100000001 } from './1764100000001-IncidentsAndBans.js';
import { Referrals1764200000000 } from './1764200000000-Referrals.js';
import { Sharing1764300000000 } from './1764300000000-Sharing.js';
import { DataProtection1764900000000 } from './1764900000000-DataProtection.js';
import { SharedCaseViews1765000000000 } from './1765000000000-SharedCaseViews.js';
import { LoginThrottle1765100000000 } from './1765100000000-LoginThrottle.js';
import { LeastPrivilege1765300000000 } from './1765300000000-LeastPrivilege.js';
import { TenantWall1765400000000 } from './1765400000000-TenantWall.js';
import { AuditChain1765500000000 } from './1765500000000-AuditChain.js';
import { AuditChainLookup1765600000000 } from './1765600000000-AuditChainLookup.js';
import { IntelligenceReview1765700000000 } from './1765700000000-IntelligenceReview.js';
import { RecordedOnBehalf1765710000000 } from './1765710000000-RecordedOnBehalf.js';
import { DataProtectionChecks1765720000000 } from './1765720000000-DataProtectionChecks.js';
import { Administration1765730000000 } from './1765730000000-Administration.js';
import { TwoFactorAndSessions1765740000000 } from './1765740000000-TwoFactorAndSessions.js';
import { PartnerDirectory1765750000000 } from './1765750000000-PartnerDirectory.js';
import { DpoTools1765760000000 } from './1765760000000-DpoTools.js';
import { Alarms1765770000000 } from './1765770000000-Alarms.js';
import { Notifications1765780000000 } from './1765780000000-Notifications.js';
import { IncidentDailyCounts1765810000000 } from './1765810000000-IncidentDailyCounts.js';

/** Every migration, in order. Listed explicitly: ESM builds cannot rely on glob loading. */
export const MIGRATIONS = [
  Foundation1764000000000,
  PeopleAndCases1764100000000,
  IncidentsAndBans1764100000001,
  Referrals1764200000000,
  Sharing1764300000000,
  DataProtection1764900000000,
  SharedCaseViews1765000000000,
  LoginThrottle1765100000000,
  LeastPrivilege1765300000000,
  TenantWall1765400000000,
  AuditChain1765500000000,
  AuditChainLookup1765600000000,
  IntelligenceReview1765700000000,
  RecordedOnBehalf1765710000000,
  DataProtectionChecks1765720000000,
  Administration1765730000000,
  TwoFactorAndSessions1765740000000,
  PartnerDirectory1765750000000,
  DpoTools1765760000000,
  Alarms1765770000000,
  Notifications1765780000000,
  IncidentDailyCounts1765810000000,
];
