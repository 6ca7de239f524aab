import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIONS = ['READ', 'CREATE', 'UPDATE', 'DELETE', 'SHARE', 'EXPORT', 'LOGIN', 'LOGIN_FAILED'];
const check = (actions: string[]) => `CHECK (action IN (${actions.map((a) => `'${a}'`).join(',')}))`;

/**
 * Sign-in failure counters shared by every replica (when REDIS_URL is not set), and the audit
 * action for a sign-in refused by them. A key is a keyed hash of an email, an IP address or both:
 * the table holds no email or address, and a row is forgotten a day after its last failure.
 */
export class LoginThrottle1765100000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE login_throttle (
      key text PRIMARY KEY,
      failures integer NOT NULL CHECK (failures >= 0),
      last_failure_at timestamptz NOT NULL,
      forget_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX login_throttle_forget_idx ON login_throttle (forget_at)`);
    await q.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check`);
    await q.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check ${check([...ACTIONS, 'LOGIN_REFUSED'])}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_throttle`);
    await q.query(`ALTER TABLE audit_event DROP CONSTRAINT audit_event_action_check`);
    // The trail is append-only: LOGIN_REFUSED events already written stay, only new ones are refused.
    await q.query(`ALTER TABLE audit_event ADD CONSTRAINT audit_event_action_check ${check(ACTIONS)} NOT VALID`);
  }
}
