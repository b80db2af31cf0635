import {
  DescribeInternetGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
  type IpPermission,
  type Tag,
} from '@aws-sdk/client-ec2';
import { TAG } from '../tags.ts';
import type { SpawnResource } from './spawn-resource.ts';

const tagMap = (tags: Tag[] | undefined) =>
  Object.fromEntries((tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? '']] : [])));

/**
 * Resources of one region that carry `spawn:parent` (or, for volumes, `spawn:managed`), optionally
 * only those of one parent instance. Nothing without spawn tags is ever returned, so nothing
 * without spawn tags can be deleted.
 */
export async function findSpawnResources(
  ec2: EC2Client,
  region: string,
  o: { parent?: string } = {},
): Promise<SpawnResource[]> {
  const tagged: Filter[] = o.parent
    ? [{ Name: `tag:${TAG.parent}`, Values: [o.parent] }]
    : [{ Name: 'tag-key', Values: [TAG.parent] }];
  const volumeFilter: Filter[] = o.parent ? tagged : [{ Name: 'tag-key', Values: [TAG.parent, TAG.managed] }];
  const base = (tags: Tag[] | undefined) => {
    const t = tagMap(tags);
    return { region, parent: t[TAG.parent] || undefined, name: t[TAG.name] || undefined };
  };
  // Few resources per account carry these tags: single pages (1000 items) are enough.
  const [sgs, keys, igws, subnets, tables, vpcs, volumes] = await Promise.all([
    ec2.send(new DescribeSecurityGroupsCommand({ Filters: tagged })),
    ec2.send(new DescribeKeyPairsCommand({ Filters: tagged })),
    ec2.send(new DescribeInternetGatewaysCommand({ Filters: tagged })),
    ec2.send(new DescribeSubnetsCommand({ Filters: tagged })),
    ec2.send(new DescribeRouteTablesCommand({ Filters: tagged })),
    ec2.send(new DescribeVpcsCommand({ Filters: tagged })),
    ec2.send(new DescribeVolumesCommand({ Filters: volumeFilter })),
  ]);
  return [
    ...(sgs.SecurityGroups ?? []).map((g) => ({
      kind: 'security-group' as const,
      id: g.GroupId ?? '',
      ...base(g.Tags),
      name: g.GroupName,
      vpcId: g.VpcId,
      groupRefIngress: groupRefs(g.IpPermissions),
      groupRefEgress: groupRefs(g.IpPermissionsEgress),
    })),
    ...(keys.KeyPairs ?? []).map((k) => ({
      kind: 'key-pair' as const,
      id: k.KeyPairId ?? k.KeyName ?? '',
      ...base(k.Tags),
      name: k.KeyName,
      keyName: k.KeyName,
    })),
    ...(igws.InternetGateways ?? []).map((g) => ({
      kind: 'internet-gateway' as const,
      id: g.InternetGatewayId ?? '',
      ...base(g.Tags),
      attachedVpcIds: (g.Attachments ?? []).flatMap((a) => (a.VpcId ? [a.VpcId] : [])),
    })),
    ...(subnets.Subnets ?? []).map((s) => ({
      kind: 'subnet' as const,
      id: s.SubnetId ?? '',
      ...base(s.Tags),
      vpcId: s.VpcId,
    })),
    ...(tables.RouteTables ?? []).map((t) => ({
      kind: 'route-table' as const,
      id: t.RouteTableId ?? '',
      ...base(t.Tags),
      vpcId: t.VpcId,
      isMain: (t.Associations ?? []).some((a) => a.Main),
      associationIds: (t.Associations ?? []).flatMap((a) =>
        !a.Main && a.RouteTableAssociationId ? [a.RouteTableAssociationId] : [],
      ),
    })),
    ...(vpcs.Vpcs ?? []).map((v) => ({ kind: 'vpc' as const, id: v.VpcId ?? '', ...base(v.Tags) })),
    ...(volumes.Volumes ?? []).map((v) => ({
      kind: 'volume' as const,
      id: v.VolumeId ?? '',
      ...base(v.Tags),
      sizeGiB: v.Size,
      volumeType: v.VolumeType,
      state: v.State,
    })),
  ].filter((r) => r.id !== '');
}

/** Only the group references of each rule: CIDR rules do not block deleting another group. */
function groupRefs(perms: IpPermission[] | undefined): IpPermission[] {
  return (perms ?? []).flatMap((p) => {
    const pairs = (p.UserIdGroupPairs ?? []).flatMap((g) => (g.GroupId ? [{ GroupId: g.GroupId }] : []));
    return pairs.length > 0
      ? [{ IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort, UserIdGroupPairs: pairs }]
      : [];
  });
}
