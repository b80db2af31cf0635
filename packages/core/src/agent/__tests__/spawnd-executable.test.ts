import { join } from 'node:path';
import { CreateTagsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { type FakeImds, startFakeImds } from '@truffle-spawn/test-utils/fake-imds';
import { launchTestInstance as launchInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../tags.ts';
import { describeOwnTags } from '../instance-ec2.ts';
import { decodeStatusTag } from '../status-tag.ts';
import {
  ensureSpawndBuilt,
  instanceState,
  makeSandbox,
  ownEc2,
  QEMU_LIBS,
  quietProc,
  requireQemu,
  type SpawndRun,
  startSpawnd,
  waitForState,
} from './spawnd-harness.ts';

// The real single executables against moto (EC2) and a fake IMDSv2; moto has no IMDS of its own.
const moto = useMoto();
let exe: { x64: string; arm64: string };
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  exe = await ensureSpawndBuilt();
}, 600_000);

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function setup(tags: Record<string, string>, command?: string[]) {
  const ec2 = new EC2Client({ region: 'us-east-1' });
  const id = await launchInstance(ec2, tags);
  const imds: FakeImds = await startFakeImds({ instanceId: id, region: 'us-east-1' });
  cleanups.push(() => imds.close());
  const sandbox = await makeSandbox();
  cleanups.push(() => sandbox.cleanup());
  const proc = await quietProc(join(sandbox.dir, 'proc'));
  cleanups.push(() => proc.stop());
  const env = { ...moto.env, ...sandbox.env, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint };
  const runs: SpawndRun[] = [];
  const start = () => {
    const run = startSpawnd(command ?? [exe.x64], env);
    runs.push(run);
    cleanups.push(() => run.kill9());
    return run;
  };
  return { ec2, id, imds, start, runs };
}

describe('spawnd executable (x64) against moto', () => {
  it('terminates the instance when its TTL is reached', async () => {
    const expiresAt = inSeconds(3);
    const { ec2, id, start } = await setup({ [TAG.expiresAt]: expiresAt, [TAG.idleTimeout]: '1h' });
    const run = start();
    const at = await waitForState(ec2, id, 'terminated', 20_000).catch((e) => {
      throw new Error(`${e}\n${run.stderr()}`);
    });
    expect(at).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    // Logged after TerminateInstances returns, so it can arrive just after moto shows the state.
    await expect.poll(() => run.stderr(), { timeout: 5_000 }).toMatch(/terminate requested/);
    // The executable's flags expose gc() for the heap compaction between cycles (build-spawnd.ts).
    expect(run.stderr()).toMatch(/heap compaction on\b/);
  });

  it('stops the instance when idle with spawn:on-idle=stop and writes a status tag', async () => {
    const { ec2, id, start } = await setup({ [TAG.idleTimeout]: '3s', [TAG.onIdle]: 'stop' });
    const run = start();
    await waitForState(ec2, id, 'stopped', 20_000).catch((e) => {
      throw new Error(`${e}\n${run.stderr()}`);
    });
    const status = decodeStatusTag((await describeOwnTags(ownEc2(), id))[TAG.status] ?? '');
    expect(status?.nextAction).toBe('stop');
  });

  it('keeps the same deadline across kill -9 and restart', { timeout: 60_000 }, async () => {
    // The deadline is set after the (sometimes slow) moto launch, so it is still ahead at start.
    const { ec2, id, start } = await setup({ [TAG.expiresAt]: inSeconds(3600), [TAG.idleTimeout]: '1h' });
    const expiresAt = inSeconds(8);
    await ec2.send(
      new CreateTagsCommand({ Resources: [id], Tags: [{ Key: TAG.expiresAt, Value: expiresAt }] }),
    );
    const first = start();
    await expect
      .poll(() => first.status(), { timeout: 10_000 })
      .toMatchObject({ nextAction: 'terminate', nextActionAt: new Date(expiresAt).toISOString() });
    await first.kill9();
    expect(await instanceState(ec2, id)).toBe('running');
    const second = start();
    const at = await waitForState(ec2, id, 'terminated', 20_000);
    expect(at).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    expect((await second.status())?.nextActionAt).toBe(new Date(expiresAt).toISOString());
  });

  it('postpones the action when the tag is extended in EC2', { timeout: 60_000 }, async () => {
    // The near deadline is set after the (sometimes slow) moto launch, so it is still ahead at start.
    const { ec2, id, start } = await setup({ [TAG.expiresAt]: inSeconds(3600), [TAG.idleTimeout]: '1h' });
    const soon = inSeconds(10);
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: TAG.expiresAt, Value: soon }] }));
    const run = start();
    await expect.poll(() => run.status(), { timeout: 10_000 }).toMatchObject({ nextActionAt: soon });
    const later = new Date(Date.now() + 1_800_000).toISOString();
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: TAG.expiresAt, Value: later }] }));
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(soon) - Date.now()) + 3_000));
    expect(await instanceState(ec2, id)).toBe('running');
    expect((await run.status())?.nextActionAt).toBe(later);
  });
});

describe('spawnd executable (arm64 under qemu)', () => {
  it('prints its version and runs one check cycle that terminates an expired instance', async () => {
    const qemu = requireQemu();
    const { spawnSync } = await import('node:child_process');
    const version = spawnSync(qemu, ['-L', QEMU_LIBS, exe.arm64, '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const { ec2, id, start } = await setup({ [TAG.expiresAt]: inSeconds(-1) }, [
      qemu,
      '-L',
      QEMU_LIBS,
      exe.arm64,
    ]);
    const run = start();
    await waitForState(ec2, id, 'terminated', 40_000).catch((e) => {
      throw new Error(`${e}\n${run.stderr()}`);
    });
  }, 60_000);
});
