import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { isAwsError } from '../aws/aws-error-name.ts';
import { translateAwsError } from '../aws/translate-aws-error.ts';
import { UserError } from '../errors/user-error.ts';
import type { CreatedResources } from './created-resources.ts';
import type { LaunchId } from './launch-id.ts';
import type { CommandRunner } from './local-ssh-key.ts';
import type { LaunchSpec } from './types.ts';

/** SDK clients for the launch region (IAM and STS are global). */
export interface LaunchClients {
  ec2: EC2Client;
  ssm: SSMClient;
  sts: STSClient;
  iam: IAMClient;
  /** S3 in the spawnd home region, to pin the release checksums; absent = not pinned. */
  s3?: S3Client;
  /** The Price List API; absent (offline) = catalog price only. */
  pricing?: PricingClient;
  /** EventBridge Scheduler in the launch region, for the cloud backstop; absent = not armed. */
  scheduler?: SchedulerClient;
}

/** Everything outside the spec a launch needs, passed in so tests control it. */
export interface LaunchEnvironment {
  homedir: string;
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  now: () => Date;
  /** spawn's version: tags and the spawnd download. */
  version: string;
  dryRun: boolean;
  runCommand?: CommandRunner;
  /** Waits between retries (IAM propagation); tests pass a no-op. */
  sleep?: (ms: number) => Promise<void>;
  /** Resolves when TCP host:port accepts a connection, rejects on timeout. */
  probePort?: (host: string, port: number, timeoutMs: number, signal?: AbortSignal) => Promise<void>;
  /** Where to probe SSH instead of `<public ip>:22` (emulators and tests have no real host). */
  sshProbeTarget?: { host: string; port: number };
  /** Longest wait for running / SSH, in ms (default 5 minutes). */
  waitTimeoutMs?: number;
  /** Longest wait for SSH alone, in ms (default: `waitTimeoutMs`). */
  sshTimeoutMs?: number;
  /**
   * Longest wait for each of the plan's optional lookups (live prices, the spawnd checksum) before
   * the plan uses what it knows without them, in ms (default 5 s; `SPAWN_LOOKUP_TIMEOUT`).
   */
  lookupTimeoutMs?: number;
  /** Deadline of one AWS call of the launch, SDK retries included, in ms (default 2 minutes). */
  callTimeoutMs?: number;
}

/** What each step receives: the means of a launch, never its findings (those are the plan). */
export interface StepContext {
  /** What the user asked for (the plan's spec adds the prices the lookup found). */
  readonly spec: LaunchSpec;
  readonly clients: LaunchClients;
  readonly environment: LaunchEnvironment;
  /** The journal of what this launch owns: the rollback deletes exactly that. */
  readonly created: CreatedResources;
  /** `spawn:launch-id`, on everything the launch owns from birth. */
  readonly launchId: LaunchId;
  /** Append-only: what a dry run would create and which checks passed. */
  readonly notes: string[];
  /**
   * Aborted by a signal (Ctrl-C, SIGTERM, SIGHUP) or, inside a concurrent group, by a sibling's
   * failure: every call in flight stops. Rollback never uses it (its deletes must still run).
   */
  readonly signal?: AbortSignal;
  /**
   * Soft cancel, set by a concurrent group when a sibling failed: no NEW call starts, but a call
   * already on the wire is let finish, so what it creates is journalled rather than orphaned.
   */
  readonly cancelled?: AbortSignal;
}

/** This launch's id (`spawn:launch-id`), made on first use: on everything the launch owns from birth. */
export function launchIdOf(ctx: StepContext): string {
  return ctx.launchId.value;
}

/** What each call passes to `client.send(command, options)` and to waiters. */
export interface CallOptions {
  abortSignal: AbortSignal;
}

const DEFAULT_CALL_TIMEOUT_MS = 120_000;
const DEFAULT_LOOKUP_TIMEOUT_MS = 5000;

/**
 * One optional lookup's deadline, the signal that also stops it on Ctrl-C, and what the plan says
 * when the deadline passed (`late`).
 */
export function lookupDeadline(ctx: StepContext): {
  deadline: AbortSignal;
  signal: AbortSignal;
  late: string;
} {
  const timeoutMs = ctx.environment.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  return {
    deadline,
    signal: ctx.signal ? AbortSignal.any([ctx.signal, deadline]) : deadline,
    late: `no answer within ${timeoutMs / 1000} s`,
  };
}

/**
 * Runs one AWS call and translates its failure into a UserError naming the operation. The call gets
 * an abort signal (the launch's, or `o.signal` for rollback deletes) bounded by a per-call deadline,
 * and is raced against it, so neither a hung connection nor a transport that ignores the signal can
 * hold the launch.
 */
export async function awsCall<T>(
  ctx: StepContext,
  operation: string,
  fn: (options: CallOptions) => Promise<T>,
  o: { signal?: AbortSignal } = {},
): Promise<T> {
  const outer = o.signal ?? ctx.signal;
  const timeoutMs = ctx.environment.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const abortSignal = outer ? AbortSignal.any([outer, deadline]) : deadline;
  const abortError = () => stopped(ctx, operation, outer, timeoutMs);
  if (abortSignal.aborted) throw abortError();
  if (ctx.cancelled?.aborted && !o.signal) {
    throw new UserError('CANCELLED', `${operation} was not sent: another preparation step failed.`, {
      details: { operation, region: ctx.spec.region },
    });
  }
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError());
    abortSignal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([fn({ abortSignal }), aborted]);
  } catch (error) {
    if (abortSignal.aborted) throw abortError();
    throw translateAwsError(error, { region: ctx.spec.region, operation });
  } finally {
    if (onAbort) abortSignal.removeEventListener('abort', onAbort);
    aborted.catch(() => {});
  }
}

function stopped(ctx: StepContext, operation: string, outer: AbortSignal | undefined, timeoutMs: number) {
  const details = { operation, region: ctx.spec.region };
  if (!outer?.aborted) {
    return new UserError('TIMEOUT', `${operation} did not answer within ${Math.round(timeoutMs / 1000)}s.`, {
      hint: 'AWS or the network is not answering; try again later (anything this launch created is rolled back).',
      details,
    });
  }
  // A sibling step failed (its failure is the one reported) or the user pressed Ctrl-C.
  return outer.reason instanceof UserError
    ? outer.reason
    : new UserError('CANCELLED', `${operation} was cancelled.`, { details });
}

/** EC2 DryRun: `DryRunOperation` means "would have succeeded". Other failures are real. */
export async function dryRunCheck(
  ctx: StepContext,
  operation: string,
  fn: (options: CallOptions) => Promise<unknown>,
): Promise<void> {
  try {
    await awsCall(ctx, operation, fn);
  } catch (error) {
    if (isAwsError(error, 'DryRunOperation')) {
      ctx.notes.push(`${operation}: permission check passed (EC2 DryRun)`);
      return;
    }
    throw error;
  }
}
