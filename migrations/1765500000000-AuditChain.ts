import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS = ['READ', 'CREATE', 'UPDATE', 'DELETE', 'SHARE', 'EXPORT', 'LOGIN', 'LOGIN_FAILED', 'LOGIN_REFUSED'];
const check = (actions: string[]) => `CHECK (action IN (${actions.map((a) => `'${a}'`).join(',')}))`;

/** The chain a row belongs to: its library service, or the platform chain for events of no service. */
const CHAIN_OF = (row: string) => `coalesce(${row}.library_service_id::text, 'platform')`;

/**
 * A tamper-evident audit trail (issue 10). Every audit event carries the SHA-256 of its own fields
 * and of the previous event's hash in its chain (one chain per library service, one for events of
 * no service), set by a trigger in the inserting transaction: the application cannot write an
 * event outside the chain, and an event changed, removed or slipped in afterwards, even by the
 * database owner with the triggers off, no longer fits (`audit-verify`, `auditTrailVerification`).
 *
 * The encoding is length-prefixed (4-byte big-endian length, then UTF-8; NULL is length -1), so no
 * two different rows encode alike; libs/governance/src/audit/audit-chain.ts recomputes it in
 * the verifier, outside the database it checks. Also: the REFUSED action (refused reads and
 * changes), and the client's own request id beside the server's (`client_request_id`).
 *
 * Events written before this migration are chained by it, in the order they were written
 * (occurred_at, id): their history before today cannot be verified, only kept from now on.
 */
