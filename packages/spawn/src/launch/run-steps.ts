import { UserError } from '@truffle-spawn/core';
import type { TtyWritable } from '@truffle-spawn/core/cli-kit';
import {
  type LaunchStep,
  type LaunchStepItem,
  type StepContext,
  throwIfInterrupted,
} from '@truffle-spawn/core/launch';
import type { ListrTask } from 'listr2';

/**
 * Runs the launch steps with listr2 on stderr: the simple renderer on a terminal, the verbose
 * (line per event) one otherwise. Each step's title becomes what it did. The first failure stops
 * the launch: nothing after it runs (RunInstances is never sent after a failed preparation). In a
 * concurrent group it also cancels its siblings (`ctx.cancelled`: core refuses their next AWS
 * call, but a call on the wire finishes so what it creates is journalled) and waits until every sibling has
 * settled before failing, so the rollback sees all of it. The error thrown is the failure that
 * stopped the group (by step order if several failed before the cancel), not a cancellation.
 */
export async function runStepsWithProgress(
  items: LaunchStepItem[],
  stepContext: StepContext,
  o: { stderr: TtyWritable; signal: AbortSignal },
): Promise<void> {
  const { Listr, ListrLogger, ProcessOutput } = await import('listr2');
  const stream = o.stderr as NodeJS.WriteStream;
  const processOutput = new ProcessOutput(stream, stream);
  const failures: { order: number; error: unknown; cancelled: boolean }[] = [];
  let order = 0;
  const toTask = (step: LaunchStep, group?: Group): ListrTask => {
    const mine = order++;
    return {
      title: step.title,
      task: async (_, task) => {
        const run = (async () => {
          throwIfInterrupted(o.signal);
          if (group?.signal.aborted) throw cancelled();
          return step.run(stepContext);
        })();
        group?.running.push(run);
        try {
          task.title = await run;
        } catch (error) {
          failures.push({
            order: mine,
            error,
            cancelled: group?.signal.aborted === true || o.signal.aborted,
          });
          group?.controller.abort();
          if (group) await Promise.allSettled(group.running);
          throw firstFailure(failures);
        }
        throwIfInterrupted(o.signal);
      },
    };
  };
  const tasks = items.map((item): ListrTask => {
    if (!('concurrent' in item)) return toTask(item);
    const group = newGroup();
    const subtasks = item.concurrent.map((step) => toTask(step, group));
    return {
      title: item.title,
      task: async (_, task) => {
        stepContext.cancelled = group.signal;
        return task.newListr(subtasks, { concurrent: true, exitOnError: true });
      },
    };
  });
  const list = new Listr(tasks, {
    renderer: o.stderr.isTTY ? 'simple' : 'verbose',
    exitOnError: true,
    registerSignalListeners: false,
    rendererOptions: { logger: new ListrLogger({ processOutput, useIcons: Boolean(o.stderr.isTTY) }) },
  });
  const outcome = await list
    .run()
    .then(
      () => undefined,
      (error: unknown) => ({ error }),
    )
    .finally(() => {
      stepContext.cancelled = undefined;
    });
  if (failures.length > 0) throw firstFailure(failures);
  if (outcome) throw outcome.error;
  throwIfInterrupted(o.signal);
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
