// Test-only (never shipped): one whole core launch (lookups, then the create steps under rollback)
// against moto, optionally through the fault proxy, as the CLI runs it minus the progress display.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { TEST_SPEC } from './_test-step-context.ts';
import type { LaunchEnvironment, StepContext } from './context.ts';
import { CreatedResources, type RollbackReport } from './created-resources.ts';
import { createSteps, lookupSteps, runConcurrently, runStepItems, withRollback } from './launch-steps.ts';
import type { LaunchSpec } from './types.ts';

export interface MotoLaunchOptions {
  spec?: Partial<LaunchSpec>;
  /** Shared with other launches to model one user's HOME; default a fresh temp dir. */
  homedir?: string;
  /** The fault proxy's endpoint; default the moto endpoint from the environment. */
  endpoint?: string;
  environment?: Partial<LaunchEnvironment>;
  signal?: AbortSignal;
}

export interface MotoLaunch {
  ctx: StepContext;
  /** Resolves when the launch succeeded; rejects with its error after the rollback ran. */
  run: Promise<void>;
  reports: RollbackReport[];
}

/** Starts one launch (wait for `running`, no SSH) and returns at once. */
export function motoLaunch(o: MotoLaunchOptions = {}): MotoLaunch {
  const config = o.endpoint ? { endpoint: o.endpoint } : {};
  const ctx: StepContext = {
    spec: { ...TEST_SPEC, instanceType: 't3.micro', name: 'tx', ...o.spec },
    state: { notes: [], warnings: [] },
    clients: {
      ec2: new EC2Client(config),
      ssm: new SSMClient(config),
      sts: new STSClient(config),
      iam: new IAMClient(config),
    },
    environment: {
      homedir: o.homedir ?? mkdtempSync(join(tmpdir(), 'spawn-tx-')),
      platform: 'linux',
      env: {},
      now: () => new Date(),
      version: '0.1.0',
      dryRun: false,
      sleep: async () => {},
      ...o.environment,
    },
    created: new CreatedResources(),
    signal: o.signal,
  };
  const reports: RollbackReport[] = [];
  const run = (async () => {
    await runConcurrently(lookupSteps(), ctx);
    await withRollback(
      ctx,
      async () => {
        await runStepItems(createSteps({ waitFor: 'running', dryRun: ctx.environment.dryRun }), ctx);
      },
      (r) => reports.push(r),
    );
  })();
  run.catch(() => {});
  return { ctx, run, reports };
}
