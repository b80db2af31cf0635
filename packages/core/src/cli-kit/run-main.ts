import type { ExitCodeValue } from '../errors/exit-codes.ts';
import { ExitCode } from '../errors/exit-codes.ts';
import { isUserError, UserError } from '../errors/user-error.ts';
import type { CliIo } from './io.ts';
import { SIGNAL_EXIT_CODES } from './process-io.ts';
import { cancelledAtPrompt } from './prompt-cancelled.ts';
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
 * After a signal, a generic failure (an aborted call, INTERRUPTED) exits with the signal's code
 * (130/143/129) and never with a stack trace; a specific code (say, an instance the rollback
 * could not end) is kept. Ctrl-C at an interactive question (inquirer's ExitPromptError) is
 * CANCELLED, exit 130, wherever the prompt was: never an internal error.
 */
export async function runMain(io: CliIo, parse: () => Promise<unknown>): Promise<ExitCodeValue> {
  try {
    await parse();
    return ExitCode.ok;
  } catch (thrown) {
    const error = cancelledAtPrompt(thrown);
    if (isCommanderError(error)) {
      return error.exitCode === 0 ||
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version'
        ? ExitCode.ok
        : ExitCode.usage;
    }
    if (isBrokenPipe(error)) return ExitCode.ok;
    const received = io.interrupts?.received();
    if (!received) return reportError(error, io);
    if (!isUserError(error)) {
      const message = error instanceof Error ? error.message : String(error);
      reportError(new UserError('INTERRUPTED', `Interrupted (${received}): ${message}`), io);
      return SIGNAL_EXIT_CODES[received];
    }
    const code = reportError(error, io);
    return code === ExitCode.failure || code === ExitCode.interrupted ? SIGNAL_EXIT_CODES[received] : code;
  }
}
