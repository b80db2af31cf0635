import type { ExitCodeValue } from '../errors/exit-codes.ts';
import { ExitCode } from '../errors/exit-codes.ts';
import type { CliIo } from './io.ts';
import { isBrokenPipe, reportError } from './report-error.ts';

/** Commander's error shape, structurally (core does not depend on commander). */
interface CommanderLikeError {
  code: string;
  exitCode: number;
}

function isCommanderError(error: unknown): error is CommanderLikeError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    (error as { code: string }).code.startsWith('commander.')
  );
}

/**
 * Runs a parsed CLI invocation and maps every outcome to one exit code: commander usage errors
 * are 2 (help and version are 0), a closed stdout pipe is 0, the rest goes through reportError.
 */
export async function runMain(io: CliIo, parse: () => Promise<unknown>): Promise<ExitCodeValue> {
  try {
    await parse();
    return ExitCode.ok;
  } catch (error) {
    if (isCommanderError(error)) {
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? ExitCode.ok
        : ExitCode.usage;
    }
    if (isBrokenPipe(error)) return ExitCode.ok;
    return reportError(error, io);
  }
}
