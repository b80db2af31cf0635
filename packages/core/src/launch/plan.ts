import type { SeenSchedulerRole } from '../scheduler/ensure-scheduler-role.ts';
import type { LocalSshKey } from './local-ssh-key.ts';
import type { SpawndChecksums } from './spawnd-pins.ts';
import { estimateSpot, type SpotEstimate, type SpotFacts } from './spot-estimate.ts';
import type { SeenRole } from './steps/shared-role.ts';
import type { LaunchSpec, NetworkPlan, TypeFacts } from './types.ts';

/** Who the launch bills (STS GetCallerIdentity). */
export interface Account {
  readonly id: string;
  readonly callerArn: string;
}

/** The machine image and the device its root volume is mapped to. */
export interface ImageChoice {
  readonly imageId: string;
  /** `--ami` or the SSM parameter it came from. */
  readonly source: string;
  readonly rootDeviceName: string;
  /** The image's name (DescribeImages), e.g. "Deep Learning Base OSS Nvidia Driver GPU AMI (Amazon Linux 2023) 20261101". */
  readonly name?: string;
  /** Size of the image's root snapshot (DescribeImages); the root volume is never smaller. Undefined: unknown. */
  readonly rootSnapshotGiB?: number;
  /** The volume type the root volume gets: the image's (gp3 or gp2), gp3 otherwise. */
  readonly rootVolumeType?: RootVolumeType;
}

/** Root volume types spawn creates: those that need no IOPS settings and are SSD. */
export type RootVolumeType = 'gp3' | 'gp2';

/** The SSH key as the lookup found it (nothing is created before the user confirms). */
export type KeyPlan =
  /** The local key exists and its EC2 key pair was imported by an earlier launch. */
  | { readonly kind: 'reuse'; readonly name: string; readonly local: LocalSshKey }
  /** The local key exists; its key pair is imported by this launch (and is then its own). */
  | { readonly kind: 'import'; readonly name: string; readonly local: LocalSshKey }
  /** No local key: created (0600) after confirmation, then imported. `local` is a stand-in until then. */
  | { readonly kind: 'create'; readonly local: LocalSshKey }
  /** `--key-pair`: the user's key pair, used as is; `local.privatePath` is its private key (no fingerprint). */
  | { readonly kind: 'existing'; readonly name: string; readonly local: LocalSshKey };

/** spawnd's shared role and instance profile as the lookup found them. */
export type ProfilePlan =
  /** `role`: its trust and inline policy as read (the launch then reads neither again). */
  | { readonly kind: 'ready'; readonly name: string; readonly role?: SeenRole }
  /** Missing or half-made (`profileExists`: the profile is there without its role). */
  | {
      readonly kind: 'to-create';
      readonly name: string;
      readonly profileExists: boolean;
      readonly role?: SeenRole;
    }
  /** `--iam-instance-profile`: the user's profile; spawnd's policy is put inline on its role. */
  | UserProfilePlan;

/**
 * The user's instance profile and what spawnd's inline policy on its role needs: `present` (the
 * same document is there), `attach` (none: added after confirmation, removed by a rollback) or
 * `update` (an older document: replaced, and put back by a rollback).
 */
export interface UserProfilePlan {
  readonly kind: 'user';
  readonly name: string;
  readonly roleName: string;
  readonly policyName: string;
  readonly policyDocument: string;
  readonly policy: 'present' | 'attach' | 'update';
  /** The document found (`update` only), restored on rollback. */
  readonly previousDocument?: string;
}

/** The on-demand price and the price the instance is estimated at (USD/hour), with their source. */
export interface PriceFacts {
  readonly onDemandPricePerHour: number | undefined;
  readonly pricePerHour: number | undefined;
  /** Where the on-demand price came from, in words. */
  readonly source: string;
  /** Spot launches: the live spot prices and Spot Advisor figures found. */
  readonly spot?: SpotFacts;
}

