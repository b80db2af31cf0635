import { UserError } from '@truffle-spawn/core';
import type { TtyWritable } from '@truffle-spawn/core/cli-kit';
import {
  type Step,
  type StepContext,
  type StepRunner,
  type StepValues,
  throwIfInterrupted,
} from '@truffle-spawn/core/launch';
import { Listr, ListrLogger, type ListrTask, ProcessOutput } from 'listr2';

/**
 * Runs the launch steps with listr2 on stderr: the simple renderer on a terminal, the verbose
 * (line per event) one otherwise. Each step's title becomes what it did. The first failure stops
 * the launch: nothing after it runs (RunInstances is never sent after a failed preparation). In a
 * concurrent group it also cancels its siblings (`ctx.cancelled`: core refuses their next AWS
 * call, but a call on the wire finishes so what it creates is journalled) and waits until every sibling has
 * settled before failing, so the rollback sees all of it. The error thrown is the failure that
 * stopped the group (by step order if several failed before the cancel), not a cancellation.
 */
export function progressRunner(
  stepContext: StepContext,
  o: { stderr: TtyWritable; signal: AbortSignal },
): StepRunner {
  return {
    async step<T>(step: Step<T>): Promise<T> {
      const [value] = await runWithProgress(stepContext, o, [step]);
      return value as T;
    },
    async group<S extends readonly Step<unknown>[]>(title: string, steps: readonly [...S]) {
      const values = await runWithProgress(stepContext, o, steps, title);
      return values as StepValues<S>;
    },
  };
}

async function runWithProgress(
  stepContext: StepContext,
  o: { stderr: TtyWritable; signal: AbortSignal },
  steps: readonly Step<unknown>[],
  groupTitle?: string,
): Promise<unknown[]> {
  const stream = o.stderr as NodeJS.WriteStream;
  const processOutput = new ProcessOutput(stream, stream);
  const failures: { order: number; error: unknown; cancelled: boolean }[] = [];
  const values: unknown[] = [];
  const group = groupTitle === undefined ? undefined : newGroup();
  const context: StepContext = group
    ? {
        ...stepContext,
        cancelled: stepContext.cancelled
          ? AbortSignal.any([stepContext.cancelled, group.signal])
          : group.signal,
      }
    : stepContext;
  const toTask = (step: Step<unknown>, order: number): ListrTask => ({
    title: step.title,
    task: async (_, task) => {
      const run = (async () => {
        throwIfInterrupted(o.signal);
        if (group?.signal.aborted) throw cancelled();
        return step.run(context);
      })();
      group?.running.push(run);
      try {
        const done = await run;
        values[order] = done.value;
        task.title = done.line;
      } catch (error) {
        failures.push({ order, error, cancelled: group?.signal.aborted === true || o.signal.aborted });
        group?.controller.abort();
        if (group) await Promise.allSettled(group.running);
        throw firstFailure(failures);
      }
      throwIfInterrupted(o.signal);
    },
  });
  const subtasks = steps.map(toTask);
  const tasks: ListrTask[] =
    groupTitle === undefined
      ? subtasks
      : [
          {
            title: groupTitle,
            task: (_, task) => task.newListr(subtasks, { concurrent: true, exitOnError: true }),
          },
        ];
  const list = new Listr(tasks, {
    renderer: o.stderr.isTTY ? 'simple' : 'verbose',
    exitOnError: true,
    registerSignalListeners: false,
    rendererOptions: { logger: new ListrLogger({ processOutput, useIcons: Boolean(o.stderr.isTTY) }) },
  });
  const outcome = await list.run().then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  if (failures.length > 0) throw firstFailure(failures);
  if (outcome) throw outcome.error;
  throwIfInterrupted(o.signal);
  return values;
}

interface Group {
  controller: AbortController;
  /** Aborted by the group's first failure. */
  signal: AbortSignal;
  running: Promise<unknown>[];
}

function newGroup(): Group {
  const controller = new AbortController();
  return { controller, signal: controller.signal, running: [] };
}

const cancelled = () => new UserError('CANCELLED', 'Cancelled: another preparation step failed.');

/** The failure that stopped the run: a real one before any cancellation, by step order. */
function firstFailure(failures: { order: number; error: unknown; cancelled: boolean }[]): unknown {
  const ranked = failures
    .slice()
    .sort((a, b) => Number(a.cancelled) - Number(b.cancelled) || a.order - b.order);
  return ranked[0]?.error;
}
