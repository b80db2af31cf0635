import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { createInstance, describeInstance, runSpawnBin, tagsOf, tempHome } from './_lifecycle-fixtures.ts';

const moto = useMoto();
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('spawn extend / stop / start / hibernate through the built binary (moto)', {
  timeout: 120_000,
}, () => {
  it('extend moves spawn:expires-at forward from the current expiry; --to sets it', async () => {
    await using home = await tempHome();
    const expiry = Date.parse('2099-01-01T10:00:00Z');
    const id = await createInstance({ name: 'ext', tags: { 'spawn:expires-at': iso(expiry) } });
    const run = await runSpawnBin(moto, home.dir, ['extend', 'ext', '2h30m']);
    expect(run.code, run.stderr).toBe(0);
    expect((await tagsOf(id))['spawn:expires-at']).toBe('2099-01-01T12:30:00Z');
    expect(run.records).toEqual([
      expect.objectContaining({ type: 'instance', expiresAt: '2099-01-01T12:30:00Z' }),
    ]);
    expect(run.stderr).toContain('ext now expires at 2099-01-01T12:30:00Z');

    const to = await runSpawnBin(moto, home.dir, ['extend', id, '--to', '2099-02-01T00:00:00Z']);
    expect(to.code, to.stderr).toBe(0);
    expect((await tagsOf(id))['spawn:expires-at']).toBe('2099-02-01T00:00:00Z');
  });

  it('an expired deadline is extended from now, never into the past', async () => {
    await using home = await tempHome();
    const id = await createInstance({ name: 'late', tags: { 'spawn:expires-at': '2001-01-01T00:00:00Z' } });
    const before = Date.now();
    const run = await runSpawnBin(moto, home.dir, ['extend', 'late', '1h']);
    expect(run.code, run.stderr).toBe(0);
    const next = Date.parse((await tagsOf(id))['spawn:expires-at'] ?? '');
    expect(next).toBeGreaterThanOrEqual(before + H - 1000);
    expect(next).toBeLessThanOrEqual(Date.now() + H);
  });

  it.each([
    [['extend', 'x', '2x'], 'INVALID_DURATION'],
    [['extend', 'x', '0h'], 'INVALID_DURATION'],
    [['extend', 'x', '-1h'], undefined],
    [['extend', 'x'], 'USAGE'],
    [['extend', 'x', '1h', '--to', '2099-01-01T00:00:00Z'], 'USAGE'],
    [['extend', 'x', '--to', 'next tuesday'], 'INVALID_INPUT'],
  ])('bad input %j exits 2 before touching AWS', async (args, code) => {
    await using home = await tempHome();
    const id = await createInstance({ name: 'x', tags: { 'spawn:expires-at': '2099-01-01T10:00:00Z' } });
    const run = await runSpawnBin(moto, home.dir, args);
    expect(run.code, run.stderr).toBe(2);
    if (code) expect(run.records).toEqual([expect.objectContaining({ type: 'error', code })]);
    expect((await tagsOf(id))['spawn:expires-at']).toBe('2099-01-01T10:00:00Z');
  });

  it('stop pauses the TTL in spawn:ttl-remaining; start restores expires-at = now + remaining', async () => {
    await using home = await tempHome();
    const id = await createInstance({ name: 'pause', tags: { 'spawn:expires-at': iso(Date.now() + 3 * H) } });
    const stop = await runSpawnBin(moto, home.dir, ['stop', 'pause']);
    expect(stop.code, stop.stderr).toBe(0);
    expect((await describeInstance(id)).State?.Name).toBe('stopped');
    const paused = await tagsOf(id);
    expect(paused['spawn:expires-at']).toBeUndefined();
    expect(paused['spawn:ttl-remaining']).toMatch(/^2h59m|^3h$/);
    expect(stop.stderr).toMatch(/still pays for its disk: \d+ GiB of EBS ≈ \$\d+\.\d\d\/month \(estimate/);
    expect(stop.records).toEqual([
      expect.objectContaining({ state: 'stopped', ttlRemaining: paused['spawn:ttl-remaining'] }),
    ]);

    const list = await runSpawnBin(moto, home.dir, ['list', '-o', 'table', '--region', 'us-east-1']);
    expect(list.stdout).toMatch(/pause .* stopped .* (2h59m|3h) paused/);

    const startedAt = Date.now();
    const start = await runSpawnBin(moto, home.dir, ['start', 'pause']);
    expect(start.code, start.stderr).toBe(0);
    expect((await describeInstance(id)).State?.Name).toBe('running');
    const resumed = await tagsOf(id);
    expect(resumed['spawn:ttl-remaining']).toBeUndefined();
    const remaining = paused['spawn:ttl-remaining'] === '3h' ? 3 * H : 3 * H - 60_000;
    const expires = Date.parse(resumed['spawn:expires-at'] ?? '');
    expect(expires).toBeGreaterThanOrEqual(startedAt + remaining - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + remaining);
    expect(start.stderr).toContain('TTL resumed');
  });

  it('hibernate is refused for an instance launched without hibernation; it keeps running', async () => {
    await using home = await tempHome();
    const id = await createInstance({ name: 'nohib', tags: { 'spawn:expires-at': '2099-01-01T10:00:00Z' } });
    const run = await runSpawnBin(moto, home.dir, ['hibernate', 'nohib']);
    expect(run.code).toBe(1);
    expect(run.records).toEqual([expect.objectContaining({ type: 'error', code: 'INVALID_STATE' })]);
    expect(run.stderr).toContain('spawn stop nohib');
    expect((await describeInstance(id)).State?.Name).toBe('running');
    expect((await tagsOf(id))['spawn:expires-at']).toBe('2099-01-01T10:00:00Z');
  });

  it('hibernate works for an instance launched with hibernation and pauses its TTL', async () => {
    await using home = await tempHome();
    const id = await createInstance({
      name: 'hib',
      hibernate: true,
      tags: { 'spawn:expires-at': iso(Date.now() + H) },
    });
    const run = await runSpawnBin(moto, home.dir, ['hibernate', 'hib']);
    expect(run.code, run.stderr).toBe(0);
    expect((await describeInstance(id)).State?.Name).toBe('stopped');
    expect((await tagsOf(id))['spawn:ttl-remaining']).toMatch(/^(59m|1h)$/);
  });
});
