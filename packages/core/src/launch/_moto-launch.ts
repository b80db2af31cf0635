// Test-only (never shipped): one whole core launch (lookups, then the create steps under rollback)
// against moto, optionally through the fault proxy, as the CLI runs it minus the progress display.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { TEST_SPEC } from './_test-step-context.ts';
import type { LaunchEnvironment, StepContext } from './context.ts';
import { createLaunch } from './create-launch.ts';
import { CreatedResources, type RollbackReport } from './created-resources.ts';
import { LaunchId } from './launch-id.ts';
import type { LaunchedInstance, LaunchOutcome } from './launch-result.ts';
import { plainRunner, withRollback } from './launch-steps.ts';
import { planLaunch } from './plan-launch.ts';
import type { LaunchSpec } from './types.ts';

export interface MotoLaunchOptions {
  spec?: Partial<LaunchSpec>;
  /** Shared with other launches to model one user's HOME; default a fresh temp dir. */
  homedir?: string;
  /** The fault proxy's endpoint; default the moto endpoint from the environment. */
  endpoint?: string;
  environment?: Partial<LaunchEnvironment>;
  signal?: AbortSignal;
  /** Give the launch an EventBridge Scheduler client, so it arms the cloud backstop. */
  scheduler?: boolean;
}

export interface MotoLaunch {
  ctx: StepContext;
  /** Resolves with the outcome when the launch succeeded; rejects with its error after the rollback ran. */
  run: Promise<LaunchOutcome>;
  reports: RollbackReport[];
}

/** Starts one launch (wait for `running`, no SSH) and returns at once. */
export function motoLaunch(o: MotoLaunchOptions = {}): MotoLaunch {
  const config = o.endpoint ? { endpoint: o.endpoint } : {};
  const environment: LaunchEnvironment = {
    homedir: o.homedir ?? mkdtempSync(join(tmpdir(), 'spawn-tx-')),
    platform: 'linux',
    env: {},
    now: () => new Date(),
    version: '0.1.0',
    dryRun: false,
    sleep: async () => {},
    ...o.environment,
  };
  const ctx: StepContext = {
    spec: { ...TEST_SPEC, instanceType: 't3.micro', name: 'tx', ...o.spec },
    clients: {
      ec2: new EC2Client(config),
      ssm: new SSMClient(config),
      sts: new STSClient(config),
      iam: new IAMClient(config),
      ...(o.scheduler ? { scheduler: new SchedulerClient(config) } : {}),
    },
    environment,
    created: new CreatedResources(),
    launchId: new LaunchId(environment.now),
    notes: [],
    signal: o.signal,
  };
  const reports: RollbackReport[] = [];
  const runner = plainRunner(ctx);
  const run = (async () => {
    const plan = await planLaunch(ctx, runner);
    return withRollback(
      ctx,
      () => createLaunch(ctx, plan, runner, { waitFor: 'running' }),
      (r) => reports.push(r),
    );
  })();
  run.catch(() => {});
  return { ctx, run, reports };
}

/** The instance a successful (not dry-run) launch made. */
export function expectLaunched(outcome: LaunchOutcome): LaunchedInstance {
  if (outcome.kind !== 'launched') throw new Error('the launch was a dry run');
  return outcome.instance;
}
