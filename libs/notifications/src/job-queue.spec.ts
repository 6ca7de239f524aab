import { backoffMs } from './job-queue.js';
import { webhookUrlProblem } from './webhooks/signature.js';

describe('retry backoff', () => {
  it('waits the base after the first failure, doubles with each further one, and stops at the maximum', () => {
    const p = { baseMs: 30_000, maxMs: 3_600_000 };
    expect([1, 2, 3, 4, 7, 8, 20].map((n) => backoffMs(n, p))).toEqual([30_000, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000]);
  });
});

describe('webhook addresses', () => {
  it('takes https anywhere and plain http to this machine only', () => {
    expect(webhookUrlProblem('https://partner.example/hooks/safer')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook')).toBeNull();
    expect(webhookUrlProblem('http://localhost/hook')).toBeNull();
    expect(webhookUrlProblem('http://[::1]:9000/hook')).toBeNull();
    expect(webhookUrlProblem('http://partner.example/hook')).toMatch(/https/);
    expect(webhookUrlProblem('http://127.0.0.1.partner.example/hook')).toMatch(/https/);
    expect(webhookUrlProblem('https://u:p@partner.example/hook')).toMatch(/user or password/);
    expect(webhookUrlProblem('https://partner.example/hook#x')).toMatch(/fragment/);
    expect(webhookUrlProblem('javascript:alert(1)')).toMatch(/https/);
    expect(webhookUrlProblem('/relative')).toMatch(/absolute/);
  });
});
