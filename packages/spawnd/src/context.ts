import { type CliIo, type CommandContext, createOutput } from '@truffle-spawn/core/cli-kit';

/**
 * The context spawnd's handlers get: its I/O and signal, NDJSON output, and no AWS context or
 * cache. Not core's createCommandContext: that one can load the AWS SDK and the cache on demand,
 * and the bundler would then put both into the on-instance executable (about 2.6 MB more code);
 * spawnd talks to EC2 through core's lean agent client instead.
 */
export function createSpawndContext(io: CliIo, signal: AbortSignal): CommandContext {
  const none = (what: string) => () =>
    Promise.reject(new Error(`spawnd has no ${what}: use the agent clients from @truffle-spawn/core/agent`));
  return {
    io,
    opts: {},
    output: createOutput(io, { format: 'ndjson', color: false }),
    signal,
    aws: none('AWS SDK context'),
    cache: none('cache'),
  };
}
