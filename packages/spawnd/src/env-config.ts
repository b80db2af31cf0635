import { join } from 'node:path';
import { parseDuration } from '@truffle-spawn/core';
import { DEFAULT_WARNING_LEADS_MS, HEARTBEAT_PERIOD_MS, JOB_DIR, JOB_UNIT } from '@truffle-spawn/core/agent';

/** Everything the environment can redirect (tests point these at sandboxes and stubs). */
export interface SpawndEnv {
  imdsEndpoint: string | undefined;
  procRoot: string;
  /** Binary utmp of logged-in terminals (SPAWND_UTMP_PATH). */
  utmpPath: string;
  stateFile: string;
  statusFile: string;
  messageFile: string;
  motdFile: string;
  /** `undefined` disables wall. */
  wallCommand: string[] | undefined;
  shutdownCommand: string[];
  nvidiaSmi: string;
  warningLeadsMs: readonly number[];
  /** Heartbeat: the status tag is rewritten at least this often (and on every change). */
  statusTagEveryMs: number;
  /**
   * Whether spawnd owns the OS deadline timer (systemd-run). SPAWND_OS_TIMER=on|off; by default on,
   * except where SPAWND_SHUTDOWN_COMMAND replaces the shutdown (a sandbox must never arm a real one).
   */
  osTimer: boolean;
  /** The `spawn run` job runner's files (SPAWND_JOB_DIR, default /var/lib/spawn-job). */
  jobDir: string;
  /**
   * Exits 0 while the job's runner runs (SPAWND_JOB_ACTIVE_COMMAND, default
   * `systemctl is-active --quiet spawn-job`); a runner gone with no exit is a lost job.
   */
  jobActiveCommand: string[];
}

const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);

export function readSpawndEnv(env: NodeJS.ProcessEnv): SpawndEnv {
  const stateDir = env.SPAWND_STATE_DIR || env.STATE_DIRECTORY || '/var/lib/spawnd';
  const runDir = env.SPAWND_RUNTIME_DIR || env.RUNTIME_DIRECTORY || '/run/spawnd';
  const wall = env.SPAWND_WALL_COMMAND ?? 'wall';
  return {
    imdsEndpoint: env.AWS_EC2_METADATA_SERVICE_ENDPOINT || undefined,
    procRoot: env.SPAWND_PROC_ROOT || '/proc',
    utmpPath: env.SPAWND_UTMP_PATH || '/var/run/utmp',
    stateFile: join(stateDir, 'state.json'),
    statusFile: join(runDir, 'status.json'),
    messageFile: join(runDir, 'message'),
    motdFile: env.SPAWND_MOTD_PATH || '/etc/motd.d/spawnd',
    wallCommand: wall === 'off' || wall === '' ? undefined : words(wall),
    shutdownCommand: words(env.SPAWND_SHUTDOWN_COMMAND || 'shutdown -h now'),
    nvidiaSmi: env.SPAWND_NVIDIA_SMI || 'nvidia-smi',
    warningLeadsMs: env.SPAWND_WARNING_LEADS
      ? env.SPAWND_WARNING_LEADS.split(',').map((d) => parseDuration(d, 'SPAWND_WARNING_LEADS'))
      : DEFAULT_WARNING_LEADS_MS,
    statusTagEveryMs: env.SPAWND_STATUS_EVERY
      ? parseDuration(env.SPAWND_STATUS_EVERY, 'SPAWND_STATUS_EVERY')
      : HEARTBEAT_PERIOD_MS,
    jobDir: env.SPAWND_JOB_DIR || JOB_DIR,
    jobActiveCommand: words(env.SPAWND_JOB_ACTIVE_COMMAND || `systemctl is-active --quiet ${JOB_UNIT}`),
    osTimer: env.SPAWND_OS_TIMER ? env.SPAWND_OS_TIMER === 'on' : !env.SPAWND_SHUTDOWN_COMMAND,
  };
}
