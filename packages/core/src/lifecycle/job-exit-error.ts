import type { ExitCodeValue } from '../errors/exit-codes.ts';
import { UserError } from '../errors/user-error.ts';

/**
 * `spawn wait`: the job failed; the process exits with the job's own exit code (like `spawn
 * connect` with ssh's), so `spawn wait NAME && next-step` works as with a local command.
 */
export class JobExitError extends UserError {
  readonly status: number;

  constructor(status: number, name: string) {
    super('JOB_FAILED', `The job on ${name} failed with exit code ${status}.`, {
      hint: `Its output: spawn logs ${name}`,
      details: { jobExitCode: status },
    });
    this.status = status;
  }

  override get exitCode(): ExitCodeValue {
    return this.status as ExitCodeValue;
  }
}
