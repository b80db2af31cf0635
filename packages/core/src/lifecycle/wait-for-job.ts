import type { EC2Client } from '@aws-sdk/client-ec2';
import type { JobRecord } from '../protocol/schemas.ts';
import { describeJob, isJobSettled } from './job-status.ts';

export interface WaitForJobOptions {
  intervalMs: number;
  signal?: AbortSignal;
  /** Each record whose state differs from the previous one (the first included). */
  onChange?(record: JobRecord): void;
  /** A read failed; it is retried next interval, and thrown only after `maxFailures` in a row. */
  onReadFailed?(error: unknown): void;
  maxFailures?: number;
  sleep?(ms: number, signal?: AbortSignal): Promise<void>;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Polls the instance's tags (no SSH) until its job has an outcome: succeeded, failed, or lost (the
 * instance stopped or ended first). One failed read is not the answer: up to `maxFailures` in a
 * row (default 3) are retried.
 */
export async function waitForJob(
  ec2: EC2Client,
  region: string,
  instanceId: string,
  o: WaitForJobOptions,
): Promise<JobRecord> {
  const sleep = o.sleep ?? defaultSleep;
  let last: string | undefined;
  let failures = 0;
  for (;;) {
    o.signal?.throwIfAborted();
    try {
      const record = await describeJob(ec2, region, instanceId);
      failures = 0;
      if (record.state !== last) o.onChange?.(record);
      last = record.state;
      if (isJobSettled(record)) return record;
    } catch (error) {
      failures++;
      if (failures >= (o.maxFailures ?? 3) || isUsageError(error)) throw error;
      o.onReadFailed?.(error);
    }
    await sleep(o.intervalMs, o.signal);
  }
}

/** A refused tag or "no job" does not get better by asking again. */
function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === 'INVALID_STATE' || code === 'UNTRUSTED_TAG' || code === 'NOT_FOUND';
}
