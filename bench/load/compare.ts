import { isDeepStrictEqual } from 'node:util';
import type pg from 'pg';
import type { Fixtures } from './fixtures.js';
import { type Scenario, SCENARIOS } from './operations.js';

/** A GraphQL answer, as JSON: read field by field. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Answer {
  status: number;
  json: Json;
  requestId: string | null;
}

/** One request as a client sends it, with the answer and the server's request id (X-Request-Id, which the audit rows carry). */
export async function send(base: string, body: object, token?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json(), requestId: res.headers.get('x-request-id') };
}

/**
 * The audit rows one request wrote, without what differs between any two requests (their ids and
 * times, the request id; for a write, the id of the record it made), sorted.
 */
async function auditRows(db: pg.Client | pg.Pool, requestId: string | null, created: string | null): Promise<string[]> {
  if (!requestId) return ['(no X-Request-Id)'];
  const { rows } = await db.query(
    `SELECT actor_id, actor_role, action, entity_type, CASE WHEN entity_id = $2 THEN '(created)' ELSE entity_id END AS entity_id,
            library_service_id, purpose, client_request_id
       FROM audit_event WHERE request_id = $1`,
    [requestId, created],
  );
  return rows.map((r) => JSON.stringify(r)).sort();
}

/** Where two JSON values first differ, as a path; null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = 'data'): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array and object`;
    if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return `${path}: ${a.length} and ${b.length} items`;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 200)} and ${JSON.stringify(b)?.slice(0, 200)}`;
}

export interface Comparison {
  scenario: string;
  same: boolean;
  detail: string;
  auditRows: number;
}

/**
 * Sends each scenario once to the service, then once to the baseline, and compares what the
 * benchmark promises is the same: for the reads, `data` (JSON, ordering and cursors included)
 * and the audit rows written; for recordIncident the incident row written (its id and times
 * apart) and its audit rows; for sign-in the user answered and the audit row. In the order of
 * SCENARIOS, the partner's read first: the DPO's question is about the person it audits.
 */
export async function compareServers(service: string, baseline: string, f: Fixtures, db: pg.Client | pg.Pool): Promise<Comparison[]> {
  const out: Comparison[] = [];
  for (const s of SCENARIOS) {
    const token = s.user ? f.users[s.user].token : undefined;
    const a = await send(service, s.body(f), token, s.headers?.(f));
    const b = await send(baseline, s.body(f), token, s.headers?.(f));
    const problems: string[] = [];
    for (const [who, r] of [
      ['service', a],
      ['baseline', b],
    ] as const) {
      if (r.status !== 200 || r.json.errors) problems.push(`${who} answered ${r.status} ${JSON.stringify(r.json.errors ?? r.json).slice(0, 300)}`);
    }
    const created = (r: Answer) => (s.name === 'recordIncident' ? (r.json.data?.recordIncident?.id ?? null) : null);
    const [rowsA, rowsB] = [await auditRows(db, a.requestId, created(a)), await auditRows(db, b.requestId, created(b))];
    if (!problems.length) {
      const d = await dataDifference(s, a.json, b.json, db);
      if (d) problems.push(d);
      if (!isDeepStrictEqual(rowsA, rowsB))
        problems.push(`audit rows differ: service ${rowsA.length}, baseline ${rowsB.length}; ${firstDifference(rowsA, rowsB, 'rows')}`);
    }
    out.push({ scenario: s.name, same: !problems.length, detail: problems.join('; ') || 'same', auditRows: rowsA.length });
  }
  return out;
}

async function dataDifference(s: Scenario, a: Json, b: Json, db: pg.Client | pg.Pool): Promise<string | null> {
  if (s.read) return firstDifference(a.data, b.data);
  if (s.name === 'recordIncident') {
    const row = async (id: string) => {
      const { rows } = await db.query(`SELECT to_jsonb(i) - '{id,created_at,updated_at,reported_at}'::text[] AS row FROM incident i WHERE id = $1`, [id]);
      return rows[0]?.row ?? null;
    };
    const [x, y] = [a.data.recordIncident, b.data.recordIncident];
    return (
      firstDifference({ ...x, id: null, reportedAt: null }, { ...y, id: null, reportedAt: null }, 'data.recordIncident') ??
      firstDifference(await row(x.id), await row(y.id), 'incident row')
    );
  }
  return firstDifference(a.data.login.user, b.data.login.user, 'data.login.user');
}
