import { randomBytes } from 'node:crypto';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
/** `true`/`1` and `false`/`0`; any other word is left for @IsBoolean to refuse. */
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const word = String(value).trim().toLowerCase();
  if (word === 'true' || word === '1') return true;
  if (word === 'false' || word === '0') return false;
  return value;
};
/** SEED_DEMO: `true` keeps meaning the whole demo (`full`), `false` never seeding; other words are checked by @IsIn. */
const toSeedLevel = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const word = String(value).trim().toLowerCase();
  if (word === 'true' || word === '1') return 'full';
  if (word === 'false' || word === '0') return false;
  return word;
};

const ORIGIN = String.raw`https?://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?`;
const CORS_ORIGINS_PATTERN = new RegExp(`^${ORIGIN}(?:\\s*,\\s*${ORIGIN})*$`, 'i');

/** What the demo seed puts in: `base` (the service, branches, users, partners) or `full` (base and the demo story). */
export type DemoSeedLevel = 'base' | 'full';

/** Every environment variable the service reads (README "Configuration" lists the same). */
export class AppConfig {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * The owner role's URL: migrations run as it, then it grants the application role (DATABASE_URL's
   * user) what the service needs. Unset: migrations run on DATABASE_URL's connection, as before.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'MIGRATION_DATABASE_URL must be a postgres:// URL' })
  MIGRATION_DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[a-z_][a-z0-9_]*$/, { message: 'DATABASE_SCHEMA must be a lower-case SQL identifier' })
  DATABASE_SCHEMA?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE = 10;

  /**
   * The embedded database's buffer pool in MB (PostgreSQL's shared_buffers). It lives inside the
   * service's process and, once filled, stays: 32 rather than PGlite's 128 takes 100 to 170 MB
   * off the process's peak at national scale (README "Benchmarks"); more caches more of a large
   * database, at that cost.
   */
  @Transform(toInt)
  @IsInt()
  @Min(8)
  @Max(4096)
  EMBEDDED_SHARED_BUFFERS_MB = 32;

  /**
   * Longest one SQL statement of the service may run before PostgreSQL cancels it (pg
   * `statement_timeout`); 0 turns it off. Migrations run without it. PGlite does not enforce it.
   */
  @Transform(toInt)
  @IsInt({ message: 'DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(0)
  @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  @IsString()
  @MinLength(1)
  DATA_DIR = './.data';

  @IsString()
  HOST = '0.0.0.0';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  /** How long a refresh token works; each use gives a new one (the old one then revokes the whole sign-in if used again). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  REFRESH_TOKEN_TTL_HOURS = 12;

  /** Roles that must sign in with a second factor (TOTP), comma-separated, or `none`. */
  @Matches(/^(none|(ADMIN|MANAGER|OUTREACH_WORKER|STAFF|PARTNER|DPO)(\s*,\s*(ADMIN|MANAGER|OUTREACH_WORKER|STAFF|PARTNER|DPO))*)$/, {
    message: 'TWO_FACTOR_ROLES must be none or a comma-separated list of roles (ADMIN, MANAGER, OUTREACH_WORKER, STAFF, PARTNER, DPO)',
  })
  TWO_FACTOR_ROLES = 'ADMIN,MANAGER,DPO,PARTNER';

  /** Failed sign-ins for one email from one client (IP address, or known device) before it has to wait. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES = 5;

  /** Failed sign-ins for one email from all clients that are not a known device of its user, before they wait. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_EMAIL = 20;

  /** Failed sign-ins from one IP address (an IPv6 /64), whatever the email, before it has to wait. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_IP = 100;

  /** The first wait once a limit is reached; each further failure doubles it, up to LOGIN_BACKOFF_MAX_MINUTES. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  LOGIN_BACKOFF_SECONDS = 60;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_BACKOFF_MAX_MINUTES = 60;

  /** Sign-in counters live here when set (shared by replicas); otherwise in the database. */
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /**
   * Which proxies in front of the service to believe about the client's address (Express "trust proxy"):
   * a number of hops, or a comma-separated list of addresses, CIDR ranges and `loopback` / `linklocal` / `uniquelocal`.
   */
  @IsOptional()
  @Matches(/^(\d{1,2}|[0-9a-fA-F:./]+|loopback|linklocal|uniquelocal)(\s*,\s*([0-9a-fA-F:./]+|loopback|linklocal|uniquelocal))*$/, {
    message: 'TRUST_PROXY must be a number of hops or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal',
  })
  TRUST_PROXY?: string;

  /**
   * Origins of partner web clients that may call the API from a browser (CORS), comma-separated:
   * scheme, host and optional port, exactly as the browser sends them. Unset: no cross-origin calls.
   */
  @IsOptional()
  @Matches(CORS_ORIGINS_PATTERN, {
    message: 'CORS_ORIGINS must be a comma-separated list of origins such as https://partners.example.org (scheme, host and port only; no path, no *)',
  })
  CORS_ORIGINS?: string;

  /** Working days a partner has to answer a sent referral, per urgency (overdueReferrals). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  REFERRAL_RESPONSE_DAYS_URGENT = 1;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  REFERRAL_RESPONSE_DAYS_SOON = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(60)
  REFERRAL_RESPONSE_DAYS_ROUTINE = 10;

  /** Unset: the full demo on the embedded database's first start, else nothing. */
  @IsOptional()
  @Transform(toSeedLevel)
  @IsIn([false, 'base', 'full'], { message: 'SEED_DEMO must be full (or true), base, or false' })
  SEED_DEMO?: DemoSeedLevel | false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `production` turns introspection, the playground and field suggestions off unless GRAPHQL_INTROSPECTION / GRAPHQL_PLAYGROUND say otherwise. */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** Unset: on unless NODE_ENV is production. Field suggestions ("Did you mean …?") follow it: they disclose the schema too. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'GRAPHQL_INTROSPECTION must be true or false' })
  GRAPHQL_INTROSPECTION?: boolean;

  /** Unset: on unless NODE_ENV is production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean({ message: 'GRAPHQL_PLAYGROUND must be true or false' })
  GRAPHQL_PLAYGROUND?: boolean;

  // What one GraphQL request may ask for (README, "Request limits"). The defaults leave room above
  // every query the project itself sends; each is checked before anything is executed.

  /** Nesting of fields (introspection's `__schema` not counted: it has a depth limit of its own). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(100)
  GRAPHQL_MAX_DEPTH = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_ALIASES = 15;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  GRAPHQL_MAX_DIRECTIVES = 50;

  /** Lexical tokens of the document: the parser stops at once past it. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(1_000_000)
  GRAPHQL_MAX_TOKENS = 2000;

  /** Estimated cost: every object 1, a list `first` (or its default page size) times what one item asks for. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100_000_000)
  GRAPHQL_MAX_COST = 20_000;

  /** Audit rows one request may write through the access scope (reads and changes); past it the request is refused. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  REQUEST_MAX_AUDIT_ROWS = 5000;

  /**
   * GraphQL requests worked on at once; the rest wait their turn, first come first served. Each one
   * in progress holds its rows in memory and contends for the database pool: past a few per pool
   * connection, more at once only adds memory and latency, not throughput (README "Benchmarks"):
   * the default is the default pool size.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000)
  REQUEST_CONCURRENCY = 10;

  /**
   * Node processes answering on the one port (node:cluster). The API keeps no state between
   * requests, so more processes use more cores; each holds its own pool of DATABASE_POOL_SIZE.
   * Above 1 it needs PostgreSQL (the embedded database lives in one process) and Redis (live
   * events must reach subscribers on every process).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_WORKERS = 1;

  /** GraphQL requests that may wait for their turn; one more is answered 503 SERVICE_UNAVAILABLE with Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  REQUEST_QUEUE_MAX = 1000;

  /** Live alerts (README "Live alerts"): WebSocket connections one user may hold open at once, per replica. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LIVE_MAX_CONNECTIONS_PER_USER = 5;

  /** Subscriptions one WebSocket connection may hold at once; one more is answered with an error. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;

  /** Rows one CSV export may hold (GET /exports/audit-events.csv); a filter matching more is refused. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  EXPORT_MAX_ROWS = 100_000;

  /**
   * Anonymised summaries for partners (libs/reports): a count below this is suppressed, and others
   * with it so that no total gives it back. 5 by default, as most public statistics do; 2 at least.
   */
  @Transform(toInt)
  @IsInt({ message: 'REPORT_SUPPRESSION_THRESHOLD must be a whole number' })
  @Min(2)
  @Max(100)
  REPORT_SUPPRESSION_THRESHOLD = 5;

  /** Minutes between in-app retention sweeps; 0 (the default) turns the schedule off. */
  @Transform(toInt)
  @IsInt({ message: 'RETENTION_SWEEP_INTERVAL_MINUTES must be a whole number of minutes' })
  @Min(0)
  @Max(10080)
  RETENTION_SWEEP_INTERVAL_MINUTES = 0;

  /**
   * A file the daily digest of the audit chains' heads is appended to, besides the log: keep it
   * outside the database (and away from its owner), so `audit-verify --against` can find a
   * rewritten chain even when every hash in it was recomputed.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUDIT_DIGEST_FILE?: string;

  /** The mail relay, smtp:// or smtps:// (user and password in the URL when it needs them). Unset: email is written to DATA_DIR/outbox. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  /** The sender of every email. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Safer Libraries <no-reply@safer-libraries.invalid>';

  /**
   * The address people open the service at, for the links in emails (invitations, password
   * resets): scheme, host, optional port and path. Unset: http://localhost:PORT.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s?#]+$/, { message: 'PUBLIC_URL must be an http:// or https:// URL with no query or fragment' })
  PUBLIC_URL?: string;

  /** How long an invitation link works (it works once). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  INVITATION_TTL_HOURS = 72;

  /** How long a password reset link works (it works once). */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1440)
  PASSWORD_RESET_TTL_MINUTES = 60;

  /**
   * How often the notification worker looks for messages to send (email, webhooks), in
   * milliseconds; it is also woken at once when a change that notifies commits. 0 turns the
   * worker off in this process (another replica sends; messages wait in the queue meanwhile).
   */
  @Transform(toInt)
  @IsInt({ message: 'NOTIFICATION_POLL_MS must be a whole number of milliseconds' })
  @Min(0)
  @Max(3_600_000)
  NOTIFICATION_POLL_MS = 5000;

  /** Messages one worker claims at a time (and sends side by side). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  NOTIFICATION_BATCH_SIZE = 20;

  /** The wait before a failed message is tried again; it doubles with each failure, up to NOTIFICATION_RETRY_MAX_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86_400_000)
  NOTIFICATION_RETRY_BASE_MS = 30_000;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(604_800_000)
  NOTIFICATION_RETRY_MAX_MS = 3_600_000;

  /** Tries before a message is given up (kept, marked dead, and logged by id). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  NOTIFICATION_MAX_ATTEMPTS = 15;

  /**
   * How often this process looks for scheduled work that is due (reminders, the daily digest,
   * the retention sweep), in milliseconds. Each task runs once per period across every replica
   * (the scheduled_run table). 0 turns the scheduler off in this process.
   */
  @Transform(toInt)
  @IsInt({ message: 'SCHEDULER_TICK_MS must be a whole number of milliseconds' })
  @Min(0)
  @Max(3_600_000)
  SCHEDULER_TICK_MS = 60_000;

  /** The hour (UTC, 0-23) from which each day's reminders and digests are sent. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(23)
  NOTIFICATION_DAILY_HOUR = 7;

  /** True when running on the embedded PGlite database (no DATABASE_URL). */
  get embedded(): boolean {
    return !this.DATABASE_URL;
  }

  /** Whether the schema is open to introspection and errors suggest field names. */
  get introspection(): boolean {
    return this.GRAPHQL_INTROSPECTION ?? this.NODE_ENV !== 'production';
  }

  /** PUBLIC_URL without its trailing slash, or this machine at PORT. */
  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }

  /** The roles TWO_FACTOR_ROLES names. */
  get twoFactorRoles(): Set<string> {
    return new Set(this.TWO_FACTOR_ROLES === 'none' ? [] : this.TWO_FACTOR_ROLES.split(',').map((r) => r.trim()));
  }

  get playground(): boolean {
    return this.GRAPHQL_PLAYGROUND ?? this.NODE_ENV !== 'production';
  }
}

