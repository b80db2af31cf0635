import type { LocalSshKey } from './local-ssh-key.ts';
import type { SpawnNetworkPlan } from './types.ts';

/** The EC2 key pair the instance gets; `exists: false` only in a dry run (it would be imported). */
export interface PreparedKey {
  readonly name: string;
  readonly local: LocalSshKey;
  readonly exists: boolean;
  /** `--key-pair`: the user's own key pair (never imported, re-imported or deleted by spawn). */
  readonly external?: boolean;
}

/** The network the instance runs in; `planned` only in a dry run (it would be created or repaired). */
export type PreparedNetwork =
  | { readonly kind: 'ready'; readonly vpcId: string; readonly subnetId: string; readonly zone: string }
  | { readonly kind: 'planned'; readonly plan: SpawnNetworkPlan };

/** The instance's own security group; `planned` only in a dry run, `none` when not wanted. */
export type PreparedGroup =
  | { readonly kind: 'created'; readonly groupId: string }
  | { readonly kind: 'planned' }
  | { readonly kind: 'none' };

/** spawnd's instance profile; `exists: false` only in a dry run (it would be created). */
export interface PreparedProfile {
  readonly name: string;
  readonly exists: boolean;
}

/** What the preparation group made ready for RunInstances. */
export interface Prepared {
  readonly key: PreparedKey;
  readonly network: PreparedNetwork;
  readonly securityGroup: PreparedGroup;
  readonly profile: PreparedProfile;
}

/** The cloud backstop after the launch: armed (with when it fires), absent (could not be made) or disabled. */
export type BackstopOutcome =
  | { readonly kind: 'armed'; readonly at: string | undefined; readonly stopAt: string | undefined }
  | { readonly kind: 'absent'; readonly reason: string }
  | { readonly kind: 'disabled'; readonly reason: string };

/** The instance RunInstances started. */
export interface StartedInstance {
  readonly instanceId: string;
  readonly privateIp: string | undefined;
  /** What it runs on: on-demand when a Spot launch fell back (`spotFallback` says why). */
  readonly market: 'on-demand' | 'spot';
  readonly spotFallback?: string;
}

/** The instance once it runs: its addresses (the public one may not exist). */
export interface RunningInstance {
  readonly publicIp: string | undefined;
  readonly privateIp: string | undefined;
}

/** What a launch created and where to reach it. */
export interface LaunchedInstance {
  readonly instanceId: string;
  readonly zone: string;
  readonly keyPath: string;
  readonly keyName: string;
  /** `SHA256:...` of the key pair's public key (the local key index records it with the path). */
  readonly keyFingerprint: string;
  readonly publicIp: string | undefined;
  readonly privateIp: string | undefined;
  readonly backstop: BackstopOutcome;
  readonly market: 'on-demand' | 'spot';
  /** Why a Spot launch runs on-demand (`--fallback-on-demand`): the Spot error, else undefined. */
  readonly spotFallback?: string;
}

/** The end of the create steps: an instance, or a dry run that created nothing (its notes are in the context). */
export type LaunchOutcome =
  | { readonly kind: 'launched'; readonly instance: LaunchedInstance }
  | { readonly kind: 'dry-run' };

/** The zone of a prepared network. */
export const preparedZone = (n: PreparedNetwork): string => (n.kind === 'ready' ? n.zone : n.plan.zone);

/** The VPC of a prepared network, when one exists yet. */
export function preparedVpc(n: PreparedNetwork): string | undefined {
  if (n.kind === 'ready') return n.vpcId;
  return n.plan.kind === 'repair' ? n.plan.vpcId : undefined;
}
