import { Role } from '../../users/role.enum.js';
import type { RuleContext } from './rule-context.js';

export function governanceRules({ can, p, inService }: RuleContext): void {
  if (p.role === Role.DPO) can('read', 'AuditEvent', inService);
}
