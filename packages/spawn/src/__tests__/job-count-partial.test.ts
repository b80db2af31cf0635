import { EC2Client } from '@aws-sdk/client-ec2';
import { UserError } from '@truffle-spawn/core';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { instanceState } from '../../../core/src/agent/__tests__/spawnd-harness.ts';
import { runSpawn } from './_launch-test-io.ts';

// A partial --count launch: the single launch is mocked (its real path is covered against moto
// elsewhere). Instance 0 "launches" as a real moto instance; instance 1 fails for capacity. What
// is tested is what run does with the one that launched: the rollback terminates it in moto.
useMoto();
const launched: string[] = [];
const seen: { name?: string; index: number; group?: string }[] = [];
vi.mock('../commands/launch.ts', () => ({
  launchCommand: async (
    _ctx: unknown,
    input: { name?: string },
    o: { job: { indexOffset: number; group?: string } },
  ) => {
    seen.push({ name: input.name, index: o.job.indexOffset, group: o.job.group });
    if (o.job.indexOffset >= 1) throw new UserError('EC2_CAPACITY_UNAVAILABLE', 'no t3.micro capacity left');
    const id = await launchTestInstance(new EC2Client({ region: 'us-east-1' }), {
      Name: input.name ?? '',
      'spawn:managed': 'true',
    });
    launched.push(id);
    return {
      plan: { spec: { name: input.name, region: 'us-east-1', user: 'ec2-user' } },
      instance: { instanceId: id },
    };
  },
}));
const argv = [
  'run',
  '-t',
  't3.micro',
  '--yes',
  '--count',
  '3',
  '--name',
  'p',
  '--wait',
  'none',
  '--',
  'true',
];

describe('spawn run --count: a partial launch', () => {
  beforeEach(() => {
    launched.length = 0;
    seen.length = 0;
  });

  it('without --partial: the launched one is terminated and the capacity error is the exit code', {
    timeout: 60_000,
  }, async () => {
    const run = await runSpawn(argv);
    expect(run.code).toBe(5);
    expect(seen).toEqual([
      { name: 'p-0', index: 0, group: 'p' },
      { name: 'p-1', index: 1, group: 'p' },
    ]);
    expect(run.stderr).toContain('Instance 1 of 3 failed; terminating the 1 launched: p-0');
    expect(['shutting-down', 'terminated']).toContain(
      await instanceState(new EC2Client({ region: 'us-east-1' }), launched[0] ?? ''),
    );
  });

  it('with --partial: kept, and said so', { timeout: 60_000 }, async () => {
    const run = await runSpawn([...argv.slice(0, -2), '--partial', '--', 'true']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('Only 1 of 3 launched (p-0); kept (--partial).');
    expect(await instanceState(new EC2Client({ region: 'us-east-1' }), launched[0] ?? '')).toBe('running');
  });
});