/** gp3 USD per GB-month for the disk in the estimate, and where it came from. */
export interface DiskPrice {
  readonly usdPerGbMonth: number;
  readonly source: string;
}

/**
 * Where spawnd's checksum comes from: pinned (the release this spawn was built with), else
 * "not pinned": the home bucket's `.sha256`, read now or by the instance at boot.
 */
export type SpawndChecksumPlan =
  | { readonly kind: 'pinned'; readonly sha256: SpawndChecksums }
  | { readonly kind: 'home-bucket'; readonly sha256: SpawndChecksums }
  | { readonly kind: 'home-bucket-at-boot' };

/** The schedule group and scheduler role as the backstop lookup read them. */
export interface SeenBackstop {
  readonly groupExists: boolean;
  readonly role: SeenSchedulerRole;
}

/** Whether the cloud backstop can be made, as the lookup found it. */
export type BackstopPlan =
  | { readonly kind: 'not-wanted' }
  /** `seen`: what the lookup read, so the launch does not read it again. */
  | { readonly kind: 'available'; readonly seen?: SeenBackstop }
  /** The caller may not use EventBridge Scheduler or its role: the launch goes on without it. */
  | { readonly kind: 'absent'; readonly reason: string };

/**
 * Everything the lookups found, before anything is created: shown as the plan, confirmed, then
 * handed to the create steps. Immutable: nothing is filled in later.
 */
export interface LaunchPlan {
  /** The user's spec with the prices the lookup found. */
  readonly spec: LaunchSpec;
  readonly account: Account;
  readonly type: TypeFacts;
  readonly image: ImageChoice;
  readonly key: KeyPlan;
  readonly network: NetworkPlan;
  readonly instanceProfile: ProfilePlan;
  readonly price: PriceFacts;
  /** Spot launches: the spot price (or cap) the estimate uses, the cap and the interruption bucket. */
  readonly spot?: SpotEstimate;
  readonly diskPrice: DiskPrice;
  readonly spawnd: SpawndChecksumPlan;
  readonly backstop: BackstopPlan;
  /** Things the user should know that do not stop the launch. */
  readonly warnings: readonly string[];
}

/** What each lookup returned, before they are put together. */
export interface LookupFacts {
  account: Account;
  image: { type: TypeFacts; image: ImageChoice; warnings?: readonly string[] };
  key: { plan: KeyPlan; warnings: readonly string[] };
  network: NetworkPlan;
  instanceProfile: ProfilePlan;
  price: PriceFacts;
  diskPrice: DiskPrice;
  spawnd: { checksums: SpawndChecksumPlan; warnings: readonly string[] };
  backstop: BackstopPlan;
}

/** The plan from the lookups' answers (pure). */
export function assemblePlan(spec: LaunchSpec, facts: LookupFacts): LaunchPlan {
  const { price } = facts;
  const spot =
    spec.market === 'spot' && price.spot
      ? estimateSpot(
          { ...spec, pricePerHour: price.pricePerHour },
          {
            zone: facts.network.zone,
            onDemandPricePerHour: price.onDemandPricePerHour,
            onDemandSource: price.source,
            facts: price.spot,
          },
        )
      : undefined;
  const plan: LaunchPlan = {
    spec: {
      ...spec,
      onDemandPricePerHour: price.onDemandPricePerHour,
      pricePerHour: spot ? spot.pricePerHour : price.pricePerHour,
    },
    ...(spot ? { spot } : {}),
    account: facts.account,
    type: facts.image.type,
    image: facts.image.image,
    key: facts.key.plan,
    network: facts.network,
    instanceProfile: facts.instanceProfile,
    price,
    diskPrice: facts.diskPrice,
    spawnd: facts.spawnd.checksums,
    backstop: facts.backstop,
    warnings: [...(facts.image.warnings ?? []), ...facts.key.warnings, ...facts.spawnd.warnings],
  };
  return Object.freeze(plan);
}

/** The zone the instance will run in. */
export const planZone = (plan: LaunchPlan): string => plan.network.zone;
