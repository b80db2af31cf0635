import { type CliIo, createOutput, type Output } from '@truffle-spawn/core/cli-kit';

/**
 * What spawnd's handlers get: its I/O, signal and NDJSON output. No AWS context or cache (core's
 * createCommandContext can load the AWS SDK and the cache on demand, and the bundler would then put
 * both into the on-instance executable, about 2.6 MB more code): spawnd talks to EC2 through core's
 * lean agent client.
 */
export interface SpawndContext {
  readonly io: CliIo;
  readonly output: Output;
  readonly signal: AbortSignal;
}

export function createSpawndContext(io: CliIo, signal: AbortSignal): SpawndContext {
  return { io, output: createOutput(io, { format: 'ndjson', color: false }), signal };
}
