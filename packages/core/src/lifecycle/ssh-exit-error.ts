import type { ExitCodeValue } from '../errors/exit-codes.ts';
import { UserError } from '../errors/user-error.ts';

/**
 * ssh ended with a non-zero status; `spawn connect` exits with that same status (255 is ssh's
 * own connection failure), so scripts see what ssh reported.
 */
export class SshExitError extends UserError {
  readonly status: number;

  constructor(status: number, host: string) {
    super(
      status === 130 ? 'INTERRUPTED' : 'NETWORK_ERROR',
      status === 255 ? `ssh could not connect to ${host} (exit 255).` : `ssh exited with status ${status}.`,
      {
        hint:
          status === 255
            ? 'A new instance needs a minute before sshd answers; also check that the security group allows your current address.'
            : undefined,
        details: { sshStatus: status },
      },
    );
    this.status = status;
  }

  override get exitCode(): ExitCodeValue {
    return this.status as ExitCodeValue;
  }
}
