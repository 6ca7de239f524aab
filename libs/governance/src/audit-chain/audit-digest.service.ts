import { appendFile } from 'node:fs/promises';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../common/src/index.js';
import { type DigestEntry, digestLine } from './audit-digest.js';

const HOUR = 3_600_000;

/**
 * The daily digest of every audit chain's head (position and hash), written where the database's
 * owner cannot reach it: the log, and AUDIT_DIGEST_FILE when set. Whoever rewrites the trail later
 * cannot make it match what was recorded then (`audit-verify --against`).
 *
 * One digest a day across replicas: the day's row in `audit_digest` is inserted if absent, in the
 * transaction that writes the digest, so a replica that loses the race writes nothing, and one whose
 * file write fails leaves the day to the next attempt.
 */
@Injectable()
export class AuditDigestService {
  private readonly logger = new Logger('AuditDigest');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Today's digest (UTC), unless it was already written; the entries written, or null. */
  async write(now = new Date()): Promise<DigestEntry[] | null> {
    const day = now.toISOString().slice(0, 10);
    return this.db.transaction(async (m) => {
      const heads: { chain: string; position: string; hash: string }[] = await m.query(
        `SELECT chain, position::text AS position, encode(hash, 'hex') AS hash FROM audit_chain WHERE position > 0 ORDER BY chain`,
      );
      const claimed = await m.query(`INSERT INTO audit_digest (day, chains) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING RETURNING day`, [day, heads.length]);
      if (!claimed.length) return null;
      const entries = heads.map((h) => ({ day, chain: h.chain, position: Number(h.position), hash: h.hash }));
      for (const entry of entries) this.logger.log({ msg: 'audit chain digest', auditDigest: entry });
      const file = this.config.AUDIT_DIGEST_FILE;
      if (file && entries.length) await appendFile(file, entries.map(digestLine).join(''), { mode: 0o600 });
      return entries;
    });
  }
}

/** Writes the digest at start-up and then checks every hour whether the day has one yet. */
@Injectable()
export class AuditDigestScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditDigest');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly digest: AuditDigestService) {}

  /** A digest that cannot be written at start (a bad AUDIT_DIGEST_FILE) stops the start: the operator believes it is kept. */
  async onApplicationBootstrap(): Promise<void> {
    await this.digest.write();
    this.timer = setInterval(() => void this.tick(), HOUR);
    this.timer.unref();
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.digest.write().catch((err: Error) => this.logger.error(`audit digest not written: ${err.name} ${err.message}`));
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
