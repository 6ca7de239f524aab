import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Mailer } from './mailer.js';
import { MESSAGES } from './messages.js';

describe('Mailer without SMTP_URL: the local outbox', () => {
  it('writes each message as an .eml file in the outbox folder, owner-only, and logs where, never the address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-test-'));
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const mailer = new Mailer({ from: 'Safer Libraries <no-reply@example.invalid>', outbox: join(dir, 'outbox'), logger });
    try {
      expect(mailer.destination).toBe(join(dir, 'outbox'));
      await mailer.send(MESSAGES.invitation({ email: 'kim@example.org', displayName: 'Kim Lee' }, 'https://x.example/account/set-password#invitation=abc', 72));
      const files = readdirSync(join(dir, 'outbox'));
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      expect(statSync(join(dir, 'outbox', files[0])).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'outbox')).mode & 0o777).toBe(0o700);
      const eml = readFileSync(join(dir, 'outbox', files[0]), 'utf8');
      expect(eml).toMatch(/^To: kim@example\.org$/m);
      expect(eml).toMatch(/^Subject: You have been invited to Safer Libraries$/m);
      expect(eml).toContain('Hello Kim Lee,');
      const log = lines.join('\n');
      expect(log).toContain(files[0]);
      expect(log).toContain('email written to the outbox');
      expect(log).not.toContain('kim@example.org');
      expect(log).not.toContain('Kim Lee');
    } finally {
      mailer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
