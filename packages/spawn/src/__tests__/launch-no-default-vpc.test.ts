import {
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { deleteDefaultVpc, inventory, tagMap } from './_inventory.ts';
import { runSpawn } from './_launch-test-io.ts';

useMoto();

const argv = (name: string) => [
  '--instance-type',
  't3.micro',
  '--yes',
  '--ssh-cidr',
  '203.0.113.7/32',
  '--wait',
  'running',
  '--name',
  name,
];

/** Every network resource spawn made, with its tags, straight from EC2. */
async function spawnNetwork() {
  const ec2 = new EC2Client({});
  const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
  const [vpc, ...moreVpcs] = vpcs;
  const filter = [{ Name: 'vpc-id', Values: [vpc?.VpcId ?? 'none'] }];
  const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: filter }))).Subnets ?? [];
  const tables = (await ec2.send(new DescribeRouteTablesCommand({ Filters: filter }))).RouteTables ?? [];
  const igws =
    (
      await ec2.send(
        new DescribeInternetGatewaysCommand({
          Filters: [{ Name: 'attachment.vpc-id', Values: filter[0]?.Values }],
        }),
      )
    ).InternetGateways ?? [];
  return { vpc, moreVpcs, subnets, tables: tables.filter((t) => !t.Associations?.some((a) => a.Main)), igws };
}

describe('launch without a default VPC (in-process, moto)', () => {
  it('creates a tagged public network (shared: no spawn:parent), and a second launch reuses it', async () => {
    await deleteDefaultVpc();
    const first = await runSpawn(argv('novpc-1'));
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('Network: created VPC');
    const [instance] = (await inventory()).instances;
    const net = await spawnNetwork();
    expect(net.moreVpcs).toEqual([]);
    expect(instance?.VpcId).toBe(net.vpc?.VpcId);
    const [subnet] = net.subnets;
    const [table] = net.tables;
    const [igw] = net.igws;
    expect(subnet?.MapPublicIpOnLaunch).toBe(true);
    expect(instance?.SubnetId).toBe(subnet?.SubnetId);
    expect(table?.Routes).toContainEqual(
      expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw?.InternetGatewayId }),
    );
    expect(table?.Associations).toContainEqual(expect.objectContaining({ SubnetId: subnet?.SubnetId }));
    for (const [kind, tags] of [
      ['vpc', net.vpc?.Tags],
      ['subnet', subnet?.Tags],
      ['route-table', table?.Tags],
      ['internet-gateway', igw?.Tags],
    ] as const) {
      expect(tagMap(tags), kind).toMatchObject({ 'spawn:managed': 'true', 'spawn:resource': kind });
      // Issue 12: the network is shared by every launch, owned by none (no parent, no launch id).
      expect(tagMap(tags)['spawn:parent'], kind).toBeUndefined();
      expect(tagMap(tags)['spawn:launch-id'], kind).toBeUndefined();
    }

    const second = await runSpawn(argv('novpc-2'));
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/spawn VPC vpc-\w+ \(reused\)/);
    const after = await spawnNetwork();
    expect(after.moreVpcs).toEqual([]);
    expect(after.subnets).toHaveLength(1);
    expect(after.igws).toHaveLength(1);
    const instances = (await inventory()).instances;
    expect(instances).toHaveLength(2);
    expect(new Set(instances.map((i) => i.SubnetId))).toEqual(new Set([subnet?.SubnetId]));
    expect(tagMap((await spawnNetwork()).vpc?.Tags)['spawn:parent']).toBeUndefined();
  });

  it('adds a subnet to the spawn VPC when it has none in the requested zone', async () => {
    await deleteDefaultVpc();
    const first = await runSpawn([...argv('az-a'), '--az', 'us-east-1a']);
    expect(first.code, first.stderr).toBe(0);
    const second = await runSpawn([...argv('az-b'), '--az', 'us-east-1b']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/added public subnet subnet-\w+ in us-east-1b/);
    const net = await spawnNetwork();
    expect(net.moreVpcs).toEqual([]);
    expect(net.subnets.map((s) => [s.AvailabilityZone, s.CidrBlock, s.MapPublicIpOnLaunch]).sort()).toEqual([
      ['us-east-1a', '10.77.0.0/20', true],
      ['us-east-1b', '10.77.16.0/20', true],
    ]);
    expect(net.tables).toHaveLength(1);
    expect(net.tables[0]?.Associations?.filter((a) => !a.Main)).toHaveLength(2);
  });
});
