import { Module } from '@nestjs/common';
import { TenancyModule } from '../../tenancy/src/index.js';
import { AlarmSqlConditions } from './alarm/alarm-sql.js';
import { AlarmResolver } from './alarm/alarm.resolver.js';
import { AlarmService } from './alarm/alarm.service.js';

/** Codeword alarms (issue 13, "Live alerts"): raised, acknowledged and stood down, delivered live. */
@Module({
  imports: [TenancyModule],
  providers: [AlarmService, AlarmResolver, AlarmSqlConditions],
  exports: [AlarmService],
})
export class AlarmsModule {}
