// Test-only helpers that create spawn-tagged resources directly in moto (never shipped: `_` file,
// not exported from the barrel; spawn's tests import it by relative path).
import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVolumeCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeKeyPairsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
  ImportKeyPairCommand,
  type Instance,
  type Tag,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { launchTestInstance, type TestInstanceOptions } from '@truffle-spawn/test-utils/launch-test-instance';

/** An EC2 client on the moto server of this worker (useMoto sets AWS_ENDPOINT_URL and creds). */
export function ec2(region = 'us-east-1'): EC2Client {
  return new EC2Client({ region });
}

export interface SpawnInstanceOptions extends TestInstanceOptions {
  region?: string;
  name?: string;
  /** Tags beyond Name; `spawn:managed=true` is added unless `managed: false`. */
  tags?: Record<string, string>;
  managed?: boolean;
}

/** Creates an instance directly in moto with spawn's tags (independent of `spawn launch`). */
export function createInstance({
  region,
  name,
  managed,
  tags,
  ...o
}: SpawnInstanceOptions = {}): Promise<string> {
  const spawnTags = {
    ...(managed === false ? {} : { 'spawn:managed': 'true' }),
    ...(name ? { Name: name } : {}),
    ...tags,
  };
  return launchTestInstance(ec2(region), spawnTags, o);
}

export async function tagResource(
  region: string,
  ids: string[],
  tags: Record<string, string>,
): Promise<void> {
  await ec2(region).send(new CreateTagsCommand({ Resources: ids, Tags: toTags(tags) }));
}

export async function describeInstance(id: string, region = 'us-east-1'): Promise<Instance> {
  const out = await ec2(region).send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  if (!instance) throw new Error(`no instance ${id}`);
  return instance;
}

export async function tagsOf(id: string, region = 'us-east-1'): Promise<Record<string, string>> {
  const i = await describeInstance(id, region);
  return Object.fromEntries((i.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

function toTags(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** A launch-shaped network without a default VPC: VPC, subnet, IGW, route table with a route, and two SGs. */
export async function createNetwork(region = 'us-east-1') {
  const c = ec2(region);
  const vpcId = (await c.send(new CreateVpcCommand({ CidrBlock: '10.42.0.0/16' }))).Vpc?.VpcId as string;
  const subnetId = (await c.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.42.1.0/24' }))).Subnet
    ?.SubnetId as string;
  const igwId = (await c.send(new CreateInternetGatewayCommand({}))).InternetGateway
    ?.InternetGatewayId as string;
  await c.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  const routeTableId = (await c.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable
    ?.RouteTableId as string;
  await c.send(
    new CreateRouteCommand({
      RouteTableId: routeTableId,
      DestinationCidrBlock: '0.0.0.0/0',
      GatewayId: igwId,
    }),
  );
  await c.send(new AssociateRouteTableCommand({ RouteTableId: routeTableId, SubnetId: subnetId }));
  const sg = async (name: string) =>
    (await c.send(new CreateSecurityGroupCommand({ GroupName: name, Description: name, VpcId: vpcId })))
      .GroupId as string;
  const sshGroupId = await sg('spawn-ssh');
  const peerGroupId = await sg('spawn-peer');
  // A group reference: the SSH group cannot be deleted while the peer still points at it.
  await c.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: peerGroupId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, UserIdGroupPairs: [{ GroupId: sshGroupId }] },
      ],
    }),
  );
  return { vpcId, subnetId, igwId, routeTableId, sshGroupId, peerGroupId };
}

const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test';

export async function importKey(
  name: string,
  tags: Record<string, string>,
  region = 'us-east-1',
): Promise<void> {
  await ec2(region).send(
    new ImportKeyPairCommand({
      KeyName: name,
      PublicKeyMaterial: Buffer.from(PUBLIC_KEY),
      TagSpecifications:
        Object.keys(tags).length > 0 ? [{ ResourceType: 'key-pair', Tags: toTags(tags) }] : undefined,
    }),
  );
}

export async function createVolume(sizeGiB: number, tags: Record<string, string>, region = 'us-east-1') {
  const out = await ec2(region).send(
    new CreateVolumeCommand({
      AvailabilityZone: `${region}a`,
      Size: sizeGiB,
      VolumeType: 'gp3',
      TagSpecifications: [{ ResourceType: 'volume', Tags: toTags(tags) }],
    }),
  );
  return out.VolumeId as string;
}

/** Ids (key pairs: names) of every resource of the kinds cleanup handles, to assert what is left. */
export async function existingIds(region = 'us-east-1'): Promise<Set<string>> {
  const c = ec2(region);
  const [sgs, keys, igws, subnets, tables, vpcs, volumes] = await Promise.all([
    c.send(new DescribeSecurityGroupsCommand({})),
    c.send(new DescribeKeyPairsCommand({})),
    c.send(new DescribeInternetGatewaysCommand({})),
    c.send(new DescribeSubnetsCommand({})),
    c.send(new DescribeRouteTablesCommand({})),
    c.send(new DescribeVpcsCommand({})),
    c.send(new DescribeVolumesCommand({})),
  ]);
  return new Set(
    [
      ...(sgs.SecurityGroups ?? []).map((g) => g.GroupId),
      ...(keys.KeyPairs ?? []).map((k) => k.KeyName),
      ...(igws.InternetGateways ?? []).map((g) => g.InternetGatewayId),
      ...(subnets.Subnets ?? []).map((s) => s.SubnetId),
      ...(tables.RouteTables ?? []).map((t) => t.RouteTableId),
      ...(vpcs.Vpcs ?? []).map((v) => v.VpcId),
      ...(volumes.Volumes ?? []).map((v) => v.VolumeId),
    ].filter((id): id is string => id !== undefined),
  );
}

export async function keyPairId(name: string, region = 'us-east-1'): Promise<string> {
  const out = await ec2(region).send(new DescribeKeyPairsCommand({ KeyNames: [name] }));
  return out.KeyPairs?.[0]?.KeyPairId as string;
}

/** Terminates behind spawn's back (as spawnd's TTL action or the console would). */
export async function terminateDirectly(id: string, region = 'us-east-1'): Promise<void> {
  await ec2(region).send(new TerminateInstancesCommand({ InstanceIds: [id] }));
}
