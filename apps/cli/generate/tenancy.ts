import type { Family, Gen } from './context.js';
import type { ServicePlan } from './plan.js';
import { ukMoment } from './sql.js';

/**
 * Library services (GEN_001…), their branches, and their staff: administrator, managers, outreach
 * workers, a desk member for each branch (working there), a DPO. Partner users come with the
 * partners (partners.ts). Every user signs in with the demo password. Each service, the demo one
 * included, gets one CLI audit event saying it was generated: the mark `generate-data` looks for
 * before it runs again.
 */
export const tenancy: Family = {
  name: 'library services, branches and users',
  estimate: (s) => 2 + s.newBranches.length + 2 * s.newUsers.length,
  async run(g: Gen, s: ServicePlan) {
    const created = longAgo(g);
    const statements: { sql: string; params?: unknown[] }[] = [];
    if (!s.isDemo) {
      statements.push({
        sql: `INSERT INTO library_service (id, name, code, created_at) VALUES ($1, $2, $3, ${created})`,
        params: [s.id, s.name, s.code],
      });
    }
    statements.push({
      sql: `INSERT INTO audit_event (actor_role, action, entity_type, entity_id, library_service_id, purpose, request_id)
            VALUES ('CLI', 'CREATE', 'LibraryService', $1::text, $1::uuid, $2, $3)`,
      params: [s.id, generatedPurpose(g), `generate-data-${process.pid}`],
    });
    if (s.newBranches.length) {
      statements.push({
        sql: `INSERT INTO branch (id, library_service_id, name, address, created_at, updated_at)
              SELECT b.id, $1, b.name, b.address, ${created}, ${created} FROM unnest($2::uuid[], $3::text[], $4::text[]) AS b(id, name, address)`,
        params: [s.id, s.newBranches.map((b) => b.id), s.newBranches.map((b) => b.name), s.newBranches.map((b) => b.address)],
      });
    }
    const users = s.newUsers.filter((u) => u.role !== 'PARTNER');
    if (users.length) {
      statements.push(insertUsers(g, s, users));
      const atBranch = users.filter((u) => u.branchId);
      if (atBranch.length) {
        statements.push({
          sql: `INSERT INTO user_branch (user_id, branch_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
          params: [atBranch.map((u) => u.id), atBranch.map((u) => u.branchId)],
        });
      }
    }
    await g.batch(`${s.code}: service, branches, users`, statements);
  },
};

/** When the generated services, branches, users and partners were set up: three years ago. */
export const longAgo = (g: Gen): string => ukMoment(`${g.today} - 1096`, '540');

/** The purpose of the audit event that marks a generated service. */
export const GENERATED_PURPOSE_PREFIX = 'generate-data';
const generatedPurpose = (g: Gen) => `${GENERATED_PURPOSE_PREFIX} --seed ${g.seed}`;

export function insertUsers(g: Gen, s: ServicePlan, users: ServicePlan['newUsers']): { sql: string; params: unknown[] } {
  const created = longAgo(g);
  return {
    sql: `INSERT INTO app_user (id, email, display_name, role, library_service_id, partner_organisation_id, password_hash, created_at, updated_at)
          SELECT u.id, u.email, u.display_name, u.role, $1, u.partner, $2, ${created}, ${created}
            FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[]) AS u(id, email, display_name, role, partner)`,
    params: [
      s.id,
      g.plan.passwordHash,
      users.map((u) => u.id),
      users.map((u) => u.email),
      users.map((u) => u.displayName),
      users.map((u) => u.role),
      users.map((u) => u.partnerOrganisationId),
    ],
  };
}
