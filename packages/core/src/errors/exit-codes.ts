/** Process exit codes, the one table. Documented in the README; scripts may branch on them. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  credentials: 3,
  permission: 4,
  capacity: 5,
  quota: 6,
  /** A failed launch whose instance could not be terminated: it still runs (and bills). */
  instanceLeft: 7,
  /** An instance type that does not exist, or is not offered in the asked regions. */
  notFound: 8,
  /**
   * `spawn wait`: the instance ended (terminated, or stopped by its TTL or by hand) before its job
   * finished, so there is no exit code to report. A finished job's own exit code is returned as is.
   */
  jobLost: 9,
  /** SIGHUP (the terminal closed); SIGINT is `interrupted`, SIGTERM `terminated` (128 + signal number). */
  hangup: 129,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];
