import type { GpuInfo } from '../protocol/schemas.ts';
import type { EndAction } from '../tags.ts';

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
  /** IPv4 CIDR allowed to reach port 22. */
  sshCidr: string;
  /** Known price (from an offer) in USD/hour, used for the estimate (never as the spot cap). */
  pricePerHour?: number;
  onDemandPricePerHour?: number;
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
  /** The shared spawn VPC exists but has no usable public subnet in the zone: add or repair it. */
  | { readonly kind: 'repair'; readonly vpcId: string; readonly zone: string }
  /** No default VPC and no spawn VPC: find-or-create the shared one, complete, with a subnet in `zone`. */
  | { readonly kind: 'create'; readonly zone: string };

/** A network plan that needs the create step (the shared spawn VPC made or completed). */
export type SpawnNetworkPlan = Extract<NetworkPlan, { kind: 'repair' | 'create' }>;
