import {
  DescribeInstanceTypeOfferingsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { UserError } from '../../errors/user-error.ts';
import { awsCall, type StepContext } from '../context.ts';
import { createPublicNetwork } from './create-network.ts';

/** Default VPC and its subnet in the chosen AZ; without a default VPC, a tagged public one is created. */
export async function ensureNetwork(ctx: StepContext): Promise<string> {
  const zones = await offeredZones(ctx);
  const vpcs = await awsCall(ctx, 'DescribeVpcs', () =>
    ctx.clients.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] })),
  );
  const vpcId = vpcs.Vpcs?.[0]?.VpcId;
  if (vpcId) {
    const subnets = await awsCall(ctx, 'DescribeSubnets', () =>
      ctx.clients.ec2.send(
        new DescribeSubnetsCommand({
          Filters: [
            { Name: 'vpc-id', Values: [vpcId] },
            { Name: 'default-for-az', Values: ['true'] },
          ],
        }),
      ),
    );
    const subnet = pickSubnet(subnets.Subnets ?? [], zones);
    if (subnet?.SubnetId && subnet.AvailabilityZone) {
      ctx.state.vpcId = vpcId;
      ctx.state.subnetId = subnet.SubnetId;
      ctx.state.availabilityZone = subnet.AvailabilityZone;
      return `Network: default VPC ${vpcId}, subnet ${subnet.SubnetId} in ${subnet.AvailabilityZone}`;
    }
  }
  const zone = zones[0];
  if (!zone) throw noZone(ctx);
  return createPublicNetwork(ctx, zone);
}

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
