import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { runBuiltBin } from '@truffle-spawn/test-utils/run-built-bin';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPAWN_BIN } from './_bins.ts';
import { inventory } from './_inventory.ts';

// The built spawn binary (pnpm build) against moto: the job commands' bad input and spawn wait's
// exit codes as a script sees them.
const moto = useMoto();
const cli = (args: string[], env: Record<string, string> = {}) =>
  runBuiltBin(SPAWN_BIN, args, { ...moto.env, ...env });
const base = ['-t', 't3.micro', '--ttl', '1h', '--ssh-cidr', '203.0.113.7/32'];

describe('spawn run / wait (built binary, moto)', { timeout: 60_000 }, () => {
  beforeAll(() => assertBuilt('core', 'spawn'));

  it.each([
    ['--count 0', ['--count', '0', '--', 'true']],
    ['--count 1000', ['--yes', '--count', '1000', '--', 'true']],
    ['--on-complete explode', ['--on-complete', 'explode', '--', 'true']],
    ['a missing script', ['--yes', '--', './missing.sh']],
    ['--sync of a missing directory', ['--yes', '--sync', '/nonexistent-dir', '--', 'true']],
    ['--env KEY=VALUE', ['--yes', '--env', 'TOKEN=x', '--', 'true']],
  ])('%s: exit 2, one error record, nothing created', async (_, extra) => {
    const r = await cli(['run', ...base, ...extra]);
    expect(r.code).toBe(2);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error' })]);
    expect(r.stderr).not.toMatch(/Internal error|at .*\.(c?js|ts):\d+/);
    expect((await inventory()).instances).toEqual([]);
  });

  it("wait exits with the job's exit code, and prints the job record", async () => {
    const ec2 = new EC2Client({ region: 'us-east-1' });
    const id = await launchTestInstance(ec2, {
      Name: 'e2e-job',
      'spawn:managed': 'true',
      'spawn:job': 'running',
    });
    await ec2.send(
      new CreateTagsCommand({
        Resources: [id],
        Tags: [
          { Key: 'spawn:job', Value: 'failed' },
          { Key: 'spawn:job-exit', Value: '3' },
        ],
      }),
    );
    const r = await cli(['wait', 'e2e-job', '--interval', '1s']);
    expect(r.code).toBe(3);
    expect(r.records[0]).toMatchObject({ v: 1, type: 'job', name: 'e2e-job', state: 'failed', exitCode: 3 });
    expect(r.records[1]).toMatchObject({ type: 'error', code: 'JOB_FAILED' });
  });
});
