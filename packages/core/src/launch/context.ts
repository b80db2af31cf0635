import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import { translateAwsError, withAwsErrors } from '../aws/translate-aws-error.ts';
import type { CreatedResources } from './created-resources.ts';
import type { CommandRunner } from './local-ssh-key.ts';
import type { LaunchSpec, LaunchState } from './types.ts';

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
  probePort?: (host: string, port: number, timeoutMs: number) => Promise<void>;
  /** Where to probe SSH instead of `<public ip>:22` (emulators and tests have no real host). */
  sshProbeTarget?: { host: string; port: number };
  /** Longest wait for running / SSH, in ms (default 5 minutes). */
  waitTimeoutMs?: number;
  /** Longest wait for SSH alone, in ms (default: `waitTimeoutMs`). */
  sshTimeoutMs?: number;
  /** Longest wait for the live price before the plan uses the catalog's, in ms (default 5 s). */
  livePriceTimeoutMs?: number;
}

/** What each step receives. */
export interface StepContext {
  spec: LaunchSpec;
  state: LaunchState;
  clients: LaunchClients;
  environment: LaunchEnvironment;
  created: CreatedResources;
}

/** Runs one AWS call and translates its failure into a UserError naming the operation. */
export function awsCall<T>(ctx: StepContext, operation: string, fn: () => Promise<T>): Promise<T> {
  return withAwsErrors(fn, { region: ctx.spec.region, operation });
}

/** EC2 DryRun: `DryRunOperation` means "would have succeeded". Other failures are real. */
export async function dryRunCheck(
  ctx: StepContext,
  operation: string,
  fn: () => Promise<unknown>,
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if ((error as { name?: string }).name === 'DryRunOperation') {
      ctx.state.notes.push(`${operation}: permission check passed (EC2 DryRun)`);
      return;
    }
    throw translateAwsError(error, { region: ctx.spec.region, operation });
  }
}
