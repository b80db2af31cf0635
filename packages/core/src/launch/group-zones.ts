import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { describeAzOfferings } from '../catalog/describe-offerings.ts';
import { awsCall, type StepContext } from './context.ts';

/** Where one RunInstances call of a group goes. */
export interface GroupPlace {
  zone: string;
  subnetId: string;
}

/**
 * The places a `--count` group is launched in: the plan's own first; with `move`, then each other
 * AZ of the region offering the type (one DescribeInstanceTypeOfferings, one DescribeSubnets, asked
 * only once the first had no room), in the same VPC (the group's security group lives there), on
 * its public subnet (default-for-AZ, else one that maps public IPs). An AZ without one is skipped.
 */
export async function* groupZones(
  ctx: StepContext,
  o: { first: GroupPlace; vpcId: string; move: boolean },
): AsyncGenerator<GroupPlace> {
  yield o.first;
  if (!o.move) return;
  const ec2 = ctx.clients.ec2;
  const [offers, subnets] = await Promise.all([
    awsCall(ctx, 'DescribeInstanceTypeOfferings', (c) =>
      describeAzOfferings(ec2, [ctx.spec.instanceType], c),
    ),
    awsCall(ctx, 'DescribeSubnets', (c) =>
      ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [o.vpcId] }] }), c),
    ),
  ]);
  const zones = (offers[ctx.spec.instanceType] ?? []).filter((z) => z !== o.first.zone);
  for (const zone of zones) {
    const inZone = (subnets.Subnets ?? []).filter((s) => s.AvailabilityZone === zone && s.SubnetId);
    const subnet = inZone.find((s) => s.DefaultForAz) ?? inZone.find((s) => s.MapPublicIpOnLaunch);
    if (subnet?.SubnetId) yield { zone, subnetId: subnet.SubnetId };
  }
}
