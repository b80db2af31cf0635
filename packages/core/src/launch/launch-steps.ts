import { UserError } from '../errors/user-error.ts';
import { adoptStrays } from './adopt-strays.ts';
import type { StepContext } from './context.ts';
import type { RollbackReport } from './created-resources.ts';
import type { Step, StepRunner, StepValues } from './step.ts';

/** Runs steps silently: what the CLI does, without the progress display. */
export function plainRunner(ctx: StepContext): StepRunner {
  return {
    async step(step) {
      if (ctx.signal) throwIfInterrupted(ctx.signal);
      return (await step.run(ctx)).value;
    },
    async group(_title, steps) {
      if (ctx.signal) throwIfInterrupted(ctx.signal);
      return runConcurrently(steps, ctx);
    },
  };
}

/**
 * Runs steps concurrently; the first failure cancels the others (their context's `cancelled`: no
 * new call starts, one in flight finishes and is journalled), then waits until all have settled,
 * so what they created is in the journal before a rollback reads it, and throws that first real
 * failure (not a sibling's cancellation). Returns each step's value, in order.
 */
export async function runConcurrently<S extends readonly Step<unknown>[]>(
  steps: readonly [...S],
  ctx: StepContext,
): Promise<StepValues<S>> {
  const controller = new AbortController();
  const cancelled = ctx.cancelled ? AbortSignal.any([ctx.cancelled, controller.signal]) : controller.signal;
  const group: StepContext = { ...ctx, cancelled };
  let first: { error: unknown } | undefined;
  const results = await Promise.allSettled(
    steps.map((s) =>
      s.run(group).catch((error: unknown) => {
        if (!first && !controller.signal.aborted) first = { error };
        controller.abort();
        throw error;
      }),
    ),
  );
  if (first) throw first.error;
  const values: unknown[] = [];
  for (const r of results) {
    if (r.status === 'rejected') throw r.reason;
    values.push(r.value.value);
  }
  return values as StepValues<S>;
}

/** Throws the INTERRUPTED UserError (exit 130) once Ctrl-C was pressed. */
export function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw new UserError('INTERRUPTED', 'Interrupted: the launch was cancelled.');
}

/**
 * Runs `fn`; on any failure deletes what this launch OWNS (never shared resources), tells
 * `onRollback` (also when a lookup for what it may have created failed), and rethrows the
 * original error, unless the instance could not be terminated: then its security group and key
 * are kept for it and the error is INSTANCE_NOT_TERMINATED (exit 7), naming the instance and how
 * to end it.
 */
export async function withRollback<T>(
  ctx: StepContext,
  fn: () => Promise<T>,
  onRollback: (report: RollbackReport) => void,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const unchecked = await adoptStrays(ctx, AbortSignal.timeout(60_000));
    if (ctx.created.list().length === 0 && unchecked.length === 0) throw error;
    const report = await ctx.created.rollback();
    if (unchecked.length > 0) report.unchecked = unchecked;
    onRollback(report);
    if (report.survivor) throw survivorError(ctx, report.survivor, report, error);
    throw error;
  }
}

function survivorError(ctx: StepContext, id: string, report: RollbackReport, cause: unknown): UserError {
  const kept = report.kept.map((r) => `${r.kind} ${r.id}`).join(', ');
  return new UserError(
    'INSTANCE_NOT_TERMINATED',
    `The launch failed and its instance ${id} could not be terminated: it is still running (and billing)${kept ? `; kept for it: ${kept}` : ''}.`,
    {
      hint: `End it with \`spawn terminate ${id}\` (or \`aws ec2 terminate-instances --region ${ctx.spec.region} --instance-ids ${id}\`), then \`spawn cleanup\`.`,
      cause,
      details: { instanceId: id, region: ctx.spec.region, kept: report.kept },
    },
  );
}
