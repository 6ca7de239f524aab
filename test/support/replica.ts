import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A real API process (apps/api/main.ts, run from source), as one replica behind a load balancer. */
export interface Replica {
  url: string;
  process: ChildProcess;
  /** SIGKILL: the replica dies at once, mid-request, as a crashed machine would. */
  kill(): Promise<void>;
  /** SIGTERM: the replica closes its server and database, then exits. */
  stop(): Promise<void>;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ status: number; data: T; errors?: { message: string; extensions?: { code?: string } }[] }>;
  login(email: string, password?: string): Promise<string>;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function startReplica(env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', './test/support/swc-register.mjs', 'apps/api/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', TWO_FACTOR_ROLES: 'none', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start within 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /GraphQL endpoint: (http:\/\/\S+)\/graphql/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited (${code}) before it started:\n${output}`));
    });
  });
  const gql: Replica['gql'] = async (query, variables, token) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data: any; errors?: [] };
    return { status: res.status, data: body.data, errors: body.errors };
  };
  return {
    url,
    process: child,
    gql,
    async login(email, password = 'demo-password') {
      const r = await gql(`mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`, { e: email, p: password });
      if (r.errors) throw new Error(`login ${email}: ${r.errors[0].message}`);
      return r.data.login.accessToken;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
