import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { type FakeImds, startFakeImds } from '@truffle-spawn/test-utils/fake-imds';
import { launchTestInstance as launchInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../tags.ts';
import { OS_TIMER_GRACE_MS } from '../os-timer.ts';
import { ensureSpawndBuilt, makeSandbox, quietProc, type SpawndRun, startSpawnd } from './spawnd-harness.ts';

// The built executable owning the OS timer (fake systemd-run/systemctl/shutdown on PATH that log
// their argv), and its fallbacks with the EC2 API black-holed (accepts connections, never answers).
const moto = useMoto();
let exe: { x64: string; arm64: string };
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  exe = await ensureSpawndBuilt();
}, 600_000);
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function sandboxWithFakes(imds: FakeImds, extraEnv: Record<string, string> = {}) {
  const sandbox = await makeSandbox();
  cleanups.push(() => sandbox.cleanup());
  const proc = await quietProc(join(sandbox.dir, 'proc'));
  cleanups.push(() => proc.stop());
  const bin = join(sandbox.dir, 'bin');
  const log = join(sandbox.dir, 'calls.log');
  await mkdir(bin, { recursive: true });
  for (const tool of ['systemd-run', 'systemctl', 'shutdown']) {
    await writeFile(join(bin, tool), `#!/bin/sh\necho "${tool} $*" >> "${log}"\n`);
    await chmod(join(bin, tool), 0o755);
  }
  const env = {
    ...moto.env,
    ...sandbox.env,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
    SPAWND_OS_TIMER: 'on',
    SPAWND_SHUTDOWN_COMMAND: `${join(bin, 'shutdown')} -h now`,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    ...extraEnv,
  };
  const calls = async () => (existsSync(log) ? (await readFile(log, 'utf8')).trim().split('\n') : []);
  const start = (): SpawndRun => {
    const run = startSpawnd([exe.x64], env);
    cleanups.push(() => run.kill9());
    return run;
  };
  return { calls, start };
}

describe('pinned checksums', () => {
  it('build:spawnd records the built executables in the pins the launcher embeds', async () => {
    const { buildSpawnd, SPAWND_PINS_FILE, spawndVersion } = await import(
      '../../../../../scripts/build-spawnd.ts'
    );
    const { pinnedSpawndChecksums } = await import('../../launch/spawnd-pins.ts');
    await buildSpawnd(); // usually up to date: then it only re-checks the stamp and rewrites the pins
    // Read from disk: the module's JSON import was loaded before this build.
    const pins = JSON.parse(await readFile(SPAWND_PINS_FILE, 'utf8'));
    const sums = async (arch: string) =>
      (await readFile(`${exe[arch as 'x64' | 'arm64']}.sha256`, 'utf8')).split(' ')[0];
    expect(pinnedSpawndChecksums(spawndVersion(), pins)).toEqual({
      x64: await sums('x64'),
      arm64: await sums('arm64'),
    });
  }, 120_000);
});

describe('spawnd executable owns the OS timer', () => {
  it('arms it for deadline + grace at start, and again after kill -9 and restart', {
    timeout: 60_000,
  }, async () => {
    const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000).toISOString();
    const id = await launchInstance(new EC2Client({ region: 'us-east-1' }), { [TAG.expiresAt]: expiresAt });
    const imds = await startFakeImds({ instanceId: id, region: 'us-east-1' });
    cleanups.push(() => imds.close());
    const t = await sandboxWithFakes(imds);
    // Each arm's delay against deadline + grace, seen from now (up to ~30 s after it was logged).
    const armed = async () =>
      (await t.calls()).filter((c) => {
        const seconds = Number(/--on-active=(\d+)s shutdown -h now$/.exec(c)?.[1]);
        const fireAt = Date.now() + seconds * 1000;
        return Math.abs(fireAt - (Date.parse(expiresAt) + OS_TIMER_GRACE_MS)) < 30_000;
      });
    const first = t.start();
    await expect.poll(armed, { timeout: 15_000 }).toHaveLength(1);
    expect((await t.calls())[0]).toBe('systemctl stop spawn-deadline.timer spawn-deadline.service');
    await first.kill9();
    t.start();
    await expect.poll(armed, { timeout: 15_000 }).toHaveLength(2);
    expect((await t.calls()).filter((c) => c.startsWith('shutdown'))).toEqual([]);
  });
});

describe('spawnd executable with the EC2 API black-holed', () => {
  it('takes an overdue deadline from metadata tags and powers off within a minute or two (was 446 s)', {
    timeout: 150_000,
  }, async () => {
    const sockets: Socket[] = [];
    const hole = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => hole.listen(0, '127.0.0.1', r));
    cleanups.push(() => {
      for (const s of sockets) s.destroy();
      hole.close();
    });
    const expired = new Date(Date.now() - 60_000).toISOString();
    const imds = await startFakeImds({ tags: { [TAG.managed]: 'true', [TAG.expiresAt]: expired } });
    cleanups.push(() => imds.close());
    const endpoint = `http://127.0.0.1:${(hole.address() as AddressInfo).port}`;
    const t = await sandboxWithFakes(imds, { AWS_ENDPOINT_URL_EC2: endpoint, AWS_ENDPOINT_URL: endpoint });
    const started = Date.now();
    const run = t.start();
    await expect
      .poll(async () => (await t.calls()).some((c) => c === 'shutdown -h now'), {
        timeout: 140_000,
        interval: 500,
      })
      .toBe(true);
    const seconds = (Date.now() - started) / 1000;
    const calls = await t.calls();
    // The OS timer went first: one minute of warning for the overdue deadline.
    expect(calls.find((c) => c.startsWith('systemd-run'))).toMatch(/--on-active=60s shutdown -h now$/);
    expect(run.stderr()).toMatch(/EC2 API unreachable .*using the spawn:\* tags from instance metadata/);
    expect(run.stderr()).toMatch(/terminate keeps failing: shutting the operating system down instead/);
    expect(seconds).toBeLessThan(120);
    process.stderr.write(`spawnd black-holed API: OS shutdown after ${seconds.toFixed(0)} s\n`);
  });
});
