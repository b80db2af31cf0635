import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client, StartInstancesCommand } from '@aws-sdk/client-ec2';
import { TAG } from '@truffle-spawn/core';
import { describeOwnTags, JOB_RUNNER_SCRIPT, jobCommandFile } from '@truffle-spawn/core/agent';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, describe, expect, it } from 'vitest';
import { instanceState, waitForState } from '../../../core/src/agent/__tests__/spawnd-harness.ts';
import { startTestDaemon, type TestDaemon } from './_test-daemon.ts';

// spawnd's completion handling: the agent in process against moto (tags, terminate/stop) and the
// fake IMDS (identity), watching a REAL job: the runner user-data installs, run as a local child
// process on a command that waits for a file. The runner's `date` is a fake on PATH printing the
// test's clock, so the job's start and end times and spawnd's clock agree.
const moto = useMoto();
const MIN = 60_000;
const T = Date.parse('2030-06-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Job {
  dir: string;
  start(): ChildProcess;
  /** Lets the job end with `code`; resolves with the runner's exit code. */
  finish(child: ChildProcess, code: number): Promise<number | null>;
  setClock(ms: number): Promise<void>;
}

async function job(): Promise<Job> {
  const root = await mkdtemp(join(tmpdir(), 'spawn-job-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'var-lib-spawn-job');
  const bin = join(root, 'bin');
  await mkdir(dir, { recursive: true });
  await mkdir(bin);
  await writeFile(join(root, 'runner'), JOB_RUNNER_SCRIPT, { mode: 0o755 });
  await writeFile(join(bin, 'date'), `#!/bin/sh\ncat "${root}/clock"\n`);
  await chmod(join(bin, 'date'), 0o755);
  const command = [
    'sh',
    '-c',
    `while [ ! -e "${root}/go" ]; do sleep 0.05; done; exit "$(cat "${root}/go")"`,
  ];
  await writeFile(join(dir, 'command'), jobCommandFile(command));
  const setClock = (ms: number) => writeFile(join(root, 'clock'), `${iso(ms)}\n`);
  return {
    dir,
    setClock,
    start: () => {
      // Its own process group, killed whole as systemd kills a unit's cgroup.
      const child = spawn(join(root, 'runner'), {
        env: { PATH: `${bin}:${process.env.PATH}`, HOME: root, SPAWN_JOB_DIR: dir },
        stdio: 'ignore',
        detached: true,
      });
      cleanups.push(() => killGroup(child));
      return child;
    },
    finish: async (child, code) => {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await writeFile(join(root, 'go'), String(code));
      return exited;
    },
  };
}

function killGroup(child: ChildProcess) {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function until(what: () => boolean, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function daemonFor(
  j: Job,
  tags: Record<string, string>,
  jobActiveCommand?: string,
): Promise<TestDaemon> {
  const d = await startTestDaemon(
    { [TAG.job]: 'queued', [TAG.idleTimeout]: '1m', [TAG.expiresAt]: iso(T + 480 * MIN), ...tags },
    T,
    { quiet: true, jobDir: j.dir, ...(jobActiveCommand ? { jobActiveCommand } : {}) },
  );
  cleanups.push(() => d.close());
  return d;
}

async function at(d: TestDaemon, ms: number) {
  d.clock.now = ms;
  return d.agent.cycle();
}
const ec2 = () => new EC2Client({ region: 'us-east-1' });
const tagsOf = (d: TestDaemon) => describeOwnTags(d.ec2, d.id);

describe('spawnd ends the instance when its job ends', () => {
  it('idle detection off while it runs; tags follow the job; warned; terminated after --complete-delay', {
    timeout: 30_000,
  }, async () => {
    const j = await job();
    const d = await daemonFor(j, { [TAG.onComplete]: 'terminate', [TAG.completeDelay]: '1m' });
    await at(d, T);
    expect((await tagsOf(d))[TAG.job]).toBe('queued');

    await j.setClock(T + 1000);
    const child = j.start();
    await until(() => existsSync(join(j.dir, 'started-at')));
    // Quiet for 3 minutes with a 1-minute idle timeout: only the job keeps it alive.
    for (const m of [1, 2, 3]) expect((await at(d, T + m * MIN))?.act).toBeUndefined();
    expect(await tagsOf(d)).toMatchObject({ [TAG.job]: 'running', [TAG.jobStartedAt]: iso(T + 1000) });
    expect(await instanceState(ec2(), d.id)).toBe('running');

    await j.setClock(T + 3.5 * MIN);
    expect(await j.finish(child, 3)).toBe(3);
    const ended = await at(d, T + 3.5 * MIN + 10_000);
    expect(ended?.next).toEqual({ reason: 'job', action: 'terminate', at: T + 4.5 * MIN });
    expect(await tagsOf(d)).toMatchObject({
      [TAG.job]: 'failed',
      [TAG.jobExit]: '3',
      [TAG.jobEndedAt]: iso(T + 3.5 * MIN),
    });
    const [warning] = await d.wall();
    expect(warning).toContain(
      `will be TERMINATED at ${iso(T + 4.5 * MIN)} (in 50s) because its job has ended`,
    );
    expect(await instanceState(ec2(), d.id)).toBe('running');

    expect((await at(d, T + 4.5 * MIN))?.act).toMatchObject({ reason: 'job', action: 'terminate' });
    expect(['shutting-down', 'terminated']).toContain(await instanceState(ec2(), d.id));
  });

  it('--on-complete stop stops it once; started again by the user, it is not stopped again', {
    timeout: 30_000,
  }, async () => {
    const j = await job();
    const d = await daemonFor(j, {
      [TAG.onComplete]: 'stop',
      [TAG.completeDelay]: '30s',
      [TAG.idleTimeout]: '1h',
    });
    await j.setClock(T);
    const child = j.start();
    await until(() => existsSync(join(j.dir, 'started-at')));
    await at(d, T + 1000);
    await j.setClock(T + MIN);
    expect(await j.finish(child, 0)).toBe(0);
    await at(d, T + MIN + 5000);
    expect(await tagsOf(d)).toMatchObject({ [TAG.job]: 'succeeded', [TAG.jobExit]: '0' });
    expect((await at(d, T + 1.5 * MIN))?.act).toMatchObject({ reason: 'job', action: 'stop' });
    expect(['stopping', 'stopped']).toContain(await instanceState(ec2(), d.id));

    await waitForState(ec2(), d.id, 'stopped', 10_000);
    await ec2().send(new StartInstancesCommand({ InstanceIds: [d.id] }));
    await waitForState(ec2(), d.id, 'running', 10_000);
    await at(d, T + 20 * MIN);
    await at(d, T + 21 * MIN);
    expect(d.logs.filter((l) => l.includes('stop requested'))).toEqual([
      expect.stringContaining('(job deadline reached)'),
    ]);
    expect(await instanceState(ec2(), d.id)).toBe('running');
  });

  it('the TTL stays a hard limit while the job runs', { timeout: 30_000 }, async () => {
    const j = await job();
    const d = await daemonFor(j, { [TAG.expiresAt]: iso(T + 2 * MIN) });
    await j.setClock(T);
    j.start();
    await until(() => existsSync(join(j.dir, 'started-at')));
    await at(d, T + MIN);
    expect((await at(d, T + 2 * MIN))?.act).toMatchObject({ reason: 'ttl', action: 'terminate' });
    expect(['shutting-down', 'terminated']).toContain(await instanceState(ec2(), d.id));
  });

  it('--on-complete keep: the job ends, nothing happens until the idle timeout', {
    timeout: 30_000,
  }, async () => {
    const j = await job();
    const d = await daemonFor(j, { [TAG.onComplete]: 'keep', [TAG.idleTimeout]: '10m' });
    await j.setClock(T);
    const child = j.start();
    await until(() => existsSync(join(j.dir, 'started-at')));
    await at(d, T + 1000);
    expect(await j.finish(child, 0)).toBe(0);
    for (let m = 1; m <= 10; m++) expect((await at(d, T + m * MIN))?.act).toBeUndefined();
    expect(await instanceState(ec2(), d.id)).toBe('running');
    expect((await at(d, T + 11 * MIN))?.act).toMatchObject({ reason: 'idle' });
  });

  it('a runner killed with SIGKILL (no exit recorded): failed with 137 after the grace, then --on-complete', {
    timeout: 30_000,
  }, async () => {
    const j = await job();
    await j.setClock(T);
    const child = j.start();
    await until(() => existsSync(join(j.dir, 'started-at')));
    // The unit's check, answering as `systemctl is-active` does (3: not active): is the runner's
    // process still there?
    const check = join(j.dir, '..', 'is-active');
    await writeFile(check, `#!/bin/sh\nkill -0 ${child.pid} 2>/dev/null || exit 3\n`, { mode: 0o755 });
    const d = await daemonFor(j, { [TAG.onComplete]: 'terminate', [TAG.completeDelay]: '1m' }, check);
    // Alive for longer than the grace: never counted as lost.
    for (const m of [0, 1, 2, 3]) expect((await at(d, T + m * MIN))?.act).toBeUndefined();
    expect((await tagsOf(d))[TAG.job]).toBe('running');

    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child);
    await exited;
    // Gone since T+4m: still running within the grace, and nothing written yet.
    for (const m of [4, 5]) expect((await at(d, T + m * MIN))?.act).toBeUndefined();
    expect(await tagsOf(d)).toMatchObject({ [TAG.job]: 'running' });
    expect(existsSync(join(j.dir, 'exit'))).toBe(false);

    const lost = await at(d, T + 6 * MIN);
    expect(lost?.next).toEqual({ reason: 'job', action: 'terminate', at: T + 7 * MIN });
    expect(await tagsOf(d)).toMatchObject({
      [TAG.job]: 'failed',
      [TAG.jobExit]: '137',
      [TAG.jobEndedAt]: iso(T + 6 * MIN),
    });
    expect(await readFile(join(j.dir, 'exit'), 'utf8')).toBe('137\n');
    expect(d.logs).toContainEqual(expect.stringContaining('recorded as failed (exit 137)'));
    expect(await instanceState(ec2(), d.id)).toBe('running');
    expect((await at(d, T + 7 * MIN))?.act).toMatchObject({ reason: 'job', action: 'terminate' });
    expect(['shutting-down', 'terminated']).toContain(await instanceState(ec2(), d.id));
  });

  it.each([
    ['cannot run', '/nonexistent/systemctl is-active'],
    ['fails otherwise (systemd unreachable: exit 1)', 'false'],
  ])('a check that %s never declares the job lost', { timeout: 30_000 }, async (_, check) => {
    const j = await job();
    await j.setClock(T);
    j.start();
    await until(() => existsSync(join(j.dir, 'started-at')));
    const d = await daemonFor(j, { [TAG.idleTimeout]: '1h' }, check);
    for (const m of [0, 1, 2, 3, 4]) expect((await at(d, T + m * MIN))?.act).toBeUndefined();
    expect((await tagsOf(d))[TAG.job]).toBe('running');
    expect(existsSync(join(j.dir, 'exit'))).toBe(false);
  });

  it('a garbage exit file is a failed job, never a success', async () => {
    const j = await job();
    await writeFile(join(j.dir, 'exit'), '0; reboot\n');
    const d = await daemonFor(j, { [TAG.onComplete]: 'keep' });
    await at(d, T);
    expect(await tagsOf(d)).toMatchObject({ [TAG.job]: 'failed', [TAG.jobExit]: 'unknown' });
    expect(moto.env).toBeDefined();
  });
});
