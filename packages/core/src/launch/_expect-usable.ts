// Test-only (never shipped: `_` file, not exported from the barrel): what "a launch that printed ✔
// has a usable role and route" means, checked against moto.
import {
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { expect } from 'vitest';
import { SPAWND_POLICY_NAME, SPAWND_ROLE_NAME, spawndPolicyDocument } from './spawnd-policy.ts';
import { samePolicy } from './steps/shared-role.ts';

/**
 * The launched instance exists with spawnd's profile, the profile holds the role with the current
 * policy and EC2 trust, and (outside a default VPC) its subnet maps public IPs and routes 0.0.0.0/0
 * to an internet gateway attached to its VPC.
 */
export async function expectUsable(instanceId: string): Promise<void> {
  const ec2 = new EC2Client({});
  const iam = new IAMClient({});
  const id = instanceId;
  expect(id, 'instance id').toMatch(/^i-/);
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  expect(instance?.IamInstanceProfile?.Arn ?? '').toContain(SPAWND_ROLE_NAME);
  const profile = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: SPAWND_ROLE_NAME }));
  expect(profile.InstanceProfile?.Roles?.map((r) => r.RoleName)).toEqual([SPAWND_ROLE_NAME]);
  const role = await iam.send(new GetRoleCommand({ RoleName: SPAWND_ROLE_NAME }));
  expect(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '')).toContain('ec2.amazonaws.com');
  const policy = await iam.send(
    new GetRolePolicyCommand({ RoleName: SPAWND_ROLE_NAME, PolicyName: SPAWND_POLICY_NAME }),
  );
  expect(samePolicy(policy.PolicyDocument, JSON.stringify(spawndPolicyDocument()))).toBe(true);

  const vpcId = instance?.VpcId as string;
  const vpc = (await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }))).Vpcs?.[0];
  if (vpc?.IsDefault) return;
  const subnetId = instance?.SubnetId as string;
  const subnet = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }))).Subnets?.[0];
  expect(subnet?.MapPublicIpOnLaunch, `${subnetId} maps public IPs`).toBe(true);
  const tables = await ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] }),
  );
  const igws = await ec2.send(
    new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
  );
  const attached = new Set((igws.InternetGateways ?? []).map((g) => g.InternetGatewayId));
  const routes = tables.RouteTables?.[0]?.Routes ?? [];
  expect(
    routes.some((r) => r.DestinationCidrBlock === '0.0.0.0/0' && attached.has(r.GatewayId)),
    `${subnetId} routes 0.0.0.0/0 to an attached gateway`,
  ).toBe(true);
}
