import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { isAwsError } from '../../aws/aws-error-name.ts';
import { UserError } from '../../errors/user-error.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { NetworkPlan } from '../types.ts';

type GivenNetwork = Extract<NetworkPlan, { kind: 'given' }>;

/** `--subnet`: the subnet as it is (its VPC and AZ); missing = exit 8, another AZ asked for = usage. */
export async function findGivenSubnet(ctx: StepContext, subnetId: string): Promise<GivenNetwork> {
  const { spec } = ctx;
  const out = await awsCall(ctx, 'DescribeSubnets', (o) =>
    ctx.clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }), o),
  ).catch((error: unknown) => {
    if (isAwsError(error, 'InvalidSubnetID.NotFound', 'InvalidSubnetID.Malformed')) return undefined;
    throw error;
  });
  const subnet = out?.Subnets?.find((s) => s.SubnetId === subnetId);
  if (!subnet?.VpcId || !subnet.AvailabilityZone) {
    throw new UserError('LAUNCH_RESOURCE_NOT_FOUND', `Subnet ${subnetId} does not exist in ${spec.region}.`, {
      hint: `Check the id and the region (--region); \`aws ec2 describe-subnets --region ${spec.region}\` lists them. Nothing was created.`,
    });
  }
  const zone = subnet.AvailabilityZone;
  if (spec.availabilityZone && spec.availabilityZone !== zone) {
    throw new UserError(
      'USAGE',
      `--subnet ${subnetId} is in ${zone}, but the launch asks for ${spec.availabilityZone} (--az or the piped record).`,
      { hint: 'A subnet lives in one zone: drop --az, or pass a subnet in that zone.' },
    );
  }
  return {
    kind: 'given',
    vpcId: subnet.VpcId,
    subnetId,
    zone,
    publicIp: subnet.MapPublicIpOnLaunch === true,
  };
}

/**
 * `--security-group`: each group must exist and belong to the VPC the instance launches in (EC2
 * would refuse the mix at RunInstances, after the key and role were made). Returns the plan
 * line's tail naming them ('' when none were given).
 */
export async function checkSecurityGroups(ctx: StepContext, network: NetworkPlan): Promise<string> {
  const ids = ctx.spec.securityGroupIds ?? [];
  if (ids.length === 0) return '';
  const out = await awsCall(ctx, 'DescribeSecurityGroups', (o) =>
    ctx.clients.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [...ids] }), o),
  ).catch((error: unknown) => {
    if (isAwsError(error, 'InvalidGroup.NotFound', 'InvalidGroupId.Malformed')) return undefined;
    throw error;
  });
  const groups = out?.SecurityGroups ?? [];
  const missing = ids.filter((id) => !groups.some((g) => g.GroupId === id));
  if (missing.length > 0) {
    throw new UserError(
      'LAUNCH_RESOURCE_NOT_FOUND',
      `Security group ${missing.join(', ')} does not exist in ${ctx.spec.region}.`,
      {
        hint: `Check the id and the region (--region); \`aws ec2 describe-security-groups --region ${ctx.spec.region}\` lists them. Nothing was created.`,
      },
    );
  }
  const vpcId = network.kind === 'create' ? undefined : network.vpcId;
  const where =
    network.kind === 'given'
      ? `subnet ${network.subnetId}'s VPC ${network.vpcId}`
      : network.kind === 'default'
        ? `the default VPC ${network.vpcId}`
        : network.kind === 'create'
          ? 'a new spawn VPC (this account has no default VPC)'
          : `spawn's VPC ${network.vpcId}`;
  const outside = groups.filter((g) => g.VpcId !== vpcId);
  if (outside.length > 0) {
    const list = outside.map((g) => `${g.GroupId} (VPC ${g.VpcId ?? 'none'})`).join(', ');
    throw new UserError(
      'USAGE',
      `Security group ${list} is not in the VPC the instance launches in: ${where}.`,
      {
        hint: 'A security group only works in its own VPC: pass --subnet with a subnet of that VPC, or groups of this one.',
      },
    );
  }
  return `; security groups ${groups.map((g) => `${g.GroupId} (${g.GroupName ?? ''})`).join(', ')} (--security-group)`;
}
