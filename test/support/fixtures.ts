import type { DataSource } from 'typeorm';
import { hashPassword } from '../../libs/access/src/index.js';

/** Test data made directly in the database, for set-ups the API itself would refuse to make. */
export async function createLibraryService(db: DataSource, name: string): Promise<string> {
  const [row] = await db.query('INSERT INTO library_service (name, code) VALUES ($1, $2) RETURNING id', [name, name.toUpperCase().replace(/\W+/g, '_')]);
  return row.id;
}

export async function createBranch(db: DataSource, serviceId: string, name: string): Promise<string> {
  const [row] = await db.query('INSERT INTO branch (library_service_id, name) VALUES ($1, $2) RETURNING id', [serviceId, name]);
  return row.id;
}

export async function createPartner(db: DataSource, serviceId: string, name: string, type = 'CHARITY'): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO partner_organisation (library_service_id, name, type, relationship) VALUES ($1, $2, $3, 'COLLABORATIVE_RELATIONSHIP') RETURNING id`,
    [serviceId, name, type]);
  return row.id;
}

export async function createUser(db: DataSource, u: { email: string; role: string; serviceId: string; partnerId?: string; branchIds?: string[]; password?: string }): Promise<string> {
  const [row] = await db.query(
    `INSERT INTO app_user (email, display_name, role, library_service_id, partner_organisation_id, password_hash) VALUES ($1, $1, $2, $3, $4, $5) RETURNING id`,
    [u.email, u.role, u.serviceId, u.partnerId ?? null, await hashPassword(u.password ?? 'demo-password')]);
  for (const b of u.branchIds ?? []) await db.query('INSERT INTO user_branch (user_id, branch_id) VALUES ($1, $2)', [row.id, b]);
  return row.id;
}

export async function demoServiceId(db: DataSource): Promise<string> {
  const [row] = await db.query(`SELECT id FROM library_service WHERE code = 'DEMO'`);
  return row.id;
}

export async function auditRows(db: DataSource, where: { action?: string; entityType?: string; entityId?: string; actorId?: string }) {
  return db.query(
    `SELECT * FROM audit_event WHERE ($1::text IS NULL OR action = $1) AND ($2::text IS NULL OR entity_type = $2)
       AND ($3::text IS NULL OR entity_id = $3) AND ($4::uuid IS NULL OR actor_id = $4) ORDER BY id`,
    [where.action ?? null, where.entityType ?? null, where.entityId ?? null, where.actorId ?? null]);
}
