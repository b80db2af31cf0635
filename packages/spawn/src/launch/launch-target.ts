import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  buildLaunchSpec,
  createSteps,
  generateName,
  type LaunchTarget,
  lookupSteps,
  type RollbackReport,
  withRollback,
} from '@truffle-spawn/core/launch';
import { LAUNCH_SERVICES } from './aws-services.ts';
import { confirmLaunch } from './confirm.ts';
import type { LaunchOptions } from './launch-options.ts';
import { planLines } from './plan-text.ts';
import { reportLaunch } from './report-launch.ts';
import { runStepsWithProgress } from './run-steps.ts';
import { waitForSshOrKeep } from './ssh-wait.ts';
import { buildStepContext } from './step-context.ts';

/**
 * Looks up what the launch needs (concurrently, creating nothing), shows the plan with the cost,
 * confirms, then creates in order; any failure up to "running" deletes what this run created.
 */
export async function launchTarget(
  ctx: CommandContext,
  target: LaunchTarget,
  opts: LaunchOptions & { sshCidr: string },
): Promise<void> {
  const out = ctx.output;
  const dryRun = Boolean(opts.dryRun);
  const spec = buildLaunchSpec(target, opts, { name: opts.name ?? generateName(), sshCidr: opts.sshCidr });
  const step = buildStepContext(ctx, await ctx.aws(LAUNCH_SERVICES), spec, { dryRun });
  const progress = { stderr: ctx.io.stderr, signal: ctx.signal };
  await runStepsWithProgress([{ title: 'Looking up', concurrent: lookupSteps() }], step, progress);

  out.info(dryRun ? 'Plan (dry run: nothing will be created):' : 'About to launch:');
  for (const line of planLines(step.spec, step.state)) out.info(line);
  for (const warning of step.state.warnings) out.warn(warning);
  if (step.spec.ttlMs === undefined) {
    out.warn(
      out.style('red', 'NO TTL: this instance will run (and bill) until it is idle or you terminate it.'),
    );
  }
  if (step.spec.sshCidr === '0.0.0.0/0')
    out.warn(out.style('red', 'SSH is open to the whole internet (--ssh-cidr 0.0.0.0/0).'));
  if (!dryRun) await confirmLaunch(ctx, { yes: opts.yes });

  const waitFor = opts.wait ?? 'ssh';
  await withRollback(
    step,
    () => runStepsWithProgress(createSteps({ waitFor, dryRun }), step, progress),
    (report) => reportRollback(ctx, report),
  );
  if (dryRun) {
    for (const note of step.state.notes) out.info(`  - ${note}`);
    out.success('Dry run complete: nothing was created.');
    return;
  }
  if (waitFor === 'ssh') await waitForSshOrKeep(ctx, step);
  reportLaunch(ctx, step.spec, step.state);
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
