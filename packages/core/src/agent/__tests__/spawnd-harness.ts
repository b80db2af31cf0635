import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { buildSpawnd, spawndArtifactPath } from '../../../../../scripts/build-spawnd.ts';
import { type AgentEc2Client, createAgentEc2Client } from '../agent-ec2-client.ts';

/** The daemon's own lean EC2 client against moto (env credentials and endpoint; no IMDS role). */
export function ownEc2(): AgentEc2Client {
  return createAgentEc2Client('us-east-1', {
    env: process.env,
    imds: { roleCredentials: async () => undefined },
  });
}

/** The built executables, built once on demand when `build:spawnd` has not run. */
export async function ensureSpawndBuilt(): Promise<{ x64: string; arm64: string }> {
  const x64 = spawndArtifactPath('x64');
  const arm64 = spawndArtifactPath('arm64');
  if (!existsSync(x64) || !existsSync(arm64)) await buildSpawnd();
  return { x64, arm64 };
}

export const QEMU_LIBS = '/usr/aarch64-linux-gnu';

/** qemu-user for the arm64 executable; in CI its absence is a failure, never a skip. */
export function requireQemu(): string {
  const ok = spawnSync('qemu-aarch64', ['--version']).status === 0 && existsSync(QEMU_LIBS);
  if (!ok) {
    throw new Error(
      'qemu-aarch64 and the arm64 libraries are needed: apt-get install -y qemu-user libc6-arm64-cross libstdc++6-arm64-cross',
    );
  }
  return 'qemu-aarch64';
}

export async function instanceState(ec2: EC2Client, id: string): Promise<string | undefined> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

export async function waitForState(
  ec2: EC2Client,
  id: string,
  wanted: string,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  let failed: unknown;
  while (Date.now() < deadline) {
    // A poll, so one failed read is not the answer: moto now and then answers a DescribeInstances
    // made while another thread changes the instance with an HTML 500 page (seen once in CI).
    try {
      last = await instanceState(ec2, id);
      failed = undefined;
    } catch (error) {
      failed = error;
    }
    if (last === wanted) return Date.now();
    await new Promise((r) => setTimeout(r, 250));
  }
  const why = failed ? ` (the last read failed: ${failed})` : '';
  throw new Error(`instance ${id} is ${last}, expected ${wanted} within ${timeoutMs} ms${why}`);
}

/** A fake /proc whose CPU only idles and whose network is silent, with no SSH connection. */
export async function quietProc(dir: string): Promise<{ stop(): void }> {
  await mkdir(join(dir, 'net'), { recursive: true });
  const header =
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  await writeFile(join(dir, 'net/tcp'), header);
  await writeFile(
    join(dir, 'net/dev'),
    'Inter-|   Receive\n face |bytes\n    lo: 999 1 0 0 0 0 0 0 999 1 0 0 0 0 0 0\n  eth0: 5000 10 0 0 0 0 0 0 7000 12 0 0 0 0 0 0\n',
  );
  let idle = 1000;
  let busy = false;
  // One write at a time: overlapping ticks raced on the temp file (ENOENT on rename).
  const tick = async () => {
    if (busy) return;
    busy = true;
    idle += 100;
    try {
      await writeFile(join(dir, 'stat.tmp'), `cpu  10 0 10 ${idle} 0 0 0 0 0 0\n`);
      await rename(join(dir, 'stat.tmp'), join(dir, 'stat'));
    } finally {
      busy = false;
    }
  };
  await tick();
  const timer = setInterval(() => void tick().catch(() => undefined), 100);
  return { stop: () => clearInterval(timer) };
}

export interface SpawndRun {
  child: ChildProcess;
  stderr(): string;
  status(): Promise<Record<string, unknown> | undefined>;
  kill9(): Promise<void>;
}

export async function makeSandbox(): Promise<{
  dir: string;
  env: Record<string, string>;
  cleanup(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'spawnd-it-'));
  return {
    dir,
    env: {
      SPAWND_PROC_ROOT: join(dir, 'proc'),
      SPAWND_UTMP_PATH: join(dir, 'utmp'),
      SPAWND_STATE_DIR: join(dir, 'state'),
      SPAWND_RUNTIME_DIR: join(dir, 'run'),
      SPAWND_MOTD_PATH: join(dir, 'motd.d/spawnd'),
      SPAWND_WALL_COMMAND: 'off',
      SPAWND_SHUTDOWN_COMMAND: 'true',
      SPAWND_NVIDIA_SMI: join(dir, 'no-nvidia-smi'),
      SPAWND_STATUS_EVERY: '1s',
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export function startSpawnd(command: string[], env: Record<string, string>): SpawndRun {
  const [file, ...args] = command;
  const child = spawn(file ?? '', [...args, 'run', '--interval', '1s'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return {
    child,
    stderr: () => stderr,
    status: async () => {
      try {
        return JSON.parse(await readFile(join(env.SPAWND_RUNTIME_DIR ?? '', 'status.json'), 'utf8'));
      } catch {
        return undefined;
      }
    },
    kill9: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
