/** Process exit codes, the one table. Documented in the README; scripts may branch on them. */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  credentials: 3,
  permission: 4,
  capacity: 5,
  quota: 6,
  interrupted: 130,
} as const;

export type ExitCodeName = keyof typeof ExitCode;
export type ExitCodeValue = (typeof ExitCode)[ExitCodeName];
