import type { EntityManager } from 'typeorm';

/** A record whose date comes tomorrow, and whom to tell: identifiers only. */
export interface DueRecord {
  id: string;
  libraryServiceId: string;
  /** The owner, for follow-up actions; null when the record's service's managers or DPO are told. */
  ownerId: string | null;
  dueOn: string;
}

/**
 * The records each daily reminder is about, on `day` (YYYY-MM-DD, UTC): those due tomorrow.
 * The job reads identifiers and dates only, for the whole platform (no user's access applies:
 * the notification names the record's id, and the recipient opens it through the API, where
 * their access is checked as always). That is why this file is a named exception of the
 * personal-data read scan (test/architecture/personal-data-reads.spec.ts): nothing read here
 * leaves the service or reaches a person.
 */
export const DUE_QUERIES = {
  FOLLOW_UP_DUE: `SELECT id, library_service_id, owner_id, due_on::text AS due_on FROM follow_up_action
    WHERE completed_at IS NULL AND due_on = $1::date + 1`,
  BAN_REVIEW_DUE: `SELECT id, library_service_id, NULL::uuid AS owner_id, review_on::text AS due_on FROM ban
    WHERE review_on = $1::date + 1 AND status IN ('ACTIVE', 'UNDER_REVIEW')`,
  AGREEMENT_REVIEW_DUE: `SELECT id, library_service_id, NULL::uuid AS owner_id, review_on::text AS due_on FROM data_sharing_agreement
    WHERE review_on = $1::date + 1 AND status IN ('ACTIVE', 'SUSPENDED')`,
  RIGHTS_REQUEST_DEADLINE: `SELECT id, library_service_id, NULL::uuid AS owner_id, due_on::text AS due_on FROM rights_request
    WHERE due_on = $1::date + 1 AND status = 'RECEIVED'`,
} as const;

export async function dueRecords(m: EntityManager, kind: keyof typeof DUE_QUERIES, day: string): Promise<DueRecord[]> {
  const rows: { id: string; library_service_id: string; owner_id: string | null; due_on: string }[] = await m.query(DUE_QUERIES[kind], [day]);
  return rows.map((r) => ({ id: r.id, libraryServiceId: r.library_service_id, ownerId: r.owner_id, dueOn: r.due_on }));
}
