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
  availabilityZone?: string;
  vpcId?: string;
  subnetId?: string;
  securityGroupId?: string;
  instanceProfileName?: string;
  instanceId?: string;
  publicIp?: string;
  privateIp?: string;
  /** Dry run: resources that do not exist yet, so RunInstances' DryRun must not name them. */
  missing?: ('key' | 'profile')[];
  /** Messages for the plan (dry run: what would be created). */
  notes: string[];
}