export class ConfigError extends Error {}

const REPLACED: Record<string, string> = {
  LOGIN_LOCKOUT_MINUTES: 'failed sign-ins now wait LOGIN_BACKOFF_SECONDS, doubling with each further failure up to LOGIN_BACKOFF_MAX_MINUTES',
};

/**
 * Reads and validates configuration once; a bad value stops the start with a message naming it.
 * The embedded demo may run without JWT_SECRET (a random one per start); a real database may not.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig()).concat([
    'DATABASE_URL',
    'MIGRATION_DATABASE_URL',
    'DATABASE_SCHEMA',
    'JWT_SECRET',
    'SEED_DEMO',
    'REDIS_URL',
    'TRUST_PROXY',
    'NODE_ENV',
    'GRAPHQL_INTROSPECTION',
    'GRAPHQL_PLAYGROUND',
    'CORS_ORIGINS',
    'AUDIT_DIGEST_FILE',
    'SMTP_URL',
    'PUBLIC_URL',
  ]);
  // A setting whose meaning changed must not be ignored in silence: the operator would believe it applies.
  for (const [old, instead] of Object.entries(REPLACED)) {
    if (env[old] !== undefined && env[old] !== '') throw new ConfigError(`Invalid configuration:\n  ${old}: no longer read; ${instead}`);
  }
  const picked = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.includes(k) && v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, picked);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (config.MIGRATION_DATABASE_URL && !config.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  MIGRATION_DATABASE_URL: goes with DATABASE_URL (the embedded database has one role)');
  }
  if (config.API_WORKERS > 1 && (config.embedded || !config.REDIS_URL)) {
    throw new ConfigError('Invalid configuration:\n  API_WORKERS: above 1 needs DATABASE_URL (PostgreSQL) and REDIS_URL (live events across processes)');
  }
  if (config.CORS_ORIGINS) {
    try {
      corsOrigins(config.CORS_ORIGINS);
    } catch {
      throw new ConfigError('Invalid configuration:\n  CORS_ORIGINS: an origin in it is not a URL (a port above 65535, or a malformed IPv6 address)');
    }
  }
  if (!config.JWT_SECRET) {
    if (!config.embedded) throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required when DATABASE_URL is set');
    config.JWT_SECRET = randomBytes(32).toString('hex');
  }
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** TRUST_PROXY as Express takes it: a hop count, or the list of trusted addresses and ranges. */
export function trustProxy(value: string): number | string[] {
  return /^\d+$/.test(value) ? Number(value) : value.split(',').map((s) => s.trim());
}

/** CORS_ORIGINS as browsers write an Origin header: lower-case, without the scheme's default port. */
export function corsOrigins(value: string): string[] {
  return value.split(',').map((origin) => new URL(origin.trim()).origin);
}
