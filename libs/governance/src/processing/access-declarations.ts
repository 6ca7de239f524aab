import { User } from '../../../access/src/index.js';
import { LawfulBasis } from '../data-protection/lawful-basis.enum.js';
import { declarePersonalData } from './personal-data.js';

/**
 * Staff and partner users' accounts are personal data too (of the people who use the service).
 * Declared here because the access context's files are its own; they are never swept: accounts
 * are deactivated, not deleted, because the audit trail refers to them.
 */
declarePersonalData(User, {
  recordType: 'USER_ACCOUNT',
  title: 'User account',
  purpose: 'Signing in, access control by role, and attributing actions in the audit trail',
  dataSubjectCategories: ['library staff', 'users at partner organisations'],
  dataCategories: ['name', 'work email address', 'role and organisation', 'branches worked at', 'last sign-in time'],
  lawfulBases: [LawfulBasis.CONTRACT, LawfulBasis.PUBLIC_TASK],
  retention: null,
  retentionNote: 'Kept while the account exists; an administrator deactivates leavers (the audit trail refers to accounts for 7 years)',
  rectifiable: ['displayName', 'email'],
});
