import { UserError } from '@truffle-spawn/core';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runSpawn } from './_launch-test-io.ts';

const calls: string[] = [];
const fallbacks: boolean[] = [];
const failures = new Map<string, UserError>();
vi.mock('../launch/launch-target.ts', () => ({
  launchTarget: async (
    _ctx: unknown,
    target: { instanceType: string },
    opts: { fallbackOnDemand?: boolean },
  ) => {
    calls.push(target.instanceType);
    fallbacks.push(Boolean(opts.fallbackOnDemand));
    const failure = failures.get(target.instanceType);
    if (failure) throw failure;
  },
}));

const line = (instanceType: string, extra: object = {}) =>
  JSON.stringify({
    v: 1,
    type: 'offer',
    instanceType,
    region: 'us-east-1',
    vcpus: 2,
    memoryMiB: 1024,
    architecture: 'x86_64',
    market: 'on-demand',
    ...extra,
  });
const input = [line('a.large'), line('b.large'), line('c.large')].join('\n');
const argv = ['--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'none'];

describe('pipe candidates and --try-all (launch itself mocked; the real one is covered against moto)', () => {
  beforeEach(() => {
    calls.length = 0;
    fallbacks.length = 0;
    failures.clear();
  });
  it('takes only the first usable record without --try-all', async () => {
    failures.set('a.large', new UserError('EC2_CAPACITY_UNAVAILABLE', 'no room'));
    const run = await runSpawn(argv, { stdinText: input });
    expect(run.code).toBe(5);
    expect(calls).toEqual(['a.large']);
  });
  it.each(['EC2_CAPACITY_UNAVAILABLE', 'EC2_UNSUPPORTED_IN_AZ', 'SPOT_MAX_PRICE_TOO_LOW'] as const)(
    'moves on after %s',
    async (code) => {
      failures.set('a.large', new UserError(code, 'no room'));
      const run = await runSpawn([...argv, '--try-all'], { stdinText: input });
      expect(run.code, run.stderr).toBe(0);
      expect(calls).toEqual(['a.large', 'b.large']);
      expect(run.stderr).toContain('Trying the next record (line 2)');
    },
  );
  it.each([
    ['EC2_QUOTA_EXCEEDED', 6],
    ['UNAUTHORIZED_OPERATION', 4],
    ['CREDENTIALS_EXPIRED', 3],
  ] as const)('stops at %s', async (code, exit) => {
    failures.set('a.large', new UserError(code, 'stop'));
    const run = await runSpawn([...argv, '--try-all'], { stdinText: input });
    expect(run.code).toBe(exit);
    expect(calls).toEqual(['a.large']);
  });
  it('--pick chooses the Nth usable record, skipping non-launchable ones', async () => {
    const withQuota = `${JSON.stringify({ v: 1, type: 'quota', region: 'us-east-1', bucket: 'standard', market: 'on-demand', quotaCode: 'L-1216C47A', name: 'x', limitVcpus: 5 })}\n${input}`;
    const run = await runSpawn([...argv, '--pick', '2'], { stdinText: withQuota });
    expect(run.code, run.stderr).toBe(0);
    expect(calls).toEqual(['b.large']);
  });
  it('--pick beyond the records is a usage error', async () => {
    const run = await runSpawn([...argv, '--pick', '9'], { stdinText: input });
    expect(run.code).toBe(2);
    expect(calls).toEqual([]);
  });
  it('--fallback-on-demand with --try-all: on-demand only for the last record, once every record was tried on Spot', async () => {
    failures.set('a.large', new UserError('EC2_CAPACITY_UNAVAILABLE', 'no room'));
    failures.set('b.large', new UserError('SPOT_MAX_PRICE_TOO_LOW', 'no room'));
    const run = await runSpawn([...argv, '--try-all', '--fallback-on-demand'], { stdinText: input });
    expect(run.code, run.stderr).toBe(0);
    expect(calls).toEqual(['a.large', 'b.large', 'c.large']);
    expect(fallbacks).toEqual([false, false, true]);
  });
  it('--fallback-on-demand without --try-all applies to the one record launched', async () => {
    const run = await runSpawn([...argv, '--fallback-on-demand'], { stdinText: input });
    expect(run.code, run.stderr).toBe(0);
    expect(fallbacks).toEqual([true]);
  });
});
