import { registerEnumType } from '@nestjs/graphql';

export enum CaseStatus {
  OPEN = 'OPEN',
  MONITORING = 'MONITORING',
  CLOSED = 'CLOSED',
}
registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  valuesMap: { MONITORING: { description: 'No active work, kept under watch' }, CLOSED: { description: 'Closed with closeCase; reopenCase reopens it' } },
});

export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
}
registerEnumType(RiskLevel, { name: 'RiskLevel' });
