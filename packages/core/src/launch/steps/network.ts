import {
  DescribeAvailabilityZonesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type Subnet,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { describeAzOfferings } from '../../catalog/describe-offerings.ts';
import { UserError } from '../../errors/user-error.ts';
import { TAG } from '../../tags.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { PreparedNetwork } from '../launch-result.ts';
import type { Done } from '../step.ts';
import type { NetworkPlan } from '../types.ts';
import { ensureSpawnNetwork, inspectSpawnVpc, isPublic, lowestId } from './create-network.ts';
import { checkSecurityGroups, findGivenSubnet } from './given-network.ts';

/**
 * Lookup (read-only): the default VPC and its subnet in an AZ offering the type. Without a default
 * VPC, the shared spawn VPC is reused when it is complete in a suitable AZ (public subnet, route to
 * an attached internet gateway); otherwise the create step finds-or-creates and repairs it. A
 * zone that does not exist or does not offer the type fails here, before anything is created.
 */
export async function findNetwork(ctx: StepContext): Promise<Done<NetworkPlan>> {
  if (ctx.spec.subnetId) {
    // The subnet first: a zone that conflicts with it is the error to report, not "not offered".
    const given = await findGivenSubnet(ctx, ctx.spec.subnetId);
    const zones = await offeredZones(ctx);
    if (!zones.includes(given.zone)) throw noZone(ctx, given.zone);
    const groups = await checkSecurityGroups(ctx, given);
    return { line: `${networkText(given)}${groups}`, value: given };
  }
  const [zones, vpcs] = await Promise.all([
    offeredZones(ctx),
    awsCall(ctx, 'DescribeVpcs', (o) => ctx.clients.ec2.send(new DescribeVpcsCommand({}), o)),
  ]);
  const plan = await planNetwork(ctx, zones, vpcs.Vpcs ?? []);
  const groups = await checkSecurityGroups(ctx, plan);
  return { line: `${networkText(plan)}${groups}`, value: plan };
}

/** Creates or repairs what the lookup found missing (nothing for the default or a complete spawn VPC). */
export async function ensureNetwork(ctx: StepContext, plan: NetworkPlan): Promise<Done<PreparedNetwork>> {
  if (plan.kind === 'default' || plan.kind === 'reuse' || plan.kind === 'given') {
    const { vpcId, subnetId, zone } = plan;
    return { line: networkText(plan), value: { kind: 'ready', vpcId, subnetId, zone } };
  }
  return ensureSpawnNetwork(ctx, plan);
}

function networkText(plan: NetworkPlan): string {
  switch (plan.kind) {
    case 'default':
      return `Network: default VPC ${plan.vpcId}, subnet ${plan.subnetId} in ${plan.zone}`;
    case 'reuse':
      return `Network: spawn VPC ${plan.vpcId} (reused), subnet ${plan.subnetId} in ${plan.zone}`;
    case 'given':
      return `Network: subnet ${plan.subnetId} (--subnet) of VPC ${plan.vpcId} in ${plan.zone}`;
    case 'repair':
      return `Network: spawn VPC ${plan.vpcId} (reused), its public subnet in ${plan.zone} to add or repair`;
    case 'create':
      return `Network: no default VPC; the shared spawn VPC, public subnet and internet gateway to create in ${plan.zone}`;
  }
}

async function planNetwork(ctx: StepContext, zones: string[], vpcs: Vpc[]): Promise<NetworkPlan> {
  const fallbackZone = zones[0];
  if (!fallbackZone) throw noZone(ctx);
  const byDefault = vpcs.find((v) => v.IsDefault);
  if (byDefault?.VpcId) {
    const subnets = await describeSubnets(ctx, byDefault.VpcId, true);
    const subnet = pickSubnet(subnets, zones);
    if (subnet?.SubnetId && subnet.AvailabilityZone)
      return {
        kind: 'default',
        vpcId: byDefault.VpcId,
        subnetId: subnet.SubnetId,
        zone: subnet.AvailabilityZone,
      };
    // A default VPC without a default subnet in any offered AZ: use spawn's network rather than
    // add subnets to the user's default VPC.
  }
  const vpcId = lowestId(
    vpcs.filter((v) => hasTag(v.Tags, TAG.resource, 'vpc') && hasTag(v.Tags, TAG.managed, 'true')),
    (v) => v.VpcId,
  );
  if (!vpcId) return { kind: 'create', zone: fallbackZone };
  const network = await inspectSpawnVpc(ctx, vpcId);
  const usable = pickSubnet(
    network.subnets.filter((s) => isPublic(network, s)),
    zones,
  );
  if (usable?.SubnetId && usable.AvailabilityZone)
    return { kind: 'reuse', vpcId, subnetId: usable.SubnetId, zone: usable.AvailabilityZone };
  // Repair in a zone that already has spawn's subnet, else the first offered zone.
  const zone = pickSubnet(network.subnets, zones)?.AvailabilityZone ?? fallbackZone;
  return { kind: 'repair', vpcId, zone };
}

async function describeSubnets(ctx: StepContext, vpcId: string, isDefault: boolean): Promise<Subnet[]> {
  const out = await awsCall(ctx, 'DescribeSubnets', (o) =>
    ctx.clients.ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          isDefault
            ? { Name: 'default-for-az', Values: ['true'] }
            : { Name: `tag:${TAG.resource}`, Values: ['subnet'] },
        ],
      }),
      o,
    ),
  );
  return out.Subnets ?? [];
}

