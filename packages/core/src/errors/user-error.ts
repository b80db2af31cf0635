import { type ErrorCode, errorCodes } from './error-codes.ts';
import { ExitCode, type ExitCodeValue } from './exit-codes.ts';

export interface UserErrorOptions {
  /** What the user can do next, one sentence. */
  hint?: string;
  cause?: unknown;
  /** Extra machine-readable facts (region, instance type, missing action...). */
  details?: Record<string, unknown>;
}

/** An error the user can fix. The CLIs print it without a stack trace and exit with its code's class. */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  get exitCode(): ExitCodeValue {
    return ExitCode[errorCodes[this.code]];
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
