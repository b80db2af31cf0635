import { formatDuration, parseDuration } from '../duration.ts';
import type { InstanceRecord } from '../protocol/schemas.ts';
import { COMPLETE_ACTIONS, TAG } from '../tags.ts';
import { jobRecordOf } from './job-status.ts';
import type { ManagedInstance } from './managed-instance.ts';

export type InstanceJob = NonNullable<InstanceRecord['job']>;

/**
 * A `spawn run` instance's job for `spawn list` and `spawn status`, from its tags, each validated
 * (as `spawn wait` reads them): undefined without a job, state `unreadable` for a forged one.
 */
export function instanceJob(i: ManagedInstance): InstanceJob | undefined {
  if (i.tags[TAG.job] === undefined) return undefined;
  let job: InstanceJob;
  try {
    const { state, exitCode, startedAt, endedAt } = jobRecordOf(i);
    job = { state, exitCode, startedAt, endedAt };
  } catch {
    job = { state: 'unreadable' };
  }
  const onComplete = i.tags[TAG.onComplete] ?? 'terminate';
  if ((COMPLETE_ACTIONS as readonly string[]).includes(onComplete))
    job.onComplete = onComplete as InstanceJob['onComplete'];
  const delay = i.tags[TAG.completeDelay] ?? '1m';
  try {
    parseDuration(delay);
    job.completeDelay = delay;
  } catch {
    // An unreadable delay is left out (spawnd uses its default).
  }
  return Object.fromEntries(Object.entries(job).filter(([, v]) => v !== undefined)) as InstanceJob;
}

const STATE_TEXT: Record<InstanceJob['state'], string> = {
  queued: 'queued (waiting to start, or for its upload)',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  lost: 'lost: the instance stopped or ended before the job did',
  unreadable: 'unreadable spawn:job tag',
};

/** `spawn status`'s job lines (label/value, as explainStatus): state and exit, times, on-complete. */
export function explainJob(job: InstanceJob, now: number): { label: string; value: string }[] {
  const exit = job.exitCode === undefined ? '' : ` (exit ${job.exitCode})`;
  const out = [{ label: 'Job', value: `${STATE_TEXT[job.state]}${exit}` }];
  const started = job.startedAt ? Date.parse(job.startedAt) : Number.NaN;
  const ended = job.endedAt ? Date.parse(job.endedAt) : Number.NaN;
  if (!Number.isNaN(started)) {
    const span = Number.isNaN(ended)
      ? `, running for ${formatDuration(Math.max(0, now - started))}`
      : `, ended ${job.endedAt} (took ${formatDuration(Math.max(0, ended - started))})`;
    out.push({ label: 'Job times', value: `started ${job.startedAt}${span}` });
  } else if (!Number.isNaN(ended)) {
    out.push({ label: 'Job times', value: `ended ${job.endedAt} (never started)` });
  }
  if (job.onComplete) {
    const value =
      job.onComplete === 'keep'
        ? 'keep (the TTL and idle timeout end it)'
        : `${job.onComplete} ${job.completeDelay ?? '1m'} after the job ends`;
    out.push({ label: 'On complete', value });
  }
  return out;
}