const hasTag = (tags: { Key?: string; Value?: string }[] | undefined, key: string, value: string) =>
  (tags ?? []).some((t) => t.Key === key && t.Value === value);

/** AZs to consider: the one asked for, else those offering the type (sorted). */
async function offeredZones(ctx: StepContext): Promise<string[]> {
  const wanted = ctx.spec.availabilityZone;
  const [out, known] = await Promise.all([
    awsCall(ctx, 'DescribeInstanceTypeOfferings', (o) =>
      describeAzOfferings(ctx.clients.ec2, [ctx.spec.instanceType], o),
    ),
    wanted ? regionZones(ctx) : undefined,
  ]);
  if (wanted && !known?.includes(wanted)) {
    throw new UserError('INVALID_INPUT', `${wanted} is not an availability zone of ${ctx.spec.region}.`, {
      hint: `Use one of: ${known?.join(', ') || '(none found)'}, or omit --az to let spawn pick one.`,
    });
  }
  const zones = out[ctx.spec.instanceType] ?? [];
  const usable = wanted ? zones.filter((z) => z === wanted) : zones;
  if (usable.length === 0) throw noZone(ctx);
  return usable;
}

async function regionZones(ctx: StepContext): Promise<string[]> {
  const out = await awsCall(ctx, 'DescribeAvailabilityZones', (o) =>
    ctx.clients.ec2.send(new DescribeAvailabilityZonesCommand({}), o),
  );
  return (out.AvailabilityZones ?? []).flatMap((z) => (z.ZoneName ? [z.ZoneName] : [])).sort();
}

function pickSubnet(subnets: Subnet[], zones: string[]): Subnet | undefined {
  for (const zone of zones) {
    const match = subnets.find((s) => s.AvailabilityZone === zone);
    if (match) return match;
  }
  return undefined;
}

function noZone(ctx: StepContext, zone?: string): UserError {
  return new UserError(
    'EC2_UNSUPPORTED_IN_AZ',
    `${ctx.spec.instanceType} is not offered in ${zone ?? ctx.spec.availabilityZone ?? ctx.spec.region}${zone ? ` (the zone of --subnet ${ctx.spec.subnetId})` : ''}.`,
    {
      hint: 'Choose another availability zone, region or type (`truffle search` lists where it is offered).',
    },
  );
}
