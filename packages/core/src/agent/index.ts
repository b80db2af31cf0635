// spawnd's shared logic: pure policy, IMDS and EC2 calls for the agent, installer and release publishing.
export { type ActivitySample, evaluateSignals, type SignalName, type SignalReport } from './activity.ts';
export {
  AGENT_TAG,
  type AgentConfig,
  DEFAULT_AGENT_CONFIG,
  DEFAULT_COMPLETE_DELAY_MS,
  type IdleThresholds,
  readAgentConfig,
} from './agent-config.ts';
export { type AgentEc2Client, createAgentEc2Client } from './agent-ec2-client.ts';
export { type AgentStatus, HEARTBEAT_PERIOD_MS } from './agent-status.ts';
export {
  artifactKey,
  artifactName,
  bucketName,
  COMPRESSED_SUFFIX,
  DEFAULT_BUCKET_PREFIX,
  DEFAULT_HOME_REGION,
  SPAWND_ARCHES,
  SPAWND_KEY_PREFIX,
  type SpawndArch,
} from './bucket.ts';
export {
  type AgentState,
  DEFAULT_WARNING_LEADS_MS,
  type Deadline,
  type DecideInput,
  type Decision,
  decide,
} from './decide.ts';
export { extendedExpiry, extendOwnExpiry } from './extend-expiry.ts';
export { SPAWND_IAM_ACTIONS } from './iam-actions.ts';
export {
  createImdsClient,
  DEFAULT_IMDS_ENDPOINT,
  type ImdsClient,
  type ImdsOptions,
  type RoleCredentials,
  type SpotAction,
} from './imds-client.ts';
export {
  createOwnTags,
  deleteOwnTags,
  describeOwnTags,
  endInstance,
  setOwnTag,
  writeStatusTag,
} from './instance-ec2.ts';
export { countInteractiveSessions, isMultiplexerPane, type SessionCount } from './interactive-sessions.ts';
export { isJobInstance, type JobFiles, type JobObservation, jobTagChanges, observeJob } from './job-state.ts';
export {
  JOB_DIR,
  JOB_LOG,
  JOB_LOST_EXIT,
  JOB_LOST_GRACE_MS,
  JOB_RUNNER_SCRIPT,
  JOB_UNIT,
  type JobUnitOptions,
  jobCommandFile,
  jobUnitScript,
  shellQuote,
} from './job-unit.ts';
export {
  OS_TIMER_GRACE_MS,
  OS_TIMER_MIN_DELAY_MS,
  OS_TIMER_UNIT,
  osTimerCommands,
  osTimerDisarmCommands,
  osTimerFireAt,
} from './os-timer.ts';
export { pauseTtlChanges, resumeTtlChanges, writeOwnTagChanges } from './own-ttl-tags.ts';
export {
  type CpuTimes,
  countSshConnections,
  countSshLines,
  parseNetDev,
  parseNvidiaSmi,
  parseProcStat,
  type SshLineCount,
} from './procfs-parse.ts';
export {
  type PublishEvent,
  type PublishOptions,
  publishRelease,
  type ReleaseFile,
  releaseBucketPolicy,
} from './publish-release.ts';
export { createReleaseS3Client } from './release-s3-client.ts';
export { formatSpotWarning } from './spot-message.ts';
export { decodeStatusTag, encodeStatusTag, TAG_VALUE_MAX } from './status-tag.ts';
export { SPAWND_SYSTEMD_UNIT } from './systemd-unit.ts';
export { buildUserData, type UserDataOptions } from './user-data.ts';
export { encodeUtmp, parseUtmp, USER_PROCESS, UTMP_RECORD_SIZE, type UtmpLogin } from './utmp-parse.ts';
export { type DeadlineReason, formatWarning } from './warning-message.ts';
