import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type Subnet,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { UserError } from '../../errors/user-error.ts';
import { TAG } from '../../tags.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { NetworkPlan } from '../types.ts';
import { createPublicNetwork } from './create-network.ts';

/**
 * Lookup (read-only): the default VPC and its subnet in an AZ offering the type. Without a default
 * VPC, a VPC spawn created earlier is reused (one spawn VPC per region instead of one per launch;
 * VPCs are limited to five per region), adding a subnet when it has none in a suitable AZ; only
 * when neither exists is a new one planned.
 */
export async function findNetwork(ctx: StepContext): Promise<string> {
  const [zones, vpcs] = await Promise.all([
    offeredZones(ctx),
    awsCall(ctx, 'DescribeVpcs', () => ctx.clients.ec2.send(new DescribeVpcsCommand({}))),
  ]);
  const plan = await planNetwork(ctx, zones, vpcs.Vpcs ?? []);
  ctx.state.network = plan;
  ctx.state.availabilityZone = plan.zone;
  if (plan.kind === 'default' || plan.kind === 'reuse') {
    ctx.state.vpcId = plan.vpcId;
    ctx.state.subnetId = plan.subnetId;
  }
  return networkText(plan);
}

/** Creates what the lookup found missing (nothing for the default or a reused spawn VPC). */
export async function ensureNetwork(ctx: StepContext): Promise<string> {
  if (!ctx.state.network) await findNetwork(ctx);
  const plan = ctx.state.network as NetworkPlan;
  if (plan.kind === 'default' || plan.kind === 'reuse') return networkText(plan);
  return createPublicNetwork(ctx, plan);
}

function networkText(plan: NetworkPlan): string {
  switch (plan.kind) {
    case 'default':
      return `Network: default VPC ${plan.vpcId}, subnet ${plan.subnetId} in ${plan.zone}`;
    case 'reuse':
      return `Network: spawn VPC ${plan.vpcId} (reused), subnet ${plan.subnetId} in ${plan.zone}`;
    case 'add-subnet':
      return `Network: spawn VPC ${plan.vpcId} (reused), a public subnet to add in ${plan.zone}`;
    case 'create':
      return `Network: no default VPC; a tagged VPC, public subnet and internet gateway to create in ${plan.zone}`;
  }
}

async function planNetwork(ctx: StepContext, zones: string[], vpcs: Vpc[]): Promise<NetworkPlan> {
  const fallbackZone = zones[0];
  if (!fallbackZone) throw noZone(ctx);
  const byDefault = vpcs.find((v) => v.IsDefault);
  const spawnVpc = vpcs
    .filter((v) => hasTag(v.Tags, TAG.resource, 'vpc') && hasTag(v.Tags, TAG.managed, 'true'))
    .sort((a, b) => (a.VpcId ?? '').localeCompare(b.VpcId ?? ''))[0];
  const vpc = byDefault ?? spawnVpc;
  if (!vpc?.VpcId) return { kind: 'create', zone: fallbackZone };
  const vpcId = vpc.VpcId;
  const subnets = await describeSubnets(ctx, vpcId, Boolean(byDefault));
  const subnet = pickSubnet(subnets, zones);
  if (subnet?.SubnetId && subnet.AvailabilityZone) {
    const found = { vpcId, subnetId: subnet.SubnetId, zone: subnet.AvailabilityZone };
    return byDefault ? { kind: 'default', ...found } : { kind: 'reuse', ...found };
  }
  // A default VPC without a default subnet in any offered AZ: use a new network rather than
  // add subnets to the user's default VPC.
  if (byDefault) return { kind: 'create', zone: fallbackZone };
  const tables = await awsCall(ctx, 'DescribeRouteTables', () =>
    ctx.clients.ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: `tag:${TAG.resource}`, Values: ['route-table'] },
        ],
      }),
    ),
  );
  const routeTableId = tables.RouteTables?.[0]?.RouteTableId;
  if (!routeTableId) return { kind: 'create', zone: fallbackZone };
  const usedCidrs = subnets.flatMap((s) => (s.CidrBlock ? [s.CidrBlock] : []));
  return { kind: 'add-subnet', vpcId, routeTableId, usedCidrs, zone: fallbackZone };
}

async function describeSubnets(ctx: StepContext, vpcId: string, isDefault: boolean): Promise<Subnet[]> {
  const out = await awsCall(ctx, 'DescribeSubnets', () =>
    ctx.clients.ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          isDefault
            ? { Name: 'default-for-az', Values: ['true'] }
            : { Name: `tag:${TAG.resource}`, Values: ['subnet'] },
        ],
      }),
    ),
  );
  return out.Subnets ?? [];
}

const hasTag = (tags: { Key?: string; Value?: string }[] | undefined, key: string, value: string) =>
  (tags ?? []).some((t) => t.Key === key && t.Value === value);

/** AZs to consider: the one asked for, else those offering the type (sorted). */
async function offeredZones(ctx: StepContext): Promise<string[]> {
  if (ctx.spec.availabilityZone) return [ctx.spec.availabilityZone];
  const out = await awsCall(ctx, 'DescribeInstanceTypeOfferings', () =>
    ctx.clients.ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        LocationType: 'availability-zone',
        Filters: [{ Name: 'instance-type', Values: [ctx.spec.instanceType] }],
      }),
    ),
  );
  const zones = (out.InstanceTypeOfferings ?? []).flatMap((o) => (o.Location ? [o.Location] : [])).sort();
  if (zones.length === 0) throw noZone(ctx);
  return zones;
}

function pickSubnet(subnets: Subnet[], zones: string[]): Subnet | undefined {
  for (const zone of zones) {
    const match = subnets.find((s) => s.AvailabilityZone === zone);
    if (match) return match;
  }
  return undefined;
}

function noZone(ctx: StepContext): UserError {
  return new UserError(
    'EC2_UNSUPPORTED_IN_AZ',
    `${ctx.spec.instanceType} is not offered in ${ctx.spec.availabilityZone ?? ctx.spec.region}.`,
    {
      hint: 'Choose another availability zone, region or type (`truffle search` lists where it is offered).',
    },
  );
}
