import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { createInstance, runSpawnBin, tempHome } from './_lifecycle-fixtures.ts';

const moto = useMoto();

describe('spawn list / name resolution through the built binary (moto)', { timeout: 120_000 }, () => {
  it('lists only spawn-managed instances of both regions, as NDJSON when piped', async () => {
    await using home = await tempHome();
    const soon = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const east = await createInstance({ name: 'east-box', tags: { 'spawn:expires-at': soon } });
    const west = await createInstance({
      region: 'eu-west-1',
      name: 'west-box',
      tags: { 'spawn:status': 'v1;s=idle;i=2030-01-01T00:00:00Z;u=2030-01-01T00:05:00Z' },
    });
    await createInstance({ name: 'not-ours', managed: false });
    await createInstance({ region: 'eu-west-1', name: 'also-not-ours', managed: false });

    const run = await runSpawnBin(moto, home.dir, ['list', '--regions', 'us-east-1,eu-west-1']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.records).toEqual([
      expect.objectContaining({
        v: 1,
        type: 'instance',
        name: 'west-box',
        instanceId: west,
        instanceType: 't3.micro',
        region: 'eu-west-1',
        state: 'running',
        launchedAt: expect.any(String),
        idleState: 'idle',
      }),
      expect.objectContaining({ name: 'east-box', instanceId: east, region: 'us-east-1', expiresAt: soon }),
    ]);
    expect(run.stdout).not.toContain('not-ours');
  });

  it('shows a table with the estimate label when asked for one', async () => {
    await using home = await tempHome();
    await createInstance({ name: 'tbl' });
    const run = await runSpawnBin(moto, home.dir, ['list', '-o', 'table', '--region', 'us-east-1']);
    expect(run.code, run.stderr).toBe(0);
    // Redirected, the table still fits 100 columns: the instance id is the first column to go.
    expect(run.stdout).toMatch(
      /^NAME\s+TYPE\s+STATE\s+REGION\/AZ\s+UPTIME\s+TIME LEFT\s+IDLE\s+ENFORCERS\s+COST \(EST\.\)\n/,
    );
    expect(run.stdout).toMatch(
      /tbl\s+t3\.micro\s+running\s+us-east-1[a-f]\s+\S+\s+no TTL\s+-\s+agent\s+\$0\.\d\d\n/,
    );
    for (const line of run.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
    expect(run.stderr).toContain('estimate');
  });

  it('an empty region says so on stderr, exits 0 and prints no records', async () => {
    await using home = await tempHome();
    await createInstance({ name: 'unmanaged', managed: false });
    const run = await runSpawnBin(moto, home.dir, ['list', '--region', 'us-east-1']);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toContain('No spawn-managed instances in us-east-1.');
    expect(run.stderr).toContain('Every enabled region: spawn list (without --region)');
  });

  it('an ambiguous name lists the candidates and exits 2 without acting', async () => {
    await using home = await tempHome();
    const a = await createInstance({ name: 'web' });
    const b = await createInstance({ region: 'eu-west-1', name: 'web' });
    const run = await runSpawnBin(moto, home.dir, ['stop', 'web', '--regions', 'us-east-1,eu-west-1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${a}  us-east-1  running`);
    expect(run.stderr).toContain(`${b}  eu-west-1  running`);
    expect(run.records).toEqual([expect.objectContaining({ type: 'error', code: 'AMBIGUOUS_NAME' })]);
    const byId = await runSpawnBin(moto, home.dir, [
      'status',
      b,
      '--regions',
      'us-east-1,eu-west-1',
      '-o',
      'ndjson',
    ]);
    expect(byId.code, byId.stderr).toBe(0);
    expect(byId.records).toEqual([expect.objectContaining({ instanceId: b, region: 'eu-west-1' })]);
  });

  it('a name only searches the resolved region; not found points to --regions all', async () => {
    await using home = await tempHome();
    await createInstance({ region: 'eu-west-1', name: 'far-away' });
    const run = await runSpawnBin(moto, home.dir, ['status', 'far-away']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No spawn-managed instance "far-away" in us-east-1');
    expect(run.stderr).toContain('spawn list --regions all');
    const there = await runSpawnBin(moto, home.dir, ['status', 'far-away', '--region', 'eu-west-1']);
    expect(there.code, there.stderr).toBe(0);
    expect(there.stderr).toMatch(/Where\s+eu-west-1[a-f]/);
    expect(there.stderr).toMatch(/TTL\s+none/);
  });

  it('an unmanaged instance cannot be addressed even by id', async () => {
    await using home = await tempHome();
    const id = await createInstance({ name: 'theirs', managed: false });
    const run = await runSpawnBin(moto, home.dir, ['terminate', id, '--yes']);
    expect(run.code).toBe(1);
    expect(run.records).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
  });
});
