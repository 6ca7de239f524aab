import { Alarm, AlarmTimelineEntry } from './alarm/alarm.entity.js';

export * from './alarm/alarm.entity.js';
export * from './alarm/alarm.service.js';
export * from './alarm/draft-incident.js';
export * from './alarms.module.js';

export const ALARMS_ENTITIES = [Alarm, AlarmTimelineEntry];
