import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  buildLaunchSpec,
  CreatedResources,
  generateName,
  type LaunchTarget,
  launchSteps,
  type RollbackReport,
  type StepContext,
  withRollback,
} from '@truffle-spawn/core/launch';
import { VERSION } from '../version.ts';
import { confirmLaunch } from './confirm.ts';
import type { LaunchOptions } from './launch-options.ts';
import { planLines } from './plan-text.ts';
import { withCatalogPrice } from './price.ts';
import { probePort } from './probe-port.ts';
import { reportLaunch } from './report-launch.ts';
import { runStepsWithProgress } from './run-steps.ts';

/** Plans, confirms and launches one target; any failure deletes what this run created. */
export async function launchTarget(
  ctx: CommandContext,
  target: LaunchTarget,
  opts: LaunchOptions & { sshCidr: string },
): Promise<void> {
  const out = ctx.output;
  const priced = await withCatalogPrice(
    buildLaunchSpec(target, opts, { name: opts.name ?? generateName(), sshCidr: opts.sshCidr }),
  );
  const spec = priced.spec;
  out.info(opts.dryRun ? 'Plan (dry run: nothing will be created):' : 'About to launch:');
  for (const line of planLines(spec)) out.info(line);
  if (priced.note) out.info(out.style('dim', `  (${priced.note})`));
  if (spec.ttlMs === undefined) {
    out.warn(
      out.style('red', 'NO TTL: this instance will run (and bill) until it is idle or you terminate it.'),
    );
  }
  if (spec.sshCidr === '0.0.0.0/0')
    out.warn(out.style('red', 'SSH is open to the whole internet (--ssh-cidr 0.0.0.0/0).'));
  if (!opts.dryRun) await confirmLaunch(ctx, { yes: opts.yes });

  const aws = await ctx.aws();
  const stepContext: StepContext = {
    spec,
    state: { notes: [] },
    clients: {
      ec2: aws.ec2(spec.region),
      ssm: aws.ssm(spec.region),
      sts: aws.sts(spec.region),
      iam: aws.iam(),
    },
    environment: {
      homedir: ctx.io.homedir,
      platform: ctx.io.platform,
      env: ctx.io.env,
      now: ctx.io.now,
      version: VERSION,
      dryRun: Boolean(opts.dryRun),
      probePort,
      runCommand: ctx.io.platform === 'win32' ? runCommand : undefined,
    },
    created: new CreatedResources(),
  };
  const steps = launchSteps({ waitFor: opts.wait ?? 'ssh', dryRun: Boolean(opts.dryRun) });
  await withRollback(
    stepContext,
    () => runStepsWithProgress(steps, stepContext, { stderr: ctx.io.stderr, signal: ctx.signal }),
    (report) => reportRollback(ctx, report),
  );
  if (opts.dryRun) {
    for (const note of stepContext.state.notes) out.info(`  - ${note}`);
    out.success('Dry run complete: nothing was created.');
    return;
  }
  reportLaunch(ctx, spec, stepContext.state);
}

function reportRollback(ctx: CommandContext, report: RollbackReport): void {
  const out = ctx.output;
  out.warn('The launch failed; deleting what this run created:');
  for (const r of report.deleted) out.info(`  deleted ${r.kind} ${r.id}`);
  for (const r of report.failed) {
    out.warn(
      `  could NOT delete ${r.kind} ${r.id}: ${r.error instanceof Error ? r.error.message : String(r.error)}`,
    );
  }
  if (report.failed.length > 0) out.warn('Delete those by hand or run `spawn cleanup`.');
}

async function runCommand(command: string, args: string[]): Promise<void> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  await promisify(execFile)(command, args);
}
