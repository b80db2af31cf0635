// spawn's lifecycle: find, explain, pause, resume, extend and end instances; tags are the only state.
export {
  type AllowIpPlan,
  allowIp,
  findSpawnSshGroup,
  planAllowIp,
  type SpawnSshGroup,
  sshRuleAdmits,
} from './allow-ip.ts';
export { catalogOnDemandPrice } from './catalog-price.ts';
export { type CloudView, cloudScheduleView, cloudScheduleViews } from './cloud-schedule-views.ts';
export {
  type ConnectKey,
  type ConnectKeyInput,
  describeKeyPairFingerprint,
  resolveConnectKey,
} from './connect-key.ts';
export {
  costSoFarUsd,
  EBS_PRICE_SOURCE,
  EBS_USD_PER_GB_MONTH,
  formatUsd,
  roundCents,
  volumeMonthlyUsd,
} from './cost-estimate.ts';
export { type DeleteOptions, type DeletionResult, deleteSpawnResources } from './delete-spawn-resources.ts';
export { orderForDeletion } from './deletion-order.ts';
export { describeManagedInstances } from './describe-managed-instances.ts';
export { describeDiskCost } from './disk-cost.ts';
export { explainStatus, type StatusFacts } from './explain-status.ts';
export { type ExtendPlan, type ExtendRequest, parseTargetTime, planExtend } from './extend-ttl.ts';
export { findSharedIamUser } from './find-iam-user.ts';
export { findOrphanScheduleResources } from './find-orphan-schedule-resources.ts';
export { findSpawnIam } from './find-spawn-iam.ts';
export { findSpawnResources } from './find-spawn-resources.ts';
export {
  enforcersCell,
  INSTANCE_TABLE_WIDTH,
  idleText,
  instanceColumns,
  timeLeftText,
  uptimeText,
} from './instance-columns.ts';
export { explainJob, type InstanceJob, instanceJob } from './instance-job.ts';
export {
  AGENT_REPORT_GRACE_MS,
  assessProtection,
  type CloudScheduleView,
  type Protection,
  unprotectedAdvice,
} from './instance-protection.ts';
export { toInstanceRecord } from './instance-record.ts';
export { JobExitError } from './job-exit-error.ts';
export { describeJob, isJobSettled, jobRecordOf } from './job-status.ts';
export {
  type KeyIndexEntry,
  type KeyIndexLocation,
  keyIndexPath,
  lookupKey,
  readKeyIndex,
  recordKey,
} from './key-index.ts';
export { launchIdTime } from './launch-id.ts';
export { listManagedInstances, type ManagedInstanceListing } from './list-managed-instances.ts';
export { type ListingWithSchedules, listWithSchedules } from './list-with-schedules.ts';
export { locateInstance } from './locate-instance.ts';
export { type ManagedInstance, toManagedInstance } from './managed-instance.ts';
export { isInstanceId, matchInstance } from './match-instance.ts';
export {
  type CleanupPlan,
  LEFTOVER_GRACE_MS,
  type PlanCleanupOptions,
  planCleanup,
} from './plan-cleanup.ts';
export { planSharedIam } from './plan-shared-iam.ts';
export {
  createPriceLookup,
  type HourlyPrice,
  type PriceLookup,
  type PriceLookupOptions,
} from './price-lookup.ts';
export { resourceColumns, resourceLabel, resourceMonthlyUsd } from './resource-label.ts';
export { RESOURCE_KINDS, type ResourceKind, type SpawnResource } from './spawn-resource.ts';
export {
  refreshSshHostEntry,
  removeSshHostEntry,
  type SshConfigLocation,
  type SshConfigPaths,
  type SshConfigWrite,
  sshConfigPaths,
  writeSshHostEntry,
} from './ssh-config-file.ts';
export { isSshAlias, SSH_INCLUDE_LINE, type SshHostEntry } from './ssh-config-text.ts';
export { SshExitError } from './ssh-exit-error.ts';
export {
  buildSshInvocation,
  type PortForward,
  type SshInvocation,
  type SshInvocationInput,
  type SsmSuggestion,
} from './ssh-invocation.ts';
export { type StartOptions, startManagedInstance } from './start-instance.ts';
export { assertCanStop, type StopOptions, stopManagedInstance } from './stop-instance.ts';
export { DEFAULT_MAX_STOPPED_MS, maxStoppedMs, syncCloudBackstop } from './sync-cloud-backstop.ts';
export { applyTagChangesLocally, NO_TAG_CHANGES, type TagChanges } from './tag-changes.ts';
export { type TerminateOptions, terminateManagedInstance } from './terminate-instance.ts';
export {
  expiresAtMs,
  formatRemaining,
  isoSeconds,
  pausedTtlMs,
  startTagChanges,
  stopTagChanges,
} from './ttl.ts';
export { type WaitForJobOptions, waitForJob } from './wait-for-job.ts';
export { writeTagChanges } from './write-tag-changes.ts';
