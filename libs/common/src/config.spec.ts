import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the documented defaults on the embedded database, with a random JWT secret', () => {
    const c = loadConfig({});
    expect(c.embedded).toBe(true);
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe('./.data');
    expect(c.JWT_SECRET).toHaveLength(64);
    expect(loadConfig({}).JWT_SECRET).not.toBe(c.JWT_SECRET);
  });

  it('reads and converts values', () => {
    const c = loadConfig({ PORT: '8080', SEED_DEMO: 'false', LOGIN_MAX_FAILURES: '3', DATABASE_URL: 'postgres://u@h/db', JWT_SECRET: 's'.repeat(32) });
    expect(c).toMatchObject({ PORT: 8080, SEED_DEMO: false, LOGIN_MAX_FAILURES: 3, embedded: false });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:\/\/ URL/],
    [{ DATABASE_URL: 'postgres://u@h/db' }, /JWT_SECRET: required when DATABASE_URL is set/],
    [{ JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32 characters/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ DATABASE_SCHEMA: 'Robert"; DROP' }, /DATABASE_SCHEMA/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env as Record<string, string>)).toThrow(ConfigError);
    expect(() => loadConfig(env as Record<string, string>)).toThrow(message);
  });
});
