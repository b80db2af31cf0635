import { UserError } from '../errors/user-error.ts';

// @inquirer/core's errors, by name (core does not depend on inquirer): Ctrl-C or a closed terminal
// at a question is ExitPromptError; a prompt ended by our own abort signal is AbortPromptError.
const PROMPT_CANCEL_NAMES = new Set(['ExitPromptError', 'AbortPromptError', 'CancelPromptError']);

/** True for the error an interactive prompt rejects with when the user presses Ctrl-C at it. */
export function isPromptCancelled(error: unknown): boolean {
  return error instanceof Error && PROMPT_CANCEL_NAMES.has(error.name);
}

/**
 * A prompt's Ctrl-C as a CANCELLED UserError (exit 130, no stack trace); any other error as it is.
 * `message` says what the cancel left behind, e.g. "Cancelled, nothing was created."
 */
export function cancelledAtPrompt(error: unknown, message = 'Cancelled at a question (Ctrl-C).'): unknown {
  return isPromptCancelled(error) ? new UserError('CANCELLED', message, { cause: error }) : error;
}
