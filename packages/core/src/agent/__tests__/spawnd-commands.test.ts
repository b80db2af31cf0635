import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { type FakeImds, startFakeImds } from '@truffle-spawn/test-utils/fake-imds';
import { launchTestInstance as launchInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../tags.ts';
import { describeOwnTags } from '../instance-ec2.ts';
import { encodeUtmp } from '../utmp-parse.ts';
import { ensureSpawndBuilt, makeSandbox, ownEc2, quietProc, startSpawnd } from './spawnd-harness.ts';

// `spawnd status` and `spawnd extend` as a user on the instance runs them: the built x64
// executable, moto for EC2, the fake IMDSv2 for identity.
const moto = useMoto();
let exe: string;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  exe = (await ensureSpawndBuilt()).x64;
}, 600_000);
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const HOUR = 3_600_000;
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function setup(tags: Record<string, string>) {
  const ec2 = new EC2Client({ region: 'us-east-1' });
  const id = await launchInstance(ec2, tags);
  const imds: FakeImds = await startFakeImds({ instanceId: id, region: 'us-east-1' });
  cleanups.push(() => imds.close());
  const sandbox = await makeSandbox();
  cleanups.push(() => sandbox.cleanup());
  const env = { ...moto.env, ...sandbox.env, AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint };
  return { ec2, id, env, dir: sandbox.dir };
}

/** Runs the executable to completion (asynchronously: the fake IMDS answers from this process). */
function runExe(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(exe, args, { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('spawnd status (built executable)', () => {
  it('prints one JSON object: next action, when, and what keeps the instance alive', async () => {
    const expiresAt = isoSeconds(Date.now() + 2 * HOUR);
    const { id, env, dir } = await setup({ [TAG.expiresAt]: expiresAt, [TAG.onExpire]: 'stop' });
    const proc = await quietProc(join(dir, 'proc'));
    cleanups.push(() => proc.stop());
    // Someone logged in on the serial console (its process alive in the fake procfs).
    await mkdir(join(dir, 'proc', '4242'));
    await writeFile(join(dir, 'utmp'), encodeUtmp([{ pid: 4242, line: 'ttyS0', user: 'root', host: '' }]));
    const daemon = startSpawnd([exe], env);
    cleanups.push(() => daemon.kill9());
    await expect.poll(() => daemon.status(), { timeout: 15_000 }).toBeDefined();

    const r = await runExe(['status'], env);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const status = JSON.parse(lines[0] ?? '');
    expect(status).toMatchObject({
      v: 1,
      type: 'spawnd-status',
      instanceId: id,
      region: 'us-east-1',
      nextAction: 'stop',
      nextActionAt: new Date(expiresAt).toISOString(),
    });
    expect(status.keptAliveBy).toContain('1 interactive session(s)');
    expect(status.signals.map((s: { name: string }) => s.name)).toEqual(['cpu', 'network', 'sessions']);
  }, 40_000);

  it('without a running daemon: exit 1, a hint, and no stack', async () => {
    const { env } = await setup({ [TAG.managed]: 'true' });
    const r = await runExe(['status'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No spawnd status at .*status\.json/);
    expect(r.stderr).toContain('systemctl status spawnd');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(r.stdout)).toMatchObject({ type: 'error', code: 'NOT_FOUND' });
  });
});

describe('spawnd extend (built executable)', () => {
  it('moves a future spawn:expires-at by exactly 2h in EC2', async () => {
    const current = Date.parse(isoSeconds(Date.now() + HOUR));
    const { id, env } = await setup({ [TAG.expiresAt]: isoSeconds(current) });
    const r = await runExe(['extend', '2h'], env);
    expect(r.code, r.stderr).toBe(0);
    const wanted = isoSeconds(current + 2 * HOUR);
    // Issue 14: spawnd's records carry v and type like every other protocol line.
    expect(JSON.parse(r.stdout)).toEqual({ v: 1, type: 'extended', instanceId: id, expiresAt: wanted });
    expect((await describeOwnTags(ownEc2(), id))[TAG.expiresAt]).toBe(wanted);
  });

  it('counts from now when the deadline has already passed', async () => {
    const { id, env } = await setup({ [TAG.expiresAt]: isoSeconds(Date.now() - HOUR) });
    const before = Date.now();
    const r = await runExe(['extend', '2h'], env);
    expect(r.code, r.stderr).toBe(0);
    const at = Date.parse((await describeOwnTags(ownEc2(), id))[TAG.expiresAt] ?? '');
    expect(at).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 2 * HOUR);
    expect(at).toBeLessThanOrEqual(Date.now() + 2 * HOUR);
  });

  it.each(['2x', '-1h', '0m', ''])(
    'a bad duration %j exits 2 with a clear message and no stack',
    async (bad) => {
      const expiresAt = isoSeconds(Date.now() + HOUR);
      const { id, env } = await setup({ [TAG.expiresAt]: expiresAt });
      const r = await runExe(['extend', bad], env);
      expect(r.code).toBe(2);
      // Issue 14: the same runMain/reportError path as spawn and truffle ("Error: ..." then the hint).
      expect(r.stderr).toMatch(/^Error: Invalid duration/);
      expect(r.stderr).toContain('Use a number with a unit');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(JSON.parse(r.stdout)).toMatchObject({ type: 'error', code: 'INVALID_DURATION' });
      expect((await describeOwnTags(ownEc2(), id))[TAG.expiresAt]).toBe(expiresAt);
    },
  );
});

describe('spawnd extend off an instance', () => {
  it('IMDS unreachable: exit 1 with a hint towards `spawn extend`, no stack', async () => {
    const r = await runExe(['extend', '2h'], {
      ...moto.env,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: 'http://127.0.0.1:9',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('spawn extend <instance> 2h');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
