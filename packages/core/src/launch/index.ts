// Launching an instance: pure builders (spec, tags, RunInstances input, IAM policy, cost) and the AWS steps.

export { DEFAULT_HOME_REGION } from '../agent/bucket.ts';
export { JOB_DIR, JOB_LOG, shellQuote } from '../agent/job-unit.ts';
export { amiParameterNames } from './ami-parameters.ts';
export {
  DEFAULT_MAX_STOPPED,
  GP3_MAX_GIB,
  GP3_MIN_GIB,
  parseMaxStopped,
  validateDiskGiB,
} from './backstop-limits.ts';
export { backstopPlanLine, backstopResultLine } from './backstop-text.ts';
export {
  buildLaunchSpec,
  DEFAULT_IDLE_TIMEOUT,
  DEFAULT_TTL,
  generateName,
  type LaunchFlags,
  type LaunchTarget,
  validateSshCidr,
} from './build-launch-spec.ts';
export {
  buildRunInstancesInput,
  type RunInstancesParts,
  rootVolumeGiB,
} from './build-run-instances-input.ts';
export { buildInstanceTags, buildResourceTags, type InstanceTagInput, type Tag } from './build-tags.ts';
export type { LaunchClients, LaunchEnvironment, StepContext } from './context.ts';
export {
  createGroupLaunch,
  type GroupLaunchOptions,
  type GroupOutcome,
  type LaunchedMember,
} from './create-group-launch.ts';
export { createLaunch } from './create-launch.ts';
export { type CreatedResource, CreatedResources, type RollbackReport } from './created-resources.ts';
export { detectSshCidr, type FetchText } from './detect-public-ip.ts';
export { type CostEstimate, DEFAULT_ROOT_GIB, estimateCost, formatCost } from './estimate-cost.ts';
export { describeLaunchInventory, type LaunchInventory } from './inventory.ts';
export { LaunchId } from './launch-id.ts';
export type {
  BackstopOutcome,
  LaunchedInstance,
  LaunchOutcome,
  Prepared,
  PreparedGroup,
  PreparedKey,
  PreparedNetwork,
  PreparedProfile,
} from './launch-result.ts';
export { plainRunner, runConcurrently, throwIfInterrupted, withRollback } from './launch-steps.ts';
export { type CommandRunner, findOrCreateSshKey, type LocalSshKey } from './local-ssh-key.ts';
export {
  ed25519PrivatePem,
  ed25519PublicLine,
  publicLineFromOpensshPrivate,
  sshFingerprint,
} from './openssh-key.ts';
export { type OrgFlags, type OrgOptions, parseOrgFlags, parseUserTags } from './org-options.ts';
export type {
  Account,
  BackstopPlan,
  DiskPrice,
  ImageChoice,
  KeyPlan,
  LaunchPlan,
  PriceFacts,
  ProfilePlan,
  SpawndChecksumPlan,
  UserProfilePlan,
} from './plan.ts';
export { lookupSteps, planLaunch } from './plan-launch.ts';
export { planRootDisk, type RootDisk } from './root-disk.ts';
export { pinnedSpawndChecksums } from './spawnd-pins.ts';
export {
  ec2TrustPolicy,
  SPAWND_POLICY_NAME,
  SPAWND_ROLE_NAME,
  spawndPolicyDocument,
} from './spawnd-policy.ts';
export { decimalText, type SpotCap, toSpotCap } from './spot-cap.ts';
export { estimateSpot, type SpotEstimate, type SpotFacts, type SpotZonePrice } from './spot-estimate.ts';
export type { Done, Step, StepRunner, StepValues } from './step.ts';
export { keyPairName } from './steps/key-pair.ts';
export { userProfileText } from './steps/user-instance-profile.ts';
export { type WaitFor, waitForSsh } from './steps/wait-ready.ts';
export type {
  JobSpec,
  LaunchSpec,
  NetworkPlan,
  SpawnNetworkPlan,
  TypeFacts,
  UserDataFile,
  UserTag,
} from './types.ts';
export { USER_DATA_MAX_BYTES, userDataKind } from './user-data-mime.ts';
