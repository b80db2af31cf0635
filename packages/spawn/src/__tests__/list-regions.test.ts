import { faults, startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { createInstance, runSpawnBin, tempHome } from './_lifecycle-fixtures.ts';

const moto = useMoto();

// Issue 15: `spawn list` looks in every enabled region (one concurrent round), whatever the
// profile's or AWS_REGION's default region (us-east-1 here); --region narrows.
describe('spawn list across regions (built binary, moto)', { timeout: 180_000 }, () => {
  it('without --region: every enabled region, each asked once; --region narrows', async () => {
    await using home = await tempHome();
    const east = await createInstance({ name: 'east-box' });
    const sydney = await createInstance({ region: 'ap-southeast-2', name: 'sydney-box' });
    await using proxy = await startFaultProxy({ target: moto.endpoint, rules: [] });
    const env = { AWS_ENDPOINT_URL: proxy.endpoint };
    const all = await runSpawnBin(moto, home.dir, ['list'], env);
    expect(all.code, all.stderr).toBe(0);
    expect(all.records.map((r) => [r.instanceId, r.region])).toEqual([
      [sydney, 'ap-southeast-2'],
      [east, 'us-east-1'],
    ]);
    expect(proxy.requests.filter((r) => r.action === 'DescribeRegions')).toHaveLength(1);
    const described = proxy.requests.filter((r) => r.action === 'DescribeInstances').map((r) => r.region);
    expect(described.length).toBeGreaterThan(10);
    expect(new Set(described).size).toBe(described.length);

    const narrowed = await runSpawnBin(moto, home.dir, ['--region', 'ap-southeast-2', 'list']);
    expect(narrowed.code, narrowed.stderr).toBe(0);
    expect(narrowed.records.map((r) => r.instanceId)).toEqual([sydney]);
  });

  it('a failing region is a warning beside the other’s instances; every region failing is an error', async () => {
    await using home = await tempHome();
    const east = await createInstance({ name: 'east-box' });
    await createInstance({ region: 'eu-west-1', name: 'west-box' });
    const regions = ['--region', 'us-east-1,eu-west-1'];
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: { action: 'DescribeInstances', region: 'eu-west-1' }, fault: faults.unauthorized() }],
    });
    const some = await runSpawnBin(moto, home.dir, ['list', ...regions], {
      AWS_ENDPOINT_URL: proxy.endpoint,
    });
    expect(some.code, some.stderr).toBe(0);
    expect(some.records.map((r) => r.instanceId)).toEqual([east]);
    expect(some.stderr).toMatch(/eu-west-1: .*not authorized/i);

    proxy.clear();
    proxy.add({ match: { action: 'DescribeInstances' }, fault: faults.unauthorized() });
    const none = await runSpawnBin(moto, home.dir, ['list', ...regions], {
      AWS_ENDPOINT_URL: proxy.endpoint,
    });
    expect(none.code).toBe(4);
    expect(none.records).toEqual([expect.objectContaining({ type: 'error' })]);
  });
});
