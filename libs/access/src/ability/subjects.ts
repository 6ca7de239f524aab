import type { MongoAbility } from '@casl/ability';

/** Every action the ability knows. `manage` stands for all of them. */
export type Action = 'manage' | 'read' | 'create' | 'update' | 'archive';

/** Subject types, named as the domain names them. */
export type SubjectType =
  | 'User' | 'LibraryService' | 'Branch'
  | 'PartnerOrganisation' | 'PartnerContact' | 'ContactLog' | 'FollowUpAction'
  | 'AuditEvent';

export type AppAbility = MongoAbility<[Action, SubjectType | Record<string, unknown>]>;
