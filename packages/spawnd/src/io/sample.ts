import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type ActivitySample,
  countSshConnections,
  parseNetDev,
  parseNvidiaSmi,
  parseProcStat,
} from '@truffle-spawn/core/agent';

async function read(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** SSH sessions from /proc/net/tcp{,6}: a detached tmux has no connection, so it is not counted. */
async function readSessions(procRoot: string): Promise<number | undefined> {
  const [v4, v6] = await Promise.all([read(join(procRoot, 'net/tcp')), read(join(procRoot, 'net/tcp6'))]);
  if (v4 === undefined && v6 === undefined) return undefined;
  return countSshConnections(v4 ?? '') + countSshConnections(v6 ?? '');
}

/** GPU utilisation; `null` when nvidia-smi is not installed (no GPU), `undefined` when it fails. */
export function readGpu(nvidiaSmi: string): Promise<number | null | undefined> {
  return new Promise((resolve) => {
    execFile(
      nvidiaSmi,
      ['--query-gpu=utilization.gpu', '--format=csv,noheader,nounits'],
      { timeout: 10_000 },
      (error, stdout) => {
        if (error) resolve((error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined);
        else resolve(parseNvidiaSmi(stdout));
      },
    );
  });
}

/** One raw reading of procfs (rooted at `procRoot` so tests can fake it) and the GPU. */
export async function readSample(procRoot: string, nvidiaSmi: string, now: number): Promise<ActivitySample> {
  const [stat, netDev, sessions, gpu] = await Promise.all([
    read(join(procRoot, 'stat')),
    read(join(procRoot, 'net/dev')),
    readSessions(procRoot),
    readGpu(nvidiaSmi),
  ]);
  return {
    at: now,
    cpu: stat === undefined ? undefined : parseProcStat(stat),
    networkBytes: netDev === undefined ? undefined : parseNetDev(netDev),
    sessions,
    gpu,
  };
}
