import type { TtyWritable } from '@truffle-spawn/core/cli-kit';
import { type LaunchStep, type StepContext, throwIfInterrupted } from '@truffle-spawn/core/launch';

/**
 * Runs the launch steps with listr2 on stderr: the simple renderer on a terminal, the verbose
 * (line per event) one otherwise. Each step's title becomes what it did.
 */
export async function runStepsWithProgress(
  steps: LaunchStep[],
  stepContext: StepContext,
  o: { stderr: TtyWritable; signal: AbortSignal },
): Promise<void> {
  const { Listr, ListrLogger, ProcessOutput } = await import('listr2');
  const stream = o.stderr as NodeJS.WriteStream;
  const processOutput = new ProcessOutput(stream, stream);
  const tasks = steps.map((step) => ({
    title: step.title,
    task: async (_: unknown, task: { title: string }) => {
      throwIfInterrupted(o.signal);
      task.title = await step.run(stepContext);
      throwIfInterrupted(o.signal);
    },
  }));
  const list = new Listr(tasks, {
    renderer: o.stderr.isTTY ? 'simple' : 'verbose',
    exitOnError: true,
    registerSignalListeners: false,
    rendererOptions: { logger: new ListrLogger({ processOutput, useIcons: Boolean(o.stderr.isTTY) }) },
  });
  await list.run();
}
