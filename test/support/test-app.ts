import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import type { DataSource } from 'typeorm';
import { createApp, type RunningApp } from '../../apps/api/create-app.js';
import { loadConfig } from '../../libs/common/src/index.js';
import { testDatabase } from './test-database.js';

/**
 * Starts the real app for one test file on a database of its own, migrated and otherwise empty: an in-memory
 * PGlite, or, with DATABASE_URL set, a new database on that PostgreSQL (dropped afterwards). See test-database.ts.
 */
export interface TestApp {
  running: RunningApp;
  db: DataSource;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GqlResult<T>>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

export async function startTestApp(env: Record<string, string> = {}, logDestination?: DestinationStream): Promise<TestApp> {
  const database = await testDatabase();
  let running: RunningApp;
  try {
    const config = loadConfig({
      ...database.env,
      ...(database.env.DATABASE_URL ? { JWT_SECRET: randomBytes(32).toString('hex') } : {}),
      // The base demo only (service, branches, users, partners), which the tests count on; pass SEED_DEMO: 'full' for the story too.
      SEED_DEMO: 'base',
      // Tests sign in with a password alone unless they test two-factor sign-in (test/two-factor.e2e-spec.ts).
      TWO_FACTOR_ROLES: 'none',
      LOG_LEVEL: 'silent',
      HOST: '127.0.0.1',
      // No background work unless a test asks for it (notification tests): a poll landing in another test's statement capture would change what it sees.
      NOTIFICATION_POLL_MS: '0',
      SCHEDULER_TICK_MS: '0',
      ...env,
    });
    running = await createApp(config, 0, logDestination, database.embedded);
  } catch (err) {
    await database.drop();
    throw err;
  }
  const gql: TestApp['gql'] = async (query, variables, token, headers = {}) => {
    const res = await fetch(`${running.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResult<any>;
    return { status: res.status, data: body.data, errors: body.errors };
  };
  return {
    running,
    db: running.db.dataSource,
    gql,
    async login(email, password = 'demo-password') {
      const r = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, { e: email, p: password });
      if (!r.data?.login) throw new Error(`login ${email} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.accessToken;
    },
    async close() {
      await running.close();
      await database.drop();
    },
  };
}

/** The GraphQL error code of the first error, for assertions. */
export const codeOf = (r: GqlResult<unknown>) => r.errors?.[0]?.extensions?.code;

/** Signs in every user of the demo service (admin, manager, outreach, staff, pcso, dpo @demo.test): their tokens in `tok`, their ids in `ids`. */
export async function signInDemoUsers(t: TestApp, tok: Record<string, string>, ids: Record<string, string>): Promise<void> {
  for (const who of ['admin', 'manager', 'outreach', 'staff', 'pcso', 'dpo']) {
    tok[who] = await t.login(`${who}@demo.test`);
    [{ id: ids[who] }] = await t.db.query('SELECT id FROM app_user WHERE email = $1', [`${who}@demo.test`]);
  }
}

/** Records every statement the app issues while `run` runs (transaction control left out). */
export function captureStatements(t: TestApp): (run: () => Promise<unknown>) => Promise<string[]> {
  let captured: string[] | null = null;
  const logger = t.db.logger;
  (t.db as unknown as { logger: unknown }).logger = new Proxy(logger, {
    get: (target, prop) =>
      prop === 'logQuery'
        ? (query: string) => {
            captured?.push(query);
          }
        : Reflect.get(target, prop),
  });
  return async (run) => {
    captured = [];
    try {
      await run();
      return captured.filter((q) => !/^(START TRANSACTION|COMMIT|ROLLBACK)/.test(q));
    } finally {
      captured = null;
    }
  };
}
