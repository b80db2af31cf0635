import type { IpPermission } from '@aws-sdk/client-ec2';

/** Kinds of resource a launch creates besides the instance, in deletion order. */
export const RESOURCE_KINDS = [
  'security-group',
  'key-pair',
  'internet-gateway',
  'subnet',
  'route-table',
  'vpc',
  'volume',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** A resource carrying spawn tags, with what deleting it needs to know. */
export interface SpawnResource {
  kind: ResourceKind;
  id: string;
  region: string;
  /** `spawn:parent`: the instance that launch created it for. */
  parent?: string;
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
  /** Volumes. */
  sizeGiB?: number;
  volumeType?: string;
  state?: string;
}
