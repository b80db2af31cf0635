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
import { launchIdTime } from './launch-id.ts';
import type { SpawnResource } from './spawn-resource.ts';

const tagMap = (tags: Tag[] | undefined) =>
  Object.fromEntries((tags ?? []).flatMap((t) => (t.Key ? [[t.Key, t.Value ?? '']] : [])));

const NETWORK_KINDS = new Set(['vpc', 'subnet', 'route-table', 'internet-gateway']);

/**
 * Resources of one region whose `spawn:managed` tag is exactly `true` (the value, not just the
 * key), optionally only those of one parent instance. That tag is the only proof of ownership:
 * `spawn:managed=false`, a missing tag or a `spawn:parent` alone never makes a resource spawn's.
 */
export async function findSpawnResources(
  ec2: EC2Client,
  region: string,
  o: { parent?: string; group?: string } = {},
): Promise<SpawnResource[]> {
  const tagged: Filter[] = [
    { Name: `tag:${TAG.managed}`, Values: ['true'] },
    ...(o.parent ? [{ Name: `tag:${TAG.parent}`, Values: [o.parent] }] : []),
    ...(o.group ? [{ Name: `tag:${TAG.group}`, Values: [o.group] }] : []),
  ];
  const base = (tags: Tag[] | undefined, kind: string, createdAt?: Date) => {
    const t = tagMap(tags);
    const launchId = t[TAG.launchId] || undefined;
    return {
      region,
      parent: t[TAG.parent] || undefined,
      group: t[TAG.group] || undefined,
      name: t[TAG.name] || undefined,
      launchId,
      createdAt: createdAt?.getTime() ?? launchIdTime(launchId),
      shared: NETWORK_KINDS.has(kind),
      isManaged: t[TAG.managed] === 'true',
    };
  };
  // Few resources per account carry these tags: single pages (1000 items) are enough.
  const [sgs, keys, igws, subnets, tables, vpcs, volumes] = await Promise.all([
    ec2.send(new DescribeSecurityGroupsCommand({ Filters: tagged })),
    ec2.send(new DescribeKeyPairsCommand({ Filters: tagged })),
    ec2.send(new DescribeInternetGatewaysCommand({ Filters: tagged })),
    ec2.send(new DescribeSubnetsCommand({ Filters: tagged })),
    ec2.send(new DescribeRouteTablesCommand({ Filters: tagged })),
    ec2.send(new DescribeVpcsCommand({ Filters: tagged })),
    ec2.send(new DescribeVolumesCommand({ Filters: tagged })),
  ]);
  return (
    [
      ...(sgs.SecurityGroups ?? []).map((g) => ({
        kind: 'security-group' as const,
        id: g.GroupId ?? '',
        ...base(g.Tags, 'security-group'),
        name: g.GroupName,
        vpcId: g.VpcId,
        groupRefIngress: groupRefs(g.IpPermissions),
        groupRefEgress: groupRefs(g.IpPermissionsEgress),
      })),
      ...(keys.KeyPairs ?? []).map((k) => ({
        kind: 'key-pair' as const,
        id: k.KeyPairId ?? k.KeyName ?? '',
        ...base(k.Tags, 'key-pair', k.CreateTime),
        name: k.KeyName,
        keyName: k.KeyName,
      })),
      ...(igws.InternetGateways ?? []).map((g) => ({
        kind: 'internet-gateway' as const,
        id: g.InternetGatewayId ?? '',
        ...base(g.Tags, 'internet-gateway'),
        attachedVpcIds: (g.Attachments ?? []).flatMap((a) => (a.VpcId ? [a.VpcId] : [])),
      })),
      ...(subnets.Subnets ?? []).map((s) => ({
        kind: 'subnet' as const,
        id: s.SubnetId ?? '',
        ...base(s.Tags, 'subnet'),
        vpcId: s.VpcId,
      })),
      ...(tables.RouteTables ?? []).map((t) => ({
        kind: 'route-table' as const,
        id: t.RouteTableId ?? '',
        ...base(t.Tags, 'route-table'),
        vpcId: t.VpcId,
        isMain: (t.Associations ?? []).some((a) => a.Main),
        associationIds: (t.Associations ?? []).flatMap((a) =>
          !a.Main && a.RouteTableAssociationId ? [a.RouteTableAssociationId] : [],
        ),
      })),
      ...(vpcs.Vpcs ?? []).map((v) => ({ kind: 'vpc' as const, id: v.VpcId ?? '', ...base(v.Tags, 'vpc') })),
      ...(volumes.Volumes ?? []).map((v) => ({
        kind: 'volume' as const,
        id: v.VolumeId ?? '',
        ...base(v.Tags, 'volume', v.CreateTime),
        sizeGiB: v.Size,
        volumeType: v.VolumeType,
        state: v.State,
      })),
    ]
      // The filter asks EC2 for exactly `true`; checking again here keeps that promise whatever the
      // filter's matching rules (case, emulators) are.
      .filter((r) => r.id !== '' && r.isManaged)
      .map(({ isManaged: _, ...r }) => r)
  );
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
