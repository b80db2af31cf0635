import { type JobState, TAG } from '../tags.ts';
import { parseIsoWithZone } from './agent-config.ts';

/** The runner's files as read (undefined: missing). */
export interface JobFiles {
  startedAt?: string;
  endedAt?: string;
  exit?: string;
}

/** What spawnd knows of the job from the runner's files. */
export interface JobObservation {
  state: JobState;
  /** Epoch ms. */
  startedAt?: number;
  /** Epoch ms; set once the job ended (the file's time, else when spawnd first saw the exit). */
  endedAt?: number;
  /** 0-255; undefined when the exit file is unreadable (then the job counts as failed). */
  exitCode?: number;
}

/** True for an instance launched by `spawn run` (it has a `spawn:job` tag). */
export function isJobInstance(tags: Readonly<Record<string, string>>): boolean {
  return tags[TAG.job] !== undefined;
}

const time = (text: string | undefined) => {
  const ms = text === undefined ? Number.NaN : parseIsoWithZone(text);
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * The job's state from the runner's files (pure; every value validated, nothing trusted): no
 * `exit` file → queued or running; an exit code 0 → succeeded, anything else (or garbage) → failed.
 */
export function observeJob(files: JobFiles, now: number): JobObservation {
  const startedAt = time(files.startedAt);
  if (files.exit === undefined) {
    return startedAt === undefined ? { state: 'queued' } : { state: 'running', startedAt };
  }
  const text = files.exit.trim();
  const code = /^\d{1,3}$/.test(text) && Number(text) <= 255 ? Number(text) : undefined;
  const o: JobObservation = {
    state: code === 0 ? 'succeeded' : 'failed',
    endedAt: time(files.endedAt) ?? now,
  };
  if (startedAt !== undefined) o.startedAt = startedAt;
  if (code !== undefined) o.exitCode = code;
  return o;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The job tags spawnd writes for an observation; only those that differ from `tags`. */
export function jobTagChanges(
  job: JobObservation,
  tags: Readonly<Record<string, string>>,
): Record<string, string> {
  const want: Record<string, string> = { [TAG.job]: job.state };
  if (job.startedAt !== undefined) want[TAG.jobStartedAt] = iso(job.startedAt);
  if (job.endedAt !== undefined) want[TAG.jobEndedAt] = iso(job.endedAt);
  if (job.state === 'succeeded' || job.state === 'failed')
    want[TAG.jobExit] = String(job.exitCode ?? 'unknown');
  return Object.fromEntries(Object.entries(want).filter(([k, v]) => tags[k] !== v));
}
