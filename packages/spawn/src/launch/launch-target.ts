import { ExitCode, isUserError, UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import {
  buildLaunchSpec,
  createGroupLaunch,
  createLaunch,
  type GroupOutcome,
  generateName,
  type JobSpec,
  type LaunchedInstance,
  type LaunchOutcome,
  type LaunchPlan,
  type LaunchTarget,
  planLaunch,
  type RollbackReport,
  type StepContext,
  type UserDataFile,
  withRollback,
} from '@truffle-spawn/core/launch';
import type { CallSignal } from './abortable-clients.ts';
import { launchServices } from './aws-services.ts';
import { confirmLaunch } from './confirm.ts';
import type { LaunchOptions } from './launch-options.ts';
import { planLines, survivorLines } from './plan-text.ts';
import { recordLaunchLocally } from './record-launch-locally.ts';
import { reportLaunch } from './report-launch.ts';
import { progressRunner } from './run-steps.ts';
import { waitForSshOrKeep } from './ssh-wait.ts';
import { buildStepContext } from './step-context.ts';

/**
 * Looks up what the launch needs (concurrently, creating nothing), shows the plan with the cost,
 * confirms, then creates in order; any failure up to "running" deletes what this run created.
 * A signal (Ctrl-C, SIGTERM, SIGHUP) aborts the calls in flight and rolls back once; a second
 * one during that only warns what an exit would leave (the process handler's `protect`).
 */
export async function launchTarget(
  ctx: CommandContext,
  target: LaunchTarget,
  opts: LaunchOptions & {
    sshCidr: string | undefined;
    why?: string;
    userDataFile?: UserDataFile;
    job?: JobSpec;
    /** `spawn run --count N` (N > 1): one launch of N instances. */
    group?: LaunchGroup;
  },
): Promise<Launch[]> {
  const out = ctx.output;
  const dryRun = Boolean(opts.dryRun);
  const spec = buildLaunchSpec(target, opts, {
    name: opts.name ?? generateName(),
    sshCidr: opts.sshCidr,
    userData: opts.userDataFile,
  });
  const calls: CallSignal = { current: ctx.signal };
  const step = buildStepContext(ctx, await ctx.aws(launchServices()), spec, { dryRun, calls });
  const runner = progressRunner(step, { stderr: ctx.io.stderr, signal: ctx.signal });
  const plan = await planLaunch(step, runner).catch((error: unknown) => {
    throw interrupted(ctx, error, 'the launch was cancelled before anything was created.');
  });

  out.info(dryRun ? 'Plan (dry run: nothing will be created):' : 'About to launch:');
  const group = opts.group;
  for (const line of planLines(plan, { why: opts.why }))
    out.info(group ? groupLine(line, spec.name, group.count) : line);
  // Said before the confirmation: ~/.ssh is the user's, so the change is part of what they accept.
  if (opts.sshConfig !== false)
    out.info(
      `  ssh        \`ssh ${group ? `${spec.name}-0` : spec.name}\`${group ? ' (and each NAME-i)' : ''} via ~/.ssh/config.d/spawn (--no-ssh-config: leave ~/.ssh alone)`,
    );
  for (const warning of plan.warnings) out.warn(warning);
  if (plan.spec.ttlMs === undefined) {
    out.warn(
      out.style('red', 'NO TTL: this instance will run (and bill) until it is idle or you terminate it.'),
    );
  }
  if (plan.spec.sshCidr === '0.0.0.0/0')
    out.warn(out.style('red', 'SSH is open to the whole internet (--ssh-cidr 0.0.0.0/0).'));
  if (!dryRun) await confirmLaunch(ctx, { yes: opts.yes });

  const waitFor = opts.wait ?? 'ssh';
  const protect = ctx.io.interrupts?.protect ?? ((_, fn) => fn());
  let rollback: RollbackReport | undefined;
  const outcome = await protect(
    () => leftovers(step),
    () =>
      withRollback(
        step,
        // The rollback's deletes must not inherit the launch's (aborted) signal.
        () =>
          (group
            ? createGroupLaunch(step, plan, runner, {
                waitFor,
                ...group,
                onZoneFull: (message) => out.warn(message),
              })
            : (createLaunch(step, plan, runner, { waitFor }) as Promise<GroupOutcome | LaunchOutcome>)
          ).finally(() => {
            calls.current = undefined;
          }),
        (report) => {
          rollback = report;
          reportRollback(ctx, step, report);
        },
      ),
  ).catch((error: unknown) => {
    throw interrupted(
      ctx,
      error,
      rollback
        ? 'the launch was cancelled and what it had created was deleted (listed above).'
        : 'the launch was cancelled before anything was created.',
      rollback,
    );
  });
  if (outcome.kind === 'dry-run') {
    for (const note of step.notes) out.info(`  - ${note}`);
    out.success('Dry run complete: nothing was created.');
    return [];
  }
  const launched: Launch[] =
    'instance' in outcome
      ? [{ plan, instance: outcome.instance }]
      : outcome.members.map((m) => ({ plan: memberPlan(plan, m.name, m.index), instance: m.instance }));
  if ('missing' in outcome && outcome.missing.length > 0) {
    out.warn(
      `Only ${launched.length} of ${group?.count} launched (${launched.map((l) => l.plan.spec.name).join(', ')}); kept (--partial). No capacity for ${outcome.missing.join(', ')}${outcome.shortBecause ? `: ${outcome.shortBecause.message}` : '.'}`,
    );
  }
  for (const one of launched) {
    await recordLaunchLocally(ctx, one.plan, one.instance, { sshConfig: opts.sshConfig !== false });
    if (waitFor === 'ssh') await waitForSshOrKeep(ctx, step, one.plan, one.instance);
    reportLaunch(ctx, one.plan, one.instance);
  }
  return launched;
}

/** `--count N`: how many, whether a short group is kept, and whether other AZs may be asked. */
export interface LaunchGroup {
  count: number;
  partial: boolean;
  moveZones: boolean;
}

/** A member's view of the group's plan: its own name, and its index in the job. */
function memberPlan(plan: LaunchPlan, name: string, index: number): LaunchPlan {
  const job = plan.spec.job && { ...plan.spec.job, indexOffset: index };
  return { ...plan, spec: { ...plan.spec, name, job } };
}

/** The plan's Name and Cost lines for a group: every name, and N x the cost of one. */
function groupLine(line: string, name: string, count: number): string {
  if (line.startsWith('  Name       '))
    return `  Name       ${name}-0..${name}-${count - 1} (${count} instances, spawn:group ${name})`;
  if (line.startsWith('  Cost       ')) return `  Cost       ${count} x ${line.slice(13)}`;
  return line;
}

/** What a launch made: the plan it followed and the instance. */
export interface Launch {
  plan: LaunchPlan;
  instance: LaunchedInstance;
}

/** What this launch has created and not (yet) deleted, for the "press Ctrl-C again" warning. */
function leftovers(step: StepContext): string[] {
  return step.created.list().map((r) => `${r.kind} ${r.id}`);
}

/**
 * After a signal, any generic failure (an aborted call, INTERRUPTED from a step) becomes one
 * INTERRUPTED error saying what happened to the launch's resources. A specific error (say, the
 * instance could not be terminated) is kept as it is.
 */
function interrupted(ctx: CommandContext, error: unknown, what: string, report?: RollbackReport): unknown {
  if (!ctx.signal.aborted) return error;
  if (isUserError(error) && error.exitCode !== ExitCode.failure && error.exitCode !== ExitCode.interrupted)
    return error;
  const left = [
    ...(report?.failed.map((r) => `${r.kind} ${r.id}`) ?? []),
    ...(report?.unchecked?.map((u) => `any ${u.kind}s it may have made (could not check)`) ?? []),
  ];
  return new UserError('INTERRUPTED', `Interrupted: ${what}`, {
    cause: error,
    hint:
      left.length > 0
        ? `Not deleted: ${left.join(', ')}. \`spawn cleanup\` finds them by their spawn:launch-id tag.`
        : undefined,
  });
}

function reportRollback(ctx: CommandContext, step: StepContext, report: RollbackReport): void {
  const out = ctx.output;
  out.warn(
    ctx.signal.aborted
      ? 'Interrupted; deleting what this run created:'
      : 'The launch failed; deleting what this run created:',
  );
  for (const r of report.deleted) out.info(`  deleted ${r.kind} ${r.id}`);
  for (const r of report.failed) {
    out.warn(
      `  could NOT delete ${r.kind} ${r.id}: ${r.error instanceof Error ? r.error.message : String(r.error)}`,
    );
  }
  const survivor = report.failed.find((r) => r.kind === 'instance');
  if (survivor) {
    for (const line of survivorLines({
      instanceId: survivor.id,
      region: step.spec.region,
      ttlMs: step.spec.ttlMs,
    }))
      out.warn(line);
  }
  const unchecked = report.unchecked ?? [];
  for (const u of unchecked)
    out.warn(`  could NOT check for ${u.kind}s (${u.why}): this run may have made one that is still there.`);
  if (unchecked.some((u) => u.kind === 'instance'))
    out.warn(
      `  Once AWS answers, \`spawn list --region ${step.spec.region}\` shows it if it runs (named ${step.spec.name}, tag spawn:launch-id ${step.launchId.value}); it bills until \`spawn terminate\` (or its TTL) ends it.`,
    );
  if (!survivor && (report.failed.length > 0 || unchecked.some((u) => u.kind !== 'instance')))
    out.warn('Delete those by hand or run `spawn cleanup`.');
}
