import { registerEnumType } from '@nestjs/graphql';

export enum ContactChannel {
  MEETING = 'MEETING',
  PHONE_CALL = 'PHONE_CALL',
  EMAIL = 'EMAIL',
  PATROL_VISIT = 'PATROL_VISIT',
  CUPPA_WITH_A_COPPA = 'CUPPA_WITH_A_COPPA',
  OUTREACH_DAY = 'OUTREACH_DAY',
  CSP_MEETING = 'CSP_MEETING',
  OTHER = 'OTHER',
}
registerEnumType(ContactChannel, {
  name: 'ContactChannel',
  valuesMap: {
    CUPPA_WITH_A_COPPA: { description: 'Informal drop-in session with neighbourhood police' },
    CSP_MEETING: { description: 'Community Safety Partnership meeting' },
  },
});
