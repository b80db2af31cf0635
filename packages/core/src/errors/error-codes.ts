import type { ExitCodeName } from './exit-codes.ts';

/**
 * Every UserError code and the exit-code class it maps to.
 * Codes are UPPER_SNAKE and stable: scripts and the `error` protocol record carry them.
 */
export const errorCodes = {
  USAGE: 'usage',
  INVALID_INPUT: 'usage',
  INVALID_DURATION: 'usage',
  INVALID_REGION: 'usage',
  CONFIG_INVALID: 'usage',
  PROTOCOL_INVALID_LINE: 'usage',
  PROTOCOL_UNSUPPORTED_VERSION: 'usage',
  PROTOCOL_EMPTY_INPUT: 'usage',
  PROTOCOL_LINE_TOO_LONG: 'usage',
  NOT_FOUND: 'failure',
  INSTANCE_TYPE_NOT_FOUND: 'notFound',
  INSTANCE_TYPE_NOT_OFFERED: 'notFound',
  /** A resource a launch flag names (--subnet, --security-group, --key-pair, --iam-instance-profile) does not exist. */
  LAUNCH_RESOURCE_NOT_FOUND: 'notFound',
  AMBIGUOUS_NAME: 'usage',
  INVALID_STATE: 'failure',
  REGION_MISSING: 'credentials',
  CREDENTIALS_MISSING: 'credentials',
  CREDENTIALS_EXPIRED: 'credentials',
  MFA_CODE_NEEDS_TERMINAL: 'credentials',
  UNAUTHORIZED_OPERATION: 'permission',
  EC2_CAPACITY_UNAVAILABLE: 'capacity',
  EC2_UNSUPPORTED_IN_AZ: 'capacity',
  SPOT_MAX_PRICE_TOO_LOW: 'capacity',
  EC2_QUOTA_EXCEEDED: 'quota',
  INVALID_PARAMETER: 'usage',
  THROTTLED: 'failure',
  AWS_ERROR: 'failure',
  NETWORK_ERROR: 'failure',
  SSH_CIDR_UNKNOWN: 'usage',
  /** A spawn:* tag (e.g. spawn:user) failed validation: refused rather than used. */
  UNTRUSTED_TAG: 'usage',
  TIMEOUT: 'failure',
  INSTANCE_NOT_TERMINATED: 'instanceLeft',
  /** `spawn wait`: the job failed; the process exits with the job's own exit code (see JobExitError). */
  JOB_FAILED: 'failure',
  /** `spawn wait`: the instance ended before its job finished. */
  JOB_LOST: 'jobLost',
  INTERRUPTED: 'interrupted',
  CANCELLED: 'interrupted',
} as const satisfies Record<string, ExitCodeName>;

export type ErrorCode = keyof typeof errorCodes;
