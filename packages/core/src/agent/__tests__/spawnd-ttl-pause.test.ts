import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { startFakeImds } from '@truffle-spawn/test-utils/fake-imds';
import { launchTestInstance as launchInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pausedTtlMs, startTagChanges } from '../../lifecycle/ttl.ts';
import { TAG } from '../../tags.ts';
import { describeOwnTags } from '../instance-ec2.ts';
import {
  ensureSpawndBuilt,
  makeSandbox,
  ownEc2,
  quietProc,
  startSpawnd,
  waitForState,
} from './spawnd-harness.ts';

// TTL across stops done by spawnd itself and starts done outside `spawn start`: the built x64
// executable against moto and the fake IMDS, with the tags `spawn stop`/`spawn start` use.
const moto = useMoto();
let exe: string;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  exe = (await ensureSpawndBuilt()).x64;
}, 600_000);
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MIN = 60_000;
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function run(tags: Record<string, string>) {
  const ec2 = new EC2Client({ region: 'us-east-1' });
  const id = await launchInstance(ec2, tags);
  const imds = await startFakeImds({ instanceId: id, region: 'us-east-1' });
  cleanups.push(() => imds.close());
  const sandbox = await makeSandbox();
  cleanups.push(() => sandbox.cleanup());
  const proc = await quietProc(join(sandbox.dir, 'proc'));
  cleanups.push(() => proc.stop());
  const daemon = startSpawnd([exe], {
    ...moto.env,
    ...sandbox.env,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
  });
  cleanups.push(() => daemon.kill9());
  return { ec2, id, daemon };
}

describe('spawnd pauses the TTL when it stops the instance', () => {
  it('idle stop: the time left moves to spawn:ttl-remaining, spawn:expires-at goes', async () => {
    const { ec2, id, daemon } = await run({
      [TAG.expiresAt]: isoSeconds(Date.now() + 125 * MIN),
      [TAG.idleTimeout]: '3s',
      [TAG.onIdle]: 'stop',
    });
    await waitForState(ec2, id, 'stopped', 20_000).catch((e) => {
      throw new Error(`${e}\n${daemon.stderr()}`);
    });
    // Two writes (CreateTags for the pause, then DeleteTags for the deadline): wait for both.
    await expect.poll(() => pausedTags(id), { timeout: 5000 }).toMatchObject({ gone: true });
    const tags = await describeOwnTags(ownEc2(), id);
    expect(tags[TAG.ttlRemaining]).toMatch(/^2h(4|5)m$/);
    expect(tags[TAG.expiresAt]).toBeUndefined();
    // What `spawn start` will do with it: resume about 2h05m from then.
    const resumed = startTagChanges(tags, Date.parse('2030-01-01T00:00:00Z')).set[TAG.expiresAt];
    expect(resumed).toMatch(/^2030-01-01T02:0(4|5):00Z$/);
  });

  it('TTL end with on-expire=stop: paused at 0s', async () => {
    const { ec2, id, daemon } = await run({
      [TAG.expiresAt]: isoSeconds(Date.now() + 2000),
      [TAG.onExpire]: 'stop',
      [TAG.idleTimeout]: 'off',
    });
    await waitForState(ec2, id, 'stopped', 20_000).catch((e) => {
      throw new Error(`${e}\n${daemon.stderr()}`);
    });
    await expect.poll(() => pausedTags(id), { timeout: 5000 }).toMatchObject({ gone: true, remaining: '0s' });
  });

  it('terminate leaves the TTL tags alone', async () => {
    const expiresAt = isoSeconds(Date.now() + 1000);
    const { ec2, id } = await run({ [TAG.expiresAt]: expiresAt, [TAG.idleTimeout]: 'off' });
    await waitForState(ec2, id, 'terminated', 20_000);
    const tags = await describeOwnTags(ownEc2(), id);
    expect(tags[TAG.expiresAt]).toBe(expiresAt);
    expect(tags[TAG.ttlRemaining]).toBeUndefined();
  });
});

describe('spawnd resumes a paused TTL at start (instance started from the console)', () => {
  it('restores spawn:expires-at = now + remaining and deletes spawn:ttl-remaining', async () => {
    const before = Date.now();
    const { id, daemon } = await run({ [TAG.ttlRemaining]: '1h30m', [TAG.idleTimeout]: 'off' });
    // Two writes (CreateTags for the deadline, then DeleteTags for the pause): wait for both.
    await expect
      .poll(
        async () => {
          const t = await describeOwnTags(ownEc2(), id);
          return t[TAG.expiresAt] !== undefined && t[TAG.ttlRemaining] === undefined;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const after = Date.now();
    const tags = await describeOwnTags(ownEc2(), id);
    const at = Date.parse(tags[TAG.expiresAt] ?? '');
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 90 * MIN);
    expect(at).toBeLessThanOrEqual(after + 90 * MIN);
    expect(tags[TAG.ttlRemaining]).toBeUndefined();
    expect(pausedTtlMs(tags)).toBeUndefined();
    await expect
      .poll(() => daemon.status(), { timeout: 10_000 })
      .toMatchObject({ nextAction: 'terminate', nextActionAt: new Date(at).toISOString() });
  });

  it('leaves a deadline spawn start already restored as it is', async () => {
    const expiresAt = isoSeconds(Date.now() + 45 * MIN);
    const { id, daemon } = await run({
      [TAG.expiresAt]: expiresAt,
      [TAG.ttlRemaining]: '3h',
      [TAG.idleTimeout]: 'off',
    });
    await expect.poll(() => daemon.status(), { timeout: 15_000 }).toBeDefined();
    const tags = await describeOwnTags(ownEc2(), id);
    expect(tags[TAG.expiresAt]).toBe(expiresAt);
    expect(tags[TAG.ttlRemaining]).toBe('3h');
  });
});

/** The pause as EC2 holds it: `gone` once the deadline tag is deleted and the remaining time written. */
async function pausedTags(id: string): Promise<{ gone: boolean; remaining?: string }> {
  const t = await describeOwnTags(ownEc2(), id);
  return {
    gone: t[TAG.expiresAt] === undefined && t[TAG.ttlRemaining] !== undefined,
    remaining: t[TAG.ttlRemaining],
  };
}
