import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  type DescribeRouteTablesCommandInput,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { testStepContext } from './_test-step-context.ts';
import { ensureSpawnNetwork } from './steps/create-network.ts';

// Races for the shared spawn network as real EC2 answers them (moto allows several gateways per VPC
// and so never says Resource.AlreadyAssociated): the loser adopts the winner's piece, deletes only
// the gateway it just made and nobody can use, and never fails the launch.
const ec2Mock = mockClient(EC2Client);
const awsError = (name: string) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 } });
const calls = () =>
  ec2Mock.calls().map((c) => (c.args[0] as object).constructor.name.replace(/Command$/, ''));

beforeEach(() => ec2Mock.reset());

describe('shared spawn network: losing each race adopts the winner', () => {
  it('gateway attach, route and subnet CIDR races', async () => {
    ec2Mock
      .on(DescribeVpcsCommand)
      .resolvesOnce({ Vpcs: [] })
      .resolves({ Vpcs: [{ VpcId: 'vpc-1' }] });
    ec2Mock.on(CreateVpcCommand).resolves({ Vpc: { VpcId: 'vpc-1' } });
    ec2Mock
      .on(DescribeInternetGatewaysCommand)
      .resolvesOnce({ InternetGateways: [] })
      .resolves({ InternetGateways: [{ InternetGatewayId: 'igw-winner' }] });
    ec2Mock.on(CreateInternetGatewayCommand).resolves({ InternetGateway: { InternetGatewayId: 'igw-ours' } });
    ec2Mock.on(AttachInternetGatewayCommand).rejects(awsError('Resource.AlreadyAssociated'));
    ec2Mock.on(DeleteInternetGatewayCommand).resolves({});
    let tableMade = false;
    ec2Mock.on(DescribeRouteTablesCommand).callsFake((input: DescribeRouteTablesCommandInput) => {
      if (input.Filters?.some((f) => f.Name === 'association.subnet-id')) return { RouteTables: [] };
      return { RouteTables: tableMade ? [{ RouteTableId: 'rtb-1', Routes: [] }] : [] };
    });
    ec2Mock.on(CreateRouteTableCommand).callsFake(() => {
      tableMade = true;
      return { RouteTable: { RouteTableId: 'rtb-1' } };
    });
    ec2Mock.on(CreateRouteCommand).rejects(awsError('RouteAlreadyExists'));
    const winner = {
      SubnetId: 'subnet-w',
      AvailabilityZone: 'us-east-1a',
      CidrBlock: '10.77.0.0/20',
      MapPublicIpOnLaunch: true,
      Tags: [{ Key: 'spawn:resource', Value: 'subnet' }],
    };
    ec2Mock
      .on(DescribeSubnetsCommand)
      .resolvesOnce({ Subnets: [] })
      .resolves({ Subnets: [winner] });
    ec2Mock.on(CreateSubnetCommand).rejects(awsError('InvalidSubnet.Conflict'));
    ec2Mock.on(AssociateRouteTableCommand).resolves({ AssociationId: 'rtbassoc-1' });

    const ctx = testStepContext({ clients: { ec2: new EC2Client({ region: 'us-east-1' }) } });
    const { line: text, value } = await ensureSpawnNetwork(ctx, { kind: 'create', zone: 'us-east-1a' });
    expect(text).toContain('subnet-w');
    expect(value).toMatchObject({ vpcId: 'vpc-1', subnetId: 'subnet-w', zone: 'us-east-1a' });
    expect(ec2Mock.commandCalls(DeleteInternetGatewayCommand).map((c) => c.args[0].input)).toEqual([
      { InternetGatewayId: 'igw-ours' },
    ]);
    expect(ec2Mock.commandCalls(CreateRouteCommand)[0]?.args[0].input).toMatchObject({
      GatewayId: 'igw-winner',
    });
    expect(ec2Mock.commandCalls(AssociateRouteTableCommand)[0]?.args[0].input).toEqual({
      RouteTableId: 'rtb-1',
      SubnetId: 'subnet-w',
    });
    // Adopted a public subnet as it is; nothing shared is deleted, nothing journalled.
    expect(calls()).not.toContain('ModifySubnetAttribute');
    expect(calls().filter((c) => /^(Delete|Detach|Disassociate)/.test(c))).toEqual(['DeleteInternetGateway']);
    expect(ctx.created.list()).toEqual([]);
  });

  it('a route left pointing at a deleted gateway (blackhole) is replaced', async () => {
    ec2Mock
      .on(DescribeInternetGatewaysCommand)
      .resolves({ InternetGateways: [{ InternetGatewayId: 'igw-1' }] });
    ec2Mock.on(DescribeRouteTablesCommand).callsFake((input: DescribeRouteTablesCommandInput) => {
      if (input.Filters?.some((f) => f.Name === 'association.subnet-id'))
        return { RouteTables: [{ RouteTableId: 'rtb-1' }] };
      return {
        RouteTables: [
          {
            RouteTableId: 'rtb-1',
            Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'igw-gone', State: 'blackhole' }],
          },
        ],
      };
    });
    ec2Mock.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        {
          SubnetId: 'subnet-1',
          AvailabilityZone: 'us-east-1a',
          MapPublicIpOnLaunch: false,
          Tags: [{ Key: 'spawn:resource', Value: 'subnet' }],
        },
      ],
    });
    ec2Mock.on(ModifySubnetAttributeCommand).resolves({});
    const { ReplaceRouteCommand } = await import('@aws-sdk/client-ec2');
    ec2Mock.on(ReplaceRouteCommand).resolves({});
    const ctx = testStepContext({ clients: { ec2: new EC2Client({ region: 'us-east-1' }) } });
    await ensureSpawnNetwork(ctx, { kind: 'repair', vpcId: 'vpc-1', zone: 'us-east-1a' });
    expect(ec2Mock.commandCalls(ReplaceRouteCommand)[0]?.args[0].input).toEqual({
      RouteTableId: 'rtb-1',
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: 'igw-1',
    });
    expect(ec2Mock.commandCalls(ModifySubnetAttributeCommand)).toHaveLength(1);
    expect(calls()).not.toContain('CreateVpc');
  });
});
