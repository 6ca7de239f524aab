import type { DataSource } from 'typeorm';
import { type AccountLinksService, Role } from '../../../access/src/index.js';
import { BadInputError, ConflictError } from '../../../common/src/index.js';
import { AuditAction, AuditService, type AuditActor } from '../../../governance/src/index.js';

export interface NewLibraryService {
  name: string;
  code: string;
  admin: { email: string; displayName: string };
  branches?: string[];
}

export interface CreatedLibraryService {
  libraryServiceId: string;
  adminUserId: string;
  branchIds: string[];
}

const CODE = /^[A-Z0-9][A-Z0-9-]{1,19}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A new library service and its first administrator, by the platform operator (the CLI's
 * create-service). The administrator is invited by email, like any user, and sets up the rest over
 * the API (branches, users, partners). One transaction: a service is never left without its admin,
 * and nothing is saved if the invitation cannot be sent.
 */
export async function createLibraryService(
  db: DataSource,
  links: AccountLinksService,
  input: NewLibraryService,
  actor: AuditActor,
): Promise<CreatedLibraryService> {
  const name = input.name.trim();
  const code = input.code.trim().toUpperCase();
  const branches = (input.branches ?? []).map((b) => b.trim());
  if (!name || name.length > 200) throw new BadInputError('--name must be 1 to 200 characters');
  if (!CODE.test(code)) throw new BadInputError('--code must be 2 to 20 letters, digits or dashes, e.g. KENT');
  if (!EMAIL.test(input.admin.email.trim()) || input.admin.email.length > 254) throw new BadInputError('--admin-email must be an email address');
  if (!input.admin.displayName.trim() || input.admin.displayName.length > 200) throw new BadInputError('--admin-name must be 1 to 200 characters');
  if (branches.some((b) => !b || b.length > 200)) throw new BadInputError('each --branch must be a name of 1 to 200 characters');
  if (new Set(branches.map((b) => b.toLowerCase())).size !== branches.length) throw new BadInputError('--branch names must differ');
  const audit = new AuditService();
  return db.transaction(async (m) => {
    const [clash] = await m.query('SELECT 1 FROM library_service WHERE lower(name) = lower($1) OR code = $2', [name, code]);
    if (clash) throw new ConflictError(`A library service with this name or code already exists`);
    const [taken] = await m.query('SELECT 1 FROM app_user WHERE lower(email) = lower($1)', [input.admin.email.trim()]);
    if (taken) throw new ConflictError('A user with this email already exists');
    const [service] = await m.query('INSERT INTO library_service (name, code) VALUES ($1, $2) RETURNING id', [name, code]);
    const branchIds: string[] = [];
    for (const branch of branches) {
      const [b] = await m.query('INSERT INTO branch (library_service_id, name) VALUES ($1, $2) RETURNING id', [service.id, branch]);
      branchIds.push(b.id);
    }
    const [admin] = await m.query(
      `INSERT INTO app_user (email, display_name, role, library_service_id, password_hash) VALUES ($1, $2, $3, $4, NULL)
       RETURNING id, email, display_name AS "displayName", library_service_id AS "libraryServiceId"`,
      [input.admin.email.trim(), input.admin.displayName.trim(), Role.ADMIN, service.id],
    );
    const inService = { ...actor, libraryServiceId: service.id };
    await audit.record(m, inService, { action: AuditAction.CREATE, entityType: 'LibraryService', entityIds: [service.id] });
    if (branchIds.length) await audit.record(m, inService, { action: AuditAction.CREATE, entityType: 'Branch', entityIds: branchIds });
    await audit.record(m, inService, { action: AuditAction.CREATE, entityType: 'User', entityIds: [admin.id] });
    await links.send(m, admin, 'INVITATION', null);
    return { libraryServiceId: service.id, adminUserId: admin.id, branchIds };
  });
}
