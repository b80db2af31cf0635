import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { runBuiltBin } from '@truffle-spawn/test-utils/run-built-bin';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPAWN_BIN } from './_bins.ts';
import { inventory } from './_inventory.ts';

// Issue 15, "Spot that does not surprise", through the built bin (stdout is a pipe: NDJSON records).
const moto = useMoto();
const LAUNCH = ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'running'];

describe('spawn --spot (built bin, moto)', { timeout: 60_000 }, () => {
  beforeAll(() => assertBuilt('core', 'spawn'));

  it('--max-price without --spot: exit 2, an error record, nothing created', async () => {
    const r = await runBuiltBin(SPAWN_BIN, [...LAUNCH, '--max-price', '0.1'], moto.env);
    expect(r.code).toBe(2);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'USAGE' })]);
    expect(r.stderr).toMatch(/Add --spot/);
    const inv = await inventory();
    expect([inv.instances.length, inv.keyPairs.length, inv.securityGroups.length]).toEqual([0, 0, 0]);
  });

  it('--spot --fallback-on-demand with no Spot capacity: an on-demand launch, said on stderr and in the record', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [
        {
          match: { action: 'RunInstances' },
          calls: [1],
          fault: {
            kind: 'error',
            status: 500,
            code: 'InsufficientInstanceCapacity',
            message: 'no t3.micro capacity',
          },
        },
      ],
    });
    const r = await runBuiltBin(SPAWN_BIN, [...LAUNCH, '--spot', '--fallback-on-demand'], {
      ...moto.env,
      AWS_ENDPOINT_URL: proxy.endpoint,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/launched ON-DEMAND instead \(--fallback-on-demand\)/);
    const [instance, ...rest] = (await inventory()).instances;
    expect(rest).toEqual([]);
    expect(r.records).toEqual([
      expect.objectContaining({
        type: 'launched',
        instanceId: instance?.InstanceId,
        market: 'on-demand',
        spotFallback: expect.stringContaining('EC2_CAPACITY_UNAVAILABLE'),
      }),
    ]);
  });
});
