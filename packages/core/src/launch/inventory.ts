import {
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Instance,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { type IAMClient, ListInstanceProfilesCommand, ListRolesCommand } from '@aws-sdk/client-iam';

/** What exists in a region that a launch could have made: for dry-run and rollback checks. */
export interface LaunchInventory {
  /** Instances not terminated (shutting-down counts as gone). */
  instances: Instance[];
  keyPairs: string[];
  /** Security groups other than the VPC defaults. */
  securityGroups: SecurityGroup[];
  /** Non-default VPCs, their subnets and non-main route tables, all internet gateways. */
  vpcs: string[];
  subnets: string[];
  routeTables: string[];
  internetGateways: string[];
  roles: string[];
  instanceProfiles: string[];
}

/** Lists the resource kinds a launch creates (one page each; enough for checks and tests). */
export async function describeLaunchInventory(ec2: EC2Client, iam: IAMClient): Promise<LaunchInventory> {
  const [instances, keys, groups, vpcs, subnets, tables, igws, roles, profiles] = await Promise.all([
    ec2.send(new DescribeInstancesCommand({})),
    ec2.send(new DescribeKeyPairsCommand({})),
    ec2.send(new DescribeSecurityGroupsCommand({})),
    ec2.send(new DescribeVpcsCommand({})),
    ec2.send(new DescribeSubnetsCommand({})),
    ec2.send(new DescribeRouteTablesCommand({})),
    ec2.send(new DescribeInternetGatewaysCommand({})),
    iam.send(new ListRolesCommand({})),
    iam.send(new ListInstanceProfilesCommand({})),
  ]);
  const defaultVpcs = new Set((vpcs.Vpcs ?? []).filter((v) => v.IsDefault).map((v) => v.VpcId ?? ''));
  return {
    instances: (instances.Reservations ?? [])
      .flatMap((r) => r.Instances ?? [])
      .filter((i) => !['terminated', 'shutting-down'].includes(i.State?.Name ?? '')),
    keyPairs: (keys.KeyPairs ?? []).flatMap((k) => (k.KeyName ? [k.KeyName] : [])),
    securityGroups: (groups.SecurityGroups ?? []).filter((g) => g.GroupName !== 'default'),
    vpcs: (vpcs.Vpcs ?? []).filter((v) => !v.IsDefault).flatMap((v) => (v.VpcId ? [v.VpcId] : [])),
    // By VPC, not DefaultForAz: moto flags the first subnet of an AZ as default when no default VPC exists.
    subnets: (subnets.Subnets ?? [])
      .filter((s) => !defaultVpcs.has(s.VpcId ?? ''))
      .flatMap((s) => (s.SubnetId ? [s.SubnetId] : [])),
    routeTables: (tables.RouteTables ?? [])
      .filter((t) => !(t.Associations ?? []).some((a) => a.Main))
      .flatMap((t) => (t.RouteTableId ? [t.RouteTableId] : [])),
    internetGateways: (igws.InternetGateways ?? []).flatMap((g) =>
      g.InternetGatewayId ? [g.InternetGatewayId] : [],
    ),
    roles: (roles.Roles ?? []).flatMap((r) => (r.RoleName ? [r.RoleName] : [])),
    instanceProfiles: (profiles.InstanceProfiles ?? []).flatMap((p) =>
      p.InstanceProfileName ? [p.InstanceProfileName] : [],
    ),
  };
}
