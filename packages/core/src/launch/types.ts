import type { EndAction } from '../tags.ts';
import type { LocalSshKey } from './local-ssh-key.ts';

/** Everything the user decided (flags, wizard answers or a piped record), fully resolved. */
export interface LaunchSpec {
  region: string;
  /** Chosen AZ; undefined lets spawn pick one where the type is offered. */
  availabilityZone?: string;
  instanceType: string;
  market: 'on-demand' | 'spot';
  /** Spot: highest USD/hour accepted (undefined = capped at on-demand by AWS). */
  maxPrice?: number;
  /** Undefined only with --no-ttl. */
  ttlMs?: number;
  idleTimeoutMs: number;
  onIdle: EndAction;
  onExpire: EndAction;
  hibernate: boolean;
  /** `cr-...` to target one reservation, `open` for any matching open one. */
  reservation?: string;
  name: string;
  /** Private key path; undefined = ~/.ssh/id_ed25519 or id_rsa, created when missing. */
  keyPath?: string;
  ami?: string;
  user: string;
  diskGiB?: number;
  /** Make the EventBridge Scheduler backstop (false with --no-cloud-backstop). */
  cloudBackstop?: boolean;
  /** Longest the instance may stay stopped before the cloud schedule terminates it (default 7 days). */
  maxStoppedMs?: number;
  /** IPv4 CIDR allowed to reach port 22. */
  sshCidr: string;
  /** Known price (from an offer) in USD/hour, used for the estimate and spot cap. */
  pricePerHour?: number;
  onDemandPricePerHour?: number;
}

/** Facts about the instance type from DescribeInstanceTypes. */
export interface TypeFacts {
  architecture: 'x86_64' | 'arm64';
  memoryMiB: number;
  vcpus: number;
  hasGpu: boolean;
  hibernationSupported: boolean;
}

/** What the steps learn as they go; the instance step reads all of it. */
export interface LaunchState {
  accountId?: string;
  callerArn?: string;
  type?: TypeFacts;
  imageId?: string;
  imageSource?: string;
  rootDeviceName?: string;
  keyName?: string;
  keyPath?: string;
  /** The local key found by the lookup; `created: true` means none exists yet (made after confirm). */
  localKey?: LocalSshKey;
  /** The EC2 key pair for `keyName` already exists (imported by an earlier launch). */
  keyPairExists?: boolean;
  availabilityZone?: string;
  vpcId?: string;
  subnetId?: string;
  /** What the network lookup found; `ensureNetwork` creates whatever is missing. */
  network?: NetworkPlan;
  securityGroupId?: string;
  instanceProfileName?: string;
  /** The spawnd role and profile already exist with the role attached. */
  instanceProfileReady?: boolean;
  /** The lookup's answer: the instance profile exists (with or without its role). */
  instanceProfileFound?: boolean;
  /** gp3 USD per GB-month for the disk in the estimate, and where it came from. */
  diskPrice?: { usdPerGbMonth: number; source: string };
  /** Where the on-demand price in the estimate came from, in words. */
  priceSource?: string;
  /** spawnd checksums pinned by the launcher (undefined: the instance trusts the published file). */
  spawndSha256?: { x64: string; arm64: string };
  /**
   * Where spawnd's checksum comes from: `pinned` (the release this spawn was built with), else
   * "checksum not pinned": the home bucket's `.sha256`, read at launch or by the instance at boot.
   */
  spawndChecksum?: 'pinned' | 'home-bucket' | 'home-bucket-at-boot';
  /** `spawn:launch-id`: made on first use by `launchIdOf` (every own resource is tagged with it at birth). */
  launchId?: string;
  instanceId?: string;
  /** The cloud backstop after the launch: armed, absent (could not be made) or disabled. */
  cloudBackstop?: 'armed' | 'absent' | 'disabled';
  /** When the backstop schedule fires (UTC ISO), or why it is absent / disabled. */
  cloudBackstopAt?: string;
  /** When the stop schedule fires (UTC ISO): only when the instance's end keeps its disk. */
  cloudBackstopStopAt?: string;
  cloudBackstopReason?: string;
  publicIp?: string;
  privateIp?: string;
  /** Dry run: resources that do not exist yet, so RunInstances' DryRun must not name them. */
  missing?: ('key' | 'profile')[];
  /** Messages for the plan (dry run: what would be created). */
  notes: string[];
  /** Things the user should know that do not stop the launch (shown as warnings). */
  warnings: string[];
}

/** The network a launch will use, as found by the lookup (before anything is created). */
export type NetworkPlan =
  | { kind: 'default'; vpcId: string; subnetId: string; zone: string }
  | { kind: 'reuse'; vpcId: string; subnetId: string; zone: string }
  /**
   * No usable spawn network in the zone: find-or-create the shared spawn VPC (`vpcId` when one
   * exists), and make it complete (gateway, route, a public subnet in `zone`).
   */
  | { kind: 'ensure'; vpcId?: string; zone: string };
