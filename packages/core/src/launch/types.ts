import type { GpuInfo } from '../protocol/schemas.ts';
import type { CompleteAction, EndAction } from '../tags.ts';

/** Everything the user decided (flags, wizard answers or a piped record), fully resolved. */
export interface LaunchSpec {
  region: string;
  /** Chosen AZ; undefined lets spawn pick one where the type is offered. */
  availabilityZone?: string;
  instanceType: string;
  market: 'on-demand' | 'spot';
  /** Spot: highest USD/hour accepted (undefined = capped at on-demand by AWS). */
  maxPrice?: number;
  /** The cap as the decimal text RunInstances gets (`--max-price` as typed, never rounded). */
  maxPriceText?: string;
  /** Spot: when no AZ tried has Spot capacity, launch on-demand instead (`--fallback-on-demand`). */
  fallbackOnDemand?: boolean;
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
  /**
   * IPv4 CIDR allowed to reach port 22 through spawn's own SSH security group. Undefined: no such
   * group is made (`--security-group` without `--ssh-cidr`: the user's groups decide who gets in).
   */
  sshCidr?: string;
  /** `--tag KEY=VALUE`: on every resource the launch creates, next to the `spawn:*` tags. */
  userTags?: readonly UserTag[];
  /** `--subnet`: launch in this existing subnet (its VPC and AZ); no network is created. */
  subnetId?: string;
  /** `--security-group`: existing groups in the launch VPC, attached to the instance. */
  securityGroupIds?: readonly string[];
  /** `--key-pair`: an existing EC2 key pair (nothing imported); `keyPath` is its private key. */
  keyPairName?: string;
  /** `--iam-instance-profile`: the user's profile; spawnd's policy is added inline to its role. */
  instanceProfileName?: string;
  /** `--user-data FILE`: run next to spawnd's installer (a MIME multi-part). */
  userData?: UserDataFile;
  /** Known price (from an offer) in USD/hour, used for the estimate (never as the spot cap). */
  pricePerHour?: number;
  onDemandPricePerHour?: number;
  /** `spawn run`: the job the instance runs (user-data and the spawn:job* tags). */
  job?: JobSpec;
}

/** A `spawn run` job, validated. The command goes to user-data only, never to a tag. */
export interface JobSpec {
  command: string[];
  onComplete: CompleteAction;
  completeDelayMs: number;
  /** SPAWN_COUNT (1 without --count). */
  count: number;
  /** Added to each instance's RunInstances launch index to make its SPAWN_INDEX. */
  indexOffset: number;
  /** `--count`: the spawn:group tag the instances share. */
  group?: string;
  /** The job waits for spawn's upload over SSH (--sync, --env, a script) before it runs. */
  awaitUpload: boolean;
}

/** A tag the user asked for (`--tag KEY=VALUE`), never a `spawn:` or `aws:` key. */
export interface UserTag {
  readonly Key: string;
  readonly Value: string;
}

/** The user's own user-data file as read (text: a script or cloud-config). */
export interface UserDataFile {
  /** The path as given, for messages. */
  readonly path: string;
  readonly text: string;
}

/** Facts about the instance type from DescribeInstanceTypes. */
export interface TypeFacts {
  architecture: 'x86_64' | 'arm64';
  memoryMiB: number;
  vcpus: number;
  hasGpu: boolean;
  /** Its GPU or accelerator (maker, model, kind) as the catalog describes it; picks the image. */
  accelerator?: GpuInfo;
  hibernationSupported: boolean;
}

/** The network a launch will use, as found by the lookup (before anything is created). */
export type NetworkPlan =
  | { readonly kind: 'default'; readonly vpcId: string; readonly subnetId: string; readonly zone: string }
  | { readonly kind: 'reuse'; readonly vpcId: string; readonly subnetId: string; readonly zone: string }
  /** `--subnet`: the user's subnet as is (`publicIp`: it gives instances a public IPv4 address). */
  | {
      readonly kind: 'given';
      readonly vpcId: string;
      readonly subnetId: string;
      readonly zone: string;
      readonly publicIp: boolean;
    }
  /** The shared spawn VPC exists but has no usable public subnet in the zone: add or repair it. */
  | { readonly kind: 'repair'; readonly vpcId: string; readonly zone: string }
  /** No default VPC and no spawn VPC: find-or-create the shared one, complete, with a subnet in `zone`. */
  | { readonly kind: 'create'; readonly zone: string };

/** A network plan that needs the create step (the shared spawn VPC made or completed). */
export type SpawnNetworkPlan = Extract<NetworkPlan, { kind: 'repair' | 'create' }>;
