import type { CliIo } from '@truffle-spawn/core/cli-kit';

/** Runs spawn with explicit I/O and returns the exit code (tests call this in-process). */
export async function main(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const [{ runMain }, { parseArgv }] = await Promise.all([
    import('@truffle-spawn/core/cli-kit'),
    import('./cli.ts'),
  ]);
  // Read when a command first asks for it (see createInterrupts).
  let own: AbortSignal | undefined;
  const signalOf = () => {
    own ??= signal ?? io.interrupts?.signal ?? new AbortController().signal;
    return own;
  };
  return runMain(io, () => parseArgv(io, signalOf, argv));
}

/** The bin entry: the one place that sets process.exitCode. */
export async function run(): Promise<void> {
  const { processIo } = await import('./process-io.ts');
  process.exitCode = await main(process.argv.slice(2), processIo());
}
