import { join } from 'node:path';
import {
  type ActivitySample,
  countInteractiveSessions,
  parseNetDev,
  parseNvidiaSmi,
  parseProcStat,
  parseUtmp,
  type UtmpLogin,
} from '@truffle-spawn/core/agent';
import { findExecutable } from './find-executable.ts';
import { access, readBytes, readText } from './fs-callbacks.ts';
import { readSshConnections } from './ssh-connections.ts';

async function read(path: string): Promise<string | undefined> {
  try {
    return await readText(path);
  } catch {
    return undefined;
  }
}

/** Where to read what: procfs and utmp are redirected in tests. */
export interface SamplePaths {
  procRoot: string;
  utmpPath: string;
  nvidiaSmi: string;
}

/** Logins from utmp; none when the file does not exist, `undefined` when it cannot be read. */
async function readLogins(utmpPath: string): Promise<UtmpLogin[] | undefined> {
  try {
    return parseUtmp(await readBytes(utmpPath));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? [] : undefined;
  }
}

/**
 * SSH connections from /proc/net/tcp{,6} plus logged-in terminals from utmp whose process is
 * still in procfs; a detached tmux or screen only leaves pane entries, which are not counted.
 */
async function readSessions(procRoot: string, utmpPath: string): Promise<number | undefined> {
  const [v4, v6, logins] = await Promise.all([
    readSshConnections(join(procRoot, 'net/tcp')),
    readSshConnections(join(procRoot, 'net/tcp6')),
    readLogins(utmpPath),
  ]);
  if ((v4 === undefined && v6 === undefined) || logins === undefined) return undefined;
  const pids = [...new Set(logins.map((l) => l.pid))];
  const alive = new Set<number>();
  await Promise.all(
    pids.map((pid) =>
      access(join(procRoot, String(pid))).then(
        () => alive.add(pid),
        () => undefined,
      ),
    ),
  );
  const ssh = (v4 ?? 0) + (v6 ?? 0);
  return countInteractiveSessions(ssh, logins, (pid) => pid > 0 && alive.has(pid)).total;
}

/**
 * GPU utilisation; `null` when nvidia-smi is not installed (no GPU), `undefined` when it fails.
 * Looked up on PATH first: on an instance without it (most), nothing is forked each interval and
 * node:child_process stays unloaded (its modules and the binary's pages they touch: resident memory).
 */
export async function readGpu(
  nvidiaSmi: string,
  pathEnv = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
): Promise<number | null | undefined> {
  const file = await findExecutable(nvidiaSmi, pathEnv);
  if (!file) return null;
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(
      file,
      ['--query-gpu=utilization.gpu', '--format=csv,noheader,nounits'],
      { timeout: 10_000 },
      (error, stdout) => {
        if (error) resolve((error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined);
        else resolve(parseNvidiaSmi(stdout));
      },
    );
  });
}

/** One raw reading of procfs and utmp (both redirectable so tests can fake them) and the GPU. */
export async function readSample(paths: SamplePaths, now: number): Promise<ActivitySample> {
  const { procRoot } = paths;
  const [stat, netDev, sessions, gpu] = await Promise.all([
    read(join(procRoot, 'stat')),
    read(join(procRoot, 'net/dev')),
    readSessions(procRoot, paths.utmpPath),
    readGpu(paths.nvidiaSmi),
  ]);
  return {
    at: now,
    cpu: stat === undefined ? undefined : parseProcStat(stat),
    networkBytes: netDev === undefined ? undefined : parseNetDev(netDev),
    sessions,
    gpu,
  };
}
