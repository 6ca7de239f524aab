import { Redis } from 'ioredis';
import { createApp, type RunningApp } from '../apps/api/create-app.js';
import { APP_CONFIG, type AppConfig } from '../libs/common/src/index.js';
import { EVENT_BUS, EVENT_CHANNEL_PREFIX, type LiveEvent, RedisEventBus } from '../libs/events/src/index.js';
import { createAgreement, demoServiceId } from './support/builders.js';
import { liveClient, untilListening } from './support/live.js';
import { testRedisUrl } from './support/redis.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const redisUrl = await testRedisUrl();
const withRedis = redisUrl ? describe : describe.skip;
// Two apps on one database need a database both can reach: PostgreSQL (the embedded one is in one process's memory).
const twoApps = redisUrl && process.env.DATABASE_URL ? describe : describe.skip;

const event = (id: string): LiveEvent => ({
  kind: 'ALARM_RAISED',
  libraryServiceId: '00000000-0000-4000-8000-000000000001',
  id,
  branchId: '00000000-0000-4000-8000-000000000002',
  userId: null,
  partnerOrganisationId: null,
  at: new Date().toISOString(),
});

/** The first event of `kinds` a bus hands its subscribers. */
const firstOn = (bus: RedisEventBus) =>
  new Promise<LiveEvent>((resolve) => {
    const off = bus.subscribe(['ALARM_RAISED'], (e) => {
      off();
      resolve(e);
    });
  });

withRedis('the Redis event bus', () => {
  let a: RedisEventBus;
  let b: RedisEventBus;
  beforeAll(async () => {
    a = await RedisEventBus.connect(redisUrl!);
    b = await RedisEventBus.connect(redisUrl!);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('an event published through one connection reaches the subscribers of another (and of its own)', async () => {
    const onB = firstOn(b);
    const onA = firstOn(a);
    const sent = event('00000000-0000-4000-8000-00000000000a');
    await a.publish(sent);
    expect(await onB).toEqual(sent);
    expect(await onA).toEqual(sent);
  });

  it('ignores a message on an event channel that is not a well-formed live event (identifiers only)', async () => {
    const raw = new Redis(redisUrl!);
    try {
      const got = firstOn(b);
      await raw.publish(`${EVENT_CHANNEL_PREFIX}ALARM_RAISED`, 'not json');
      await raw.publish(`${EVENT_CHANNEL_PREFIX}ALARM_RAISED`, JSON.stringify({ ...event('x'), codeword: 'leaked' }));
      await raw.publish(`${EVENT_CHANNEL_PREFIX}ALARM_RAISED`, JSON.stringify({ ...event('00000000-0000-4000-8000-00000000000b'), kind: 'REFERRAL_CHANGED' }));
      const sentinel = event('00000000-0000-4000-8000-00000000000c');
      await raw.publish(`${EVENT_CHANNEL_PREFIX}ALARM_RAISED`, JSON.stringify({ ...sentinel, name: 'Jo Bloggs' }));
      // Unknown fields are dropped, never passed on.
      expect(await got).toEqual(sentinel);
    } finally {
      raw.disconnect();
    }
  });

  it('a REDIS_URL that does not answer stops the start', async () => {
    await expect(RedisEventBus.connect('redis://127.0.0.1:1')).rejects.toThrow(/^REDIS_URL: cannot connect to Redis/);
  });
});

twoApps('two app instances sharing events through Redis (one PostgreSQL database)', () => {
  let one: TestApp;
  let two: RunningApp;
  beforeAll(async () => {
    one = await startTestApp({ REDIS_URL: redisUrl! });
    const config = one.running.app.get<AppConfig>(APP_CONFIG);
    two = await createApp({ ...config } as AppConfig, 0);
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('each uses the Redis bus', () => {
    expect(one.running.app.get(EVENT_BUS)).toBeInstanceOf(RedisEventBus);
    expect(two.app.get(EVENT_BUS)).toBeInstanceOf(RedisEventBus);
  });

  it('an alarm raised on one instance reaches a subscriber connected to the other', async () => {
    const demo = await demoServiceId(one.db);
    const [{ id: central }] = await one.db.query(`SELECT id FROM branch WHERE library_service_id = $1 AND name = 'Central Library'`, [demo]);
    const [{ id: manager }] = await one.db.query(`SELECT id FROM app_user WHERE email = 'manager@demo.test'`);
    const [{ partner_organisation_id: police }] = await one.db.query(`SELECT partner_organisation_id FROM app_user WHERE email = 'pcso@demo.test'`);
    const agreement = await createAgreement(one.db, { serviceId: demo, createdById: manager, categories: ['INCIDENTS'], organisationIds: [police] });
    await one.db.query(`UPDATE data_sharing_agreement SET alert_branch_ids = $2 WHERE id = $1`, [agreement, [central]]);
    const pcso = liveClient(two.url, await one.login('pcso@demo.test'));
    try {
      const sub = pcso.subscribe(`subscription($b: [ID!]!) { alarmRaised(branchIds: $b) { id codeword } }`, { b: [central] });
      await untilListening(two.app, 'ALARM_RAISED', 1);
      const r = await one.gql(
        `mutation($b: ID!) { raiseAlarm(input: { branchId: $b, codeword: "Code Blue" }) { id } }`,
        { b: central },
        await one.login('staff@demo.test'),
      );
      expect(r.errors).toBeUndefined();
      expect(await sub.next()).toEqual({ data: { alarmRaised: { id: r.data.raiseAlarm.id, codeword: 'Code Blue' } }, errors: undefined });
    } finally {
      await pcso.dispose();
    }
  });
});
