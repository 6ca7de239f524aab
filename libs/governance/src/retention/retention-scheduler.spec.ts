import { ConfigError, loadConfig } from '../../../common/src/index.js';
import { RetentionScheduler } from './retention-scheduler.js';
import type { RetentionSweepService } from './retention-sweep.service.js';

describe('retention schedule', () => {
  it('is off by default and read from RETENTION_SWEEP_INTERVAL_MINUTES', () => {
    expect(loadConfig({}).RETENTION_SWEEP_INTERVAL_MINUTES).toBe(0);
    expect(loadConfig({ RETENTION_SWEEP_INTERVAL_MINUTES: '60' }).RETENTION_SWEEP_INTERVAL_MINUTES).toBe(60);
    expect(() => loadConfig({ RETENTION_SWEEP_INTERVAL_MINUTES: 'hourly' })).toThrow(ConfigError);
    expect(() => loadConfig({ RETENTION_SWEEP_INTERVAL_MINUTES: '-5' })).toThrow(/RETENTION_SWEEP_INTERVAL_MINUTES/);
  });

  it('starts no timer when off, and never runs two sweeps at once in one process', async () => {
    let calls = 0;
    let release!: () => void;
    const sweeper = {
      sweep: () => {
        calls++;
        return new Promise((r) => {
          release = () => r([]);
        });
      },
    } as unknown as RetentionSweepService;
    const off = new RetentionScheduler(loadConfig({}), sweeper);
    off.onApplicationBootstrap();
    expect((off as unknown as { timer: unknown }).timer).toBeNull();
    const first = off.tick();
    const second = off.tick();
    await second;
    expect(calls).toBe(1);
    release();
    await first;
    await off.beforeApplicationShutdown();
  });
});
