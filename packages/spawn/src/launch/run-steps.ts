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
 * (line per event) one otherwise. Each step's title becomes what it did. In a concurrent group
 * every step settles, and the first failure in step order is thrown, so the error reported does
 * not depend on which call lost a race.
 */
export async function runStepsWithProgress(
  items: LaunchStepItem[],
  stepContext: StepContext,
  o: { stderr: TtyWritable; signal: AbortSignal },
): Promise<void> {
  const { Listr, ListrLogger, ProcessOutput } = await import('listr2');
  const stream = o.stderr as NodeJS.WriteStream;
  const processOutput = new ProcessOutput(stream, stream);
  const failures: { order: number; error: unknown }[] = [];
  const toTask = (step: LaunchStep, order: number): ListrTask => ({
    title: step.title,
    task: async (_, task) => {
      throwIfInterrupted(o.signal);
      try {
        task.title = await step.run(stepContext);
      } catch (error) {
        failures.push({ order, error });
        throw error;
      }
      throwIfInterrupted(o.signal);
    },
  });
  let order = 0;
  const tasks = items.map((item): ListrTask => {
    if (!('concurrent' in item)) return toTask(item, order++);
    const group = item.concurrent.map((step) => toTask(step, order++));
    return {
      title: item.title,
      task: (_, task) => task.newListr(group, { concurrent: true, exitOnError: false }),
    };
  });
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
  const first = failures.sort((a, b) => a.order - b.order)[0];
  if (first) throw first.error;
  if (outcome) throw outcome.error;
  throwIfInterrupted(o.signal);
}
