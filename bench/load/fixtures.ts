import pg from 'pg';

/** The demo users the scenarios sign in as (apps/api/seed/demo-seed.ts, DEMO_PASSWORD). */
export const DEMO_USERS = {
  manager: 'manager@demo.test',
  partner: 'pcso@demo.test',
  staff: 'staff@demo.test',
  outreach: 'outreach@demo.test',
  dpo: 'dpo@demo.test',
} as const;
export const DEMO_PASSWORD = 'demo-password';

/** Real ids of the generated database that the scenarios ask about. */
export interface Fixtures {
  users: Record<keyof typeof DEMO_USERS, { id: string; token: string }>;
  /** The demo service's branch with the most incidents. */
  branchId: string;
  branchName: string;
  /** The month before the current one (which is not over) with the most incidents at that branch, the benchmark's own left out. */
  month: { from: string; to: string; incidents: number };
  /** Where staff@demo.test records its incidents: its first branch. */
  staffBranchId: string;
  /**
   * When the benchmark's incidents happened: three years before the run (on the minute), out of
   * the two years the generated incidents span, so that a database reused by later runs keeps the
   * incidents scenario's month as generated.
   */
  recordedOccurredAt: string;
  /** The person of the newest case shared with the demo police team: the partner scenario reads (and so audits) them. */
  auditedSubjectId: string;
}

/** Picks the ids from the database (any superuser or service connection to it). */
export async function pickFixtures(databaseUrl: string): Promise<Omit<Fixtures, 'users'> & { userIds: Record<keyof typeof DEMO_USERS, string> }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []) => {
      const { rows } = await client.query(sql, params);
      if (!rows[0]) throw new Error(`the generated database has no answer to: ${sql.trim().split('\n')[0]}`);
      return rows[0];
    };
    const users = await client.query(`SELECT email, id FROM app_user WHERE email = ANY ($1)`, [Object.values(DEMO_USERS)]);
    const userIds = Object.fromEntries(
      Object.entries(DEMO_USERS).map(([k, email]) => {
        const row = users.rows.find((r) => r.email === email);
        if (!row) throw new Error(`${email} is missing: is the database generated (generate-data)?`);
        return [k, row.id];
      }),
    ) as Record<keyof typeof DEMO_USERS, string>;
    const branch = await one(
      `SELECT b.id, b.name FROM branch b JOIN library_service s ON s.id = b.library_service_id AND s.code = 'DEMO'
        ORDER BY (SELECT count(*) FROM incident i WHERE i.branch_id = b.id) DESC, b.id LIMIT 1`,
    );
    const month = await one(
      `SELECT to_char(m, 'YYYY-MM') AS month, count(*)::int AS n FROM (SELECT date_trunc('month', occurred_at AT TIME ZONE 'UTC') AS m FROM incident WHERE branch_id = $1 AND description NOT LIKE 'Benchmark:%') x
        WHERE m < date_trunc('month', now() AT TIME ZONE 'UTC') GROUP BY m ORDER BY n DESC, m DESC LIMIT 1`,
      [branch.id],
    );
    const from = new Date(`${month.month}-01T00:00:00.000Z`);
    const to = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1) - 1);
    const staff = await one(`SELECT ub.branch_id FROM user_branch ub WHERE ub.user_id = $1 ORDER BY ub.branch_id LIMIT 1`, [userIds.staff]);
    const subject = await one(
      `SELECT c.subject_id FROM case_file c JOIN app_user u ON u.id = $1
        WHERE c.library_service_id = u.library_service_id
          AND EXISTS (SELECT 1 FROM live_case_share ls WHERE ls.case_id = c.id AND ls.partner_organisation_id = u.partner_organisation_id)
        ORDER BY c.opened_at DESC, c.id DESC LIMIT 1`,
      [userIds.partner],
    );
    return {
      userIds,
      branchId: branch.id,
      branchName: branch.name,
      month: { from: from.toISOString(), to: to.toISOString(), incidents: month.n },
      staffBranchId: staff.branch_id,
      recordedOccurredAt: threeYearsAgo().toISOString(),
      auditedSubjectId: subject.subject_id,
    };
  } finally {
    await client.end();
  }
}

function threeYearsAgo(): Date {
  const d = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  d.setUTCFullYear(d.getUTCFullYear() - 3);
  return d;
}
