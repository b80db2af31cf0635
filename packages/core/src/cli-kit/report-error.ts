import { ExitCode, type ExitCodeValue } from '../errors/exit-codes.ts';
import { isUserError } from '../errors/user-error.ts';
import type { CliIo } from './io.ts';

/**
 * The one place a binary turns a thrown error into output and an exit code. A UserError gets
 * "what happened / how to fix" on stderr and an `error` record on stdout when stdout is not a
 * terminal (so a downstream pipe sees it). Anything else is a bug: full stack on stderr.
 */
export function reportError(error: unknown, io: CliIo): ExitCodeValue {
  const recordToStdout = !io.stdout.isTTY;
  if (isUserError(error)) {
    io.stderr.write(`Error: ${error.message}\n`);
    if (error.hint) io.stderr.write(`  ${error.hint}\n`);
    if (recordToStdout) {
      const record = { v: 1, type: 'error', code: error.code, message: error.message, hint: error.hint };
      io.stdout.write(`${JSON.stringify(record)}\n`);
    }
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`Internal error (this is a bug, please report it):\n${text}\n`);
  if (recordToStdout) {
    const message = error instanceof Error ? error.message : String(error);
    io.stdout.write(`${JSON.stringify({ v: 1, type: 'error', code: 'INTERNAL', message })}\n`);
  }
  return ExitCode.failure;
}

/** True for the error a closed pipe (`| head -1`) raises on write. */
export function isBrokenPipe(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EPIPE';
}
