import { ConfigError, corsOrigins, loadConfig, trustProxy } from './config.js';

describe('loadConfig', () => {
  it('gives the documented defaults on the embedded database, with a random JWT secret', () => {
    const c = loadConfig({});
    expect(c.embedded).toBe(true);
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./.data');
    expect(c.JWT_SECRET).toHaveLength(64);
    expect(loadConfig({}).JWT_SECRET).not.toBe(c.JWT_SECRET);
    expect(c.EMBEDDED_SHARED_BUFFERS_MB).toBe(32);
    expect(loadConfig({ EMBEDDED_SHARED_BUFFERS_MB: '128' }).EMBEDDED_SHARED_BUFFERS_MB).toBe(128);
  });

  it('reads and converts values', () => {
    const c = loadConfig({ PORT: '8080', SEED_DEMO: 'false', LOGIN_MAX_FAILURES: '3', DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: 's'.repeat(32) });
    expect(c).toMatchObject({ PORT: 8080, SEED_DEMO: false, LOGIN_MAX_FAILURES: 3, embedded: false });
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', TRUST_PROXY: 'loopback, 10.0.0.0/8' })).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
    });
  });

  it('gives the sign-in limits their documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      LOGIN_MAX_FAILURES: 5,
      LOGIN_MAX_FAILURES_PER_EMAIL: 20,
      LOGIN_MAX_FAILURES_PER_IP: 100,
      LOGIN_BACKOFF_SECONDS: 60,
      LOGIN_BACKOFF_MAX_MINUTES: 60,
    });
  });

  it('gives the request limits their documented defaults, and reads them', () => {
    expect(loadConfig({})).toMatchObject({
      GRAPHQL_MAX_DEPTH: 10,
      GRAPHQL_MAX_ALIASES: 15,
      GRAPHQL_MAX_DIRECTIVES: 50,
      GRAPHQL_MAX_TOKENS: 2000,
      GRAPHQL_MAX_COST: 20_000,
      REQUEST_MAX_AUDIT_ROWS: 5000,
      EXPORT_MAX_ROWS: 100_000,
      DATABASE_STATEMENT_TIMEOUT_MS: 15_000,
    });
    expect(loadConfig({ GRAPHQL_MAX_COST: '50000', DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toMatchObject({
      GRAPHQL_MAX_COST: 50_000,
      DATABASE_STATEMENT_TIMEOUT_MS: 0,
    });
  });

  it('opens introspection and the playground unless NODE_ENV is production, or as GRAPHQL_INTROSPECTION / GRAPHQL_PLAYGROUND say', () => {
    expect(loadConfig({})).toMatchObject({ introspection: true, playground: true });
    expect(loadConfig({ NODE_ENV: 'development' })).toMatchObject({ introspection: true, playground: true });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: false, playground: false });
    expect(loadConfig({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'true', GRAPHQL_PLAYGROUND: '1' })).toMatchObject({
      introspection: true,
      playground: true,
    });
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'false', GRAPHQL_PLAYGROUND: '0' })).toMatchObject({ introspection: false, playground: false });
  });

  it('suppresses counts below 5 in anonymised summaries unless REPORT_SUPPRESSION_THRESHOLD says otherwise', () => {
    expect(loadConfig({}).REPORT_SUPPRESSION_THRESHOLD).toBe(5);
    expect(loadConfig({ REPORT_SUPPRESSION_THRESHOLD: '10' }).REPORT_SUPPRESSION_THRESHOLD).toBe(10);
  });

  it('reads TRUST_PROXY as Express takes it', () => {
    expect(trustProxy('2')).toBe(2);
    expect(trustProxy('loopback, 10.0.0.0/8,fd00::/8')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8']);
  });

  it('reads CORS_ORIGINS as browsers send an Origin: lower case, no default port; unset means none', () => {
    expect(loadConfig({}).CORS_ORIGINS).toBeUndefined();
    const c = loadConfig({ CORS_ORIGINS: 'https://Partners.Example.org:443, http://localhost:5173' });
    expect(corsOrigins(c.CORS_ORIGINS!)).toEqual(['https://partners.example.org', 'http://localhost:5173']);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ CORS_ORIGINS: '*' }, /CORS_ORIGINS must be a comma-separated list of origins/],
    [{ CORS_ORIGINS: 'https://partners.example.org/app' }, /CORS_ORIGINS must be/],
    [{ CORS_ORIGINS: 'partners.example.org' }, /CORS_ORIGINS must be/],
    [{ CORS_ORIGINS: 'https://a.example.org,' }, /CORS_ORIGINS must be/],
    [{ CORS_ORIGINS: 'https://a.example.org:99999' }, /CORS_ORIGINS: an origin in it is not a URL/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ URL/],
    [{ DATABASE_URL: 'postgres://u@h/db' }, /JWT_SECRET: required when DATABASE_URL is set/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ DATABASE_SCHEMA: 'Robert"; DROP' }, /DATABASE_SCHEMA/],
    [{ REDIS_URL: 'localhost:6379' }, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    [{ TRUST_PROXY: 'true' }, /TRUST_PROXY must be a number of hops/],
    [{ API_WORKERS: '0' }, /API_WORKERS must not be less than 1/],
    [{ API_WORKERS: '2' }, /API_WORKERS: above 1 needs DATABASE_URL/],
    [
      { API_WORKERS: '2', DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: 'x'.repeat(32) },
      /API_WORKERS: above 1 needs DATABASE_URL \(PostgreSQL\) and REDIS_URL/,
    ],
    [{ TRUST_PROXY: '10.0.0.0/8; rm' }, /TRUST_PROXY/],
    [{ LOGIN_BACKOFF_SECONDS: '0' }, /LOGIN_BACKOFF_SECONDS/],
    [{ GRAPHQL_MAX_DEPTH: '1' }, /GRAPHQL_MAX_DEPTH/],
    [{ GRAPHQL_MAX_COST: 'lots' }, /GRAPHQL_MAX_COST/],
    [{ GRAPHQL_MAX_TOKENS: '10' }, /GRAPHQL_MAX_TOKENS/],
    [{ REQUEST_MAX_AUDIT_ROWS: '0' }, /REQUEST_MAX_AUDIT_ROWS/],
    [{ EMBEDDED_SHARED_BUFFERS_MB: '4' }, /EMBEDDED_SHARED_BUFFERS_MB/],
    [{ EMBEDDED_SHARED_BUFFERS_MB: 'lots' }, /EMBEDDED_SHARED_BUFFERS_MB/],
    [{ EXPORT_MAX_ROWS: '-1' }, /EXPORT_MAX_ROWS/],
    [{ REPORT_SUPPRESSION_THRESHOLD: '1' }, /REPORT_SUPPRESSION_THRESHOLD/],
    [{ REPORT_SUPPRESSION_THRESHOLD: 'five' }, /REPORT_SUPPRESSION_THRESHOLD must be a whole number/],
    [{ DATABASE_STATEMENT_TIMEOUT_MS: '1.5' }, /DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds/],
    [{ GRAPHQL_INTROSPECTION: 'yes' }, /GRAPHQL_INTROSPECTION must be true or false/],
    [{ GRAPHQL_PLAYGROUND: 'off' }, /GRAPHQL_PLAYGROUND must be true or false/],
    [{ LOGIN_LOCKOUT_MINUTES: '15' }, /LOGIN_LOCKOUT_MINUTES: no longer read; failed sign-ins now wait LOGIN_BACKOFF_SECONDS/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => loadConfig(env as Record<string, string>)).toThrow(message);
  });
});
