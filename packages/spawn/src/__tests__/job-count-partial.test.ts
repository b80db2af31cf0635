import { EC2Client } from '@aws-sdk/client-ec2';
import { UserError } from '@truffle-spawn/core';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { instanceState } from '../../../core/src/agent/__tests__/spawnd-harness.ts';
import { runSpawn } from './_launch-test-io.ts';

// --count members: the single launch is mocked (its real path is covered against moto elsewhere);
// a member that "launches" is a real moto instance, so the rollback is seen terminating it in
// moto. The AZs a member is retried in come from moto's DescribeInstanceTypeOfferings.
useMoto();
const launched: string[] = [];
const seen: { name?: string; index: number; group?: string; az?: string }[] = [];
/** Throws to refuse a launch; `undefined` az is spawn's own pick. */
let refuse: (index: number, az: string | undefined) => void = () => undefined;
let inFlight = 0;
let maxInFlight = 0;
vi.mock('../commands/launch.ts', () => ({
  launchCommand: async (
    _ctx: unknown,
    input: { name?: string; az?: string },
    o: { job: { indexOffset: number; group?: string } },
  ) => {
    seen.push({ name: input.name, index: o.job.indexOffset, group: o.job.group, az: input.az });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 30));
      refuse(o.job.indexOffset, input.az);
      const id = await launchTestInstance(new EC2Client({ region: 'us-east-1' }), {
        Name: input.name ?? '',
        'spawn:managed': 'true',
      });
      launched.push(id);
      return {
        plan: { spec: { name: input.name, region: 'us-east-1', user: 'ec2-user', az: input.az } },
        instance: { instanceId: id },
      };
    } finally {
      inFlight--;
    }
  },
}));
const argv = (count: number, ...extra: string[]) => [
  'run',
  '-t',
  't3.micro',
  '--yes',
  '--count',
  String(count),
  '--name',
  'p',
  '--wait',
  'none',
  ...extra,
  '--',
  'true',
];
const noRoom = () => {
  throw new UserError('EC2_CAPACITY_UNAVAILABLE', 'no t3.micro capacity left');
};
const ec2 = () => new EC2Client({ region: 'us-east-1' });

describe('spawn run --count: a partial launch', () => {
  beforeEach(() => {
    launched.length = 0;
    seen.length = 0;
    maxInFlight = 0;
    refuse = (index) => (index >= 1 ? noRoom() : undefined);
  });

  it('without --partial: every AZ tried, then the launched one is terminated; the capacity error is the exit code', {
    timeout: 60_000,
  }, async () => {
    const run = await runSpawn(argv(3));
    expect(run.code, run.stderr).toBe(5);
    // spawn's own pick (the first AZ), then each other AZ offering t3.micro in order (moto has
    // none in us-east-1e); the member that fails first has tried them all.
    const tried = (name: string) => seen.filter((s) => s.name === name).map((s) => s.az);
    const all = [undefined, 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1f'];
    for (const name of ['p-1', 'p-2']) expect(all.slice(0, tried(name).length)).toEqual(tried(name));
    expect([tried('p-1'), tried('p-2')]).toContainEqual(all);
    expect(run.stderr).toContain('p-1: no t3.micro capacity left\n  Trying us-east-1b.');
    expect(run.stderr).toMatch(/Instance [12] of 3 failed; terminating the 1 launched: p-0/);
    expect(launched).toHaveLength(1);
    expect(['shutting-down', 'terminated']).toContain(await instanceState(ec2(), launched[0] ?? ''));
  });

  it('with --partial: kept, and said so', { timeout: 60_000 }, async () => {
    const run = await runSpawn(argv(3, '--partial'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Only 1 of 3 launched (p-0); kept (--partial).');
    expect(await instanceState(ec2(), launched[0] ?? '')).toBe('running');
  });

  it('the first AZ has no room for a member: it lands in the next one, nothing rolled back', {
    timeout: 60_000,
  }, async () => {
    refuse = (index, az) => (index === 1 && (az === undefined || az === 'us-east-1a') ? noRoom() : undefined);
    const run = await runSpawn(argv(3));
    expect(run.code, run.stderr).toBe(0);
    expect(seen.filter((s) => s.name === 'p-1').map((s) => s.az)).toEqual([undefined, 'us-east-1b']);
    expect(seen.filter((s) => s.name !== 'p-1').map((s) => s.az)).toEqual([undefined, undefined]);
    expect(launched).toHaveLength(3);
    for (const id of launched) expect(await instanceState(ec2(), id)).toBe('running');
    expect(run.stderr).not.toContain('terminating');
  });

  it('members launch concurrently, at most 4 at a time', { timeout: 60_000 }, async () => {
    refuse = () => undefined;
    const run = await runSpawn(argv(9));
    expect(run.code, run.stderr).toBe(0);
    expect(maxInFlight).toBe(4);
    expect(seen.map((s) => s.index).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(launched).toHaveLength(9);
  });

  it('Ctrl-C while members launch: no new one starts, and those launched are terminated', {
    timeout: 60_000,
  }, async () => {
    const ctrlC = new AbortController();
    refuse = (index) => (index === 0 ? ctrlC.abort() : undefined);
    const run = await runSpawn(argv(6), { signal: ctrlC.signal });
    expect(run.code).toBe(130);
    expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 3]);
    expect(launched).toHaveLength(4);
    for (const id of launched)
      expect(['shutting-down', 'terminated']).toContain(await instanceState(ec2(), id));
  });

  it('a non-capacity failure is never retried in another AZ, and rolls back even with --partial', {
    timeout: 60_000,
  }, async () => {
    refuse = (index) => {
      if (index === 2) throw new UserError('UNAUTHORIZED_OPERATION', 'not allowed');
    };
    const run = await runSpawn(argv(3, '--partial'));
    expect(run.code).toBe(4);
    expect(seen.filter((s) => s.name === 'p-2').map((s) => s.az)).toEqual([undefined]);
    expect(run.stderr).toContain('Instance 2 of 3 failed; terminating the 2 launched: p-0, p-1');
    for (const id of launched)
      expect(['shutting-down', 'terminated']).toContain(await instanceState(ec2(), id));
  });
});
