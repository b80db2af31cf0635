// Light entry: no AWS SDK, no zod. Heavy areas live behind subpath exports (@truffle-spawn/core/<area>).

export { formatDuration, parseDuration } from './duration.ts';
export { type ErrorCode, errorCodes } from './errors/error-codes.ts';
export { ExitCode, type ExitCodeName, type ExitCodeValue } from './errors/exit-codes.ts';
export { isUserError, UserError, type UserErrorOptions } from './errors/user-error.ts';
export type {
  Architecture,
  Capacity,
  ErrorRecord,
  GpuInfo,
  InstanceRecord,
  JobRecord,
  Launched,
  Market,
  Message,
  Offer,
  Quota,
} from './protocol/schemas.ts';
export {
  COMPLETE_ACTIONS,
  type CompleteAction,
  END_ACTIONS,
  type EndAction,
  JOB_STATES,
  type JobState,
  TAG,
  type TagKey,
} from './tags.ts';
