import { startTestApp, type TestApp } from './support/test-app.js';

const UPDATE_POLICY = `mutation($i: UpdateRetentionPolicyInput!) { updateRetentionPolicy(input: $i) { recordType retainYears version } }`;

/**
 * The audit trail's own retention: only the DPO changes it (it is the evidence of everyone's access,
 * administrators' included), never below the floor of 6 years, and the database holds the floor too.
 */
describe('the audit trail retention', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    for (const who of ['admin', 'dpo']) tok[who] = await t.login(`${who}@demo.test`);
  });
  afterAll(() => t.close());

  const setAuditRetention = (who: string, retainYears: number, version = 0) =>
    t.gql(UPDATE_POLICY, { i: { recordType: 'AUDIT_EVENT', retainYears, action: 'DELETE', version } }, tok[who]);

  it('an administrator may not change it, though they manage the other policies', async () => {
    const r = await setAuditRetention('admin', 8);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await t.gql(UPDATE_POLICY, { i: { recordType: 'BAN', retainYears: 3, action: 'DELETE', version: 0 } }, tok.admin);
    expect(other.errors).toBeUndefined();
  });

  it('the DPO may not set it below 6 years, and may set it longer', async () => {
    const short = await setAuditRetention('dpo', 1);
    expect(short.errors?.[0]).toMatchObject({
      message: 'the audit trail is kept at least 6 years',
      extensions: { code: 'BAD_USER_INPUT', field: 'retainYears' },
    });
    const longer = await setAuditRetention('dpo', 10);
    expect(longer.errors).toBeUndefined();
    expect(longer.data.updateRetentionPolicy).toMatchObject({ recordType: 'AUDIT_EVENT', retainYears: 10 });
  });

  it('the database refuses a shorter audit retention written around the service', async () => {
    await expect(t.db.query(`UPDATE retention_policy SET retain_years = 2 WHERE record_type = 'AUDIT_EVENT'`)).rejects.toThrow(/at least 6 years/);
    expect((await t.db.query(`SELECT retain_years FROM retention_policy WHERE record_type = 'AUDIT_EVENT'`))[0].retain_years).toBe(10);
  });
});