export class AuditChain1765500000000 implements MigrationInterface {
  name = 'AuditChain1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_event
      ADD COLUMN client_request_id text CHECK (client_request_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
      ADD COLUMN chain_position bigint,
      ADD COLUMN previous_hash bytea,
      ADD COLUMN hash bytea`);
    await q.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check`);
    await q.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check ${check([...ACTIONS, 'REFUSED'])}`);

    // One row per chain: its head (the last position and that event's hash, as of the last
    // statement that wrote to it), locked by every insert into the chain so that positions are given
    // one at a time, in commit order (verification reports an event beyond the head as never
    // chained); and the pruned mark: the last position the retention sweep deleted and its hash,
    // where verification starts once a chain's oldest events are gone.
    await q.query(`CREATE TABLE audit_chain (
      chain text PRIMARY KEY,
      position bigint NOT NULL CHECK (position >= 0),
      hash bytea,
      pruned_position bigint CHECK (pruned_position > 0),
      pruned_hash bytea,
      pruned_at timestamptz,
      CHECK ((position = 0) = (hash IS NULL)),
      CHECK ((pruned_position IS NULL) = (pruned_hash IS NULL)))`);
    // One digest of the chain heads per day, whichever replica gets there first (insert if absent).
    await q.query(`CREATE TABLE audit_digest (
      day date PRIMARY KEY,
      written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      chains integer NOT NULL CHECK (chains >= 0))`);
    // The application role reads the heads (to verify, and for the digest) and claims a day's
    // digest; only the owner's trigger functions move a head or a pruned mark (LeastPrivilege).
    await q.query(`INSERT INTO application_grant (table_name, privileges) VALUES ('audit_chain', 'SELECT'), ('audit_digest', 'SELECT, INSERT')`);

    // STABLE, as convert_to is: an IMMUTABLE SQL function over a stable one is never inlined, and a
    // call that is not inlined is planned again in every transaction.
    await q.query(`CREATE FUNCTION audit_chain_text(value text) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN value IS NULL THEN '\\xffffffff'::bytea
                  ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END $$`);
    await q.query(`CREATE FUNCTION audit_chain_bytes(value bytea) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN value IS NULL THEN '\\xffffffff'::bytea ELSE int4send(length(value)) || value END $$`);
    // The fields one at a time, so that PL/pgSQL prepares small expressions: it prepares them anew in
    // every transaction, and one expression of all thirteen fields made the first event of each
    // transaction the slowest part of chaining it. The time is text in UTC to the microsecond,
    // whatever the session's time zone or date style.
    await q.query(`CREATE FUNCTION audit_event_hash(
        id bigint, chain_position bigint, occurred_at timestamptz, actor_id uuid, actor_role text, action text, entity_type text,
        entity_id text, library_service_id uuid, purpose text, request_id text, client_request_id text, previous_hash bytea)
      RETURNS bytea LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
      DECLARE
        message bytea := audit_chain_text('safer-libraries audit event v1');
        field text;
      BEGIN
        FOREACH field IN ARRAY ARRAY[id::text, chain_position::text, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            actor_id::text, actor_role, action, entity_type, entity_id, library_service_id::text, purpose, request_id, client_request_id] LOOP
          message := message || audit_chain_text(field);
        END LOOP;
        RETURN sha256(message || audit_chain_bytes(previous_hash));
      END $$`);

    // The events already written, chained in the order they were written. UPDATE is refused by
    // the append-only trigger, so it is off for this one statement of the migration.
    await q.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`);
    await q.query(`DO $$
      DECLARE
        r record;
        k text;
        pos bigint;
        prev bytea;
        h bytea;
      BEGIN
        FOR r IN SELECT e.*, ${CHAIN_OF('e')} AS chain FROM audit_event e ORDER BY ${CHAIN_OF('e')}, e.occurred_at, e.id LOOP
          IF k IS DISTINCT FROM r.chain THEN
            IF k IS NOT NULL THEN INSERT INTO audit_chain (chain, position, hash) VALUES (k, pos, prev); END IF;
            k := r.chain; pos := 0; prev := NULL;
          END IF;
          pos := pos + 1;
          h := audit_event_hash(r.id, pos, r.occurred_at, r.actor_id, r.actor_role, r.action, r.entity_type, r.entity_id,
                                r.library_service_id, r.purpose, r.request_id, r.client_request_id, prev);
          UPDATE audit_event SET chain_position = pos, previous_hash = prev, hash = h WHERE id = r.id;
          prev := h;
        END LOOP;
        IF k IS NOT NULL THEN INSERT INTO audit_chain (chain, position, hash) VALUES (k, pos, prev); END IF;
      END $$`);
    await q.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete`);

    await q.query(`ALTER TABLE audit_event ALTER COLUMN chain_position SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
    // No default: the chain trigger sets the time once the chain's head is locked (below), so an
    // event's time is never earlier than its predecessor's. An explicit time is kept as given, and
    // one earlier than its predecessor's is what verification reports as OUT_OF_ORDER.
    await q.query(`ALTER TABLE audit_event ALTER COLUMN occurred_at DROP DEFAULT`);
    // One position per chain; also the index verification walks (keyset by position).
    await q.query(`CREATE UNIQUE INDEX audit_event_service_chain_uq ON audit_event (library_service_id, chain_position) WHERE library_service_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX audit_event_platform_chain_uq ON audit_event (chain_position) WHERE library_service_id IS NULL`);

    // The chain's last event is read from its own unique index, not kept in the head row: a head
    // row updated for every event would gather one dead version per event of a transaction (a
    // 40,000-row statement would read 40,000 versions for each row). The head row is only locked
    // per row, which serialises a chain's inserts in commit order, and moved once per statement
    // (audit_event_chain_head, below). SECURITY DEFINER: the application's database role needs no
    // privilege on audit_chain; search_path pinned, as for every definer function. Index use is
    // pinned too: PGlite has no autovacuum or analyze, and a plan cached while a table is small keeps seq-scanning it.
    await q.query(`CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      DECLARE
        k text := ${CHAIN_OF('NEW')};
        last_position bigint;
        last_hash bytea;
        pruned_position bigint;
        pruned_hash bytea;
      BEGIN
        SELECT c.pruned_position, c.pruned_hash INTO pruned_position, pruned_hash FROM audit_chain c WHERE c.chain = k FOR UPDATE;
        IF NOT FOUND THEN
          INSERT INTO audit_chain (chain, position) VALUES (k, 0) ON CONFLICT (chain) DO NOTHING;
          SELECT c.pruned_position, c.pruned_hash INTO pruned_position, pruned_hash FROM audit_chain c WHERE c.chain = k FOR UPDATE;
        END IF;
        IF NEW.library_service_id IS NULL THEN
          SELECT e.chain_position, e.hash INTO last_position, last_hash
            FROM audit_event e WHERE e.library_service_id IS NULL ORDER BY e.chain_position DESC LIMIT 1;
        ELSE
          SELECT e.chain_position, e.hash INTO last_position, last_hash
            FROM audit_event e WHERE e.library_service_id = NEW.library_service_id ORDER BY e.chain_position DESC LIMIT 1;
        END IF;
        -- Every event up to the pruned mark deleted by the retention sweep: the chain goes on from the mark.
        IF pruned_position > coalesce(last_position, 0) THEN
          last_position := pruned_position;
          last_hash := pruned_hash;
        END IF;
        -- The time is taken once the chain is locked, so no event is dated before the one it follows.
        NEW.occurred_at := coalesce(NEW.occurred_at, clock_timestamp());
        NEW.chain_position := coalesce(last_position, 0) + 1;
        NEW.previous_hash := last_hash;
        NEW.hash := audit_event_hash(NEW.id, NEW.chain_position, NEW.occurred_at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.entity_type,
                                     NEW.entity_id, NEW.library_service_id, NEW.purpose, NEW.request_id, NEW.client_request_id, NEW.previous_hash);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE FUNCTION audit_event_chain_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        UPDATE audit_chain c SET position = a.chain_position, hash = a.hash
        FROM (SELECT DISTINCT ON (chain) ${CHAIN_OF('n')} AS chain, n.chain_position, n.hash FROM added n ORDER BY chain, n.chain_position DESC) a
        WHERE c.chain = a.chain AND a.chain_position > c.position;
        RETURN NULL;
      END $$`);
    await q.query(`DO $$ BEGIN
      EXECUTE format('ALTER FUNCTION audit_event_chain() SET search_path = %I, pg_temp', current_schema());
      EXECUTE format('ALTER FUNCTION audit_event_chain_head() SET search_path = %I, pg_temp', current_schema());
      ALTER FUNCTION audit_event_chain() SET enable_seqscan = off;
    END $$`);
    await q.query(`CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`);
    await q.query(`CREATE TRIGGER audit_event_chain_head AFTER INSERT ON audit_event REFERENCING NEW TABLE AS added
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_chain_head()`);

    // A DELETE gets past the append-only trigger only as the retention sweep, for events past
    // their retention: the oldest of each chain. Each one that goes moves the chain's pruned
    // mark forward, so verification starts after it rather than reporting the events MISSING.
    await q.query(`CREATE FUNCTION audit_event_pruned() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        UPDATE audit_chain c SET pruned_position = o.chain_position, pruned_hash = o.hash, pruned_at = now()
        FROM (SELECT DISTINCT ON (chain) ${CHAIN_OF('d')} AS chain, d.chain_position, d.hash FROM pruned d ORDER BY chain, d.chain_position DESC) o
        WHERE c.chain = o.chain AND (c.pruned_position IS NULL OR o.chain_position > c.pruned_position);
        RETURN NULL;
      END $$`);
    await q.query(`DO $$ BEGIN
      EXECUTE format('ALTER FUNCTION audit_event_pruned() SET search_path = %I, pg_temp', current_schema());
    END $$`);
    await q.query(`CREATE TRIGGER audit_event_pruned AFTER DELETE ON audit_event REFERENCING OLD TABLE AS pruned
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_pruned()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['audit_event_pruned', 'audit_event_chain_head', 'audit_event_chain']) {
      await q.query(`DROP TRIGGER ${name} ON audit_event`);
      await q.query(`DROP FUNCTION ${name}()`);
    }
    await q.query(`DROP INDEX audit_event_platform_chain_uq`);
    await q.query(`DROP INDEX audit_event_service_chain_uq`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN occurred_at SET DEFAULT clock_timestamp()`);
    await q.query(`DROP FUNCTION audit_event_hash(bigint, bigint, timestamptz, uuid, text, text, text, text, uuid, text, text, text, bytea)`);
    await q.query(`DROP FUNCTION audit_chain_bytes(bytea)`);
    await q.query(`DROP FUNCTION audit_chain_text(text)`);
    await q.query(`DELETE FROM application_grant WHERE table_name IN ('audit_chain', 'audit_digest')`);
    for (const t of ['audit_digest', 'audit_chain']) await q.query(`DROP TABLE ${t}`);
    await q.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check`);
    // The trail is append-only: REFUSED events already written stay, only new ones are refused.
    await q.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check ${check(ACTIONS)} NOT VALID`);
    await q.query(`ALTER TABLE audit_event DROP COLUMN hash, DROP COLUMN previous_hash, DROP COLUMN chain_position, DROP COLUMN client_request_id`);
  }
}
