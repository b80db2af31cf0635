import type { IpPermission } from '@aws-sdk/client-ec2';

/**
 * Kinds of resource spawn creates besides the instance, in deletion order. Security groups, key
 * pairs and volumes belong to one launch; the network and the IAM role and profile are shared by
 * every launch of the account (region `global` for IAM) and only `spawn cleanup --shared` removes them.
 * A `schedule` is the cloud backstop of an instance that is gone (its id is the `parent`).
 */
export const RESOURCE_KINDS = [
  'schedule',
  'security-group',
  'key-pair',
  'internet-gateway',
  'subnet',
  'route-table',
  'vpc',
  'volume',
  'instance-profile',
  'iam-role',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A resource carrying spawn tags, with what deleting it needs to know. */
export interface SpawnResource {
  kind: ResourceKind;
  id: string;
  region: string;
  /** `spawn:parent`: the instance that launch created it for. */
  parent?: string;
  /**
   * `spawn:group`: a `--count` group's shared resource (its security group, key pair); it goes
   * with the group's last live instance, not with its `parent` (the group's first).
   */
  group?: string;
  /** `spawn:launch-id`: the launch that created it (tagged at birth, before the instance exists). */
  launchId?: string;
  /** Creation time (ms) from EC2 or the launch id; unknown for a security group of an older launch. */
  createdAt?: number;
  /** Shared by every launch (network, IAM): only `spawn cleanup --shared` removes it. */
  shared?: boolean;
  name?: string;
  vpcId?: string;
  /** Key pairs are deleted by name. */
  keyName?: string;
  /** Internet gateways: VPCs to detach from first. */
  attachedVpcIds?: string[];
  /** Route tables: the VPC's main table is deleted with the VPC, never directly. */
  isMain?: boolean;
  /** Route tables: subnet associations to remove first. */
  associationIds?: string[];
  /** Security groups: rules that reference other groups (revoked first so groups can go in any order). */
  groupRefIngress?: IpPermission[];
  groupRefEgress?: IpPermission[];
  /** IAM: the ARN (instance profiles: what instances reference). */
  arn?: string;
  /** Instance profiles: the roles it holds (removed before the profile is deleted). */
  roleNames?: string[];
  /** Volumes. */
  sizeGiB?: number;
  volumeType?: string;
  state?: string;
}
