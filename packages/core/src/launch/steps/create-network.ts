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
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type InternetGateway,
  ModifySubnetAttributeCommand,
  ReplaceRouteCommand,
  type RouteTable,
  type Subnet,
} from '@aws-sdk/client-ec2';
import { isAwsError } from '../../aws/aws-error-name.ts';
import { TAG } from '../../tags.ts';
import { buildResourceTags } from '../build-tags.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { PreparedNetwork } from '../launch-result.ts';
import type { Done } from '../step.ts';
import type { SpawnNetworkPlan } from '../types.ts';

/** The spawn VPC's range, split into sixteen /20 subnets (one per AZ is plenty). */
const VPC_CIDR = '10.77.0.0/16';
const SUBNET_CIDRS = Array.from({ length: 16 }, (_, i) => `10.77.${i * 16}.0/20`);
const ANYWHERE = '0.0.0.0/0';

/** What a spawn VPC has: its spawn subnets, route tables and attached gateways. */
export interface SpawnVpc {
  vpcId: string;
  subnets: Subnet[];
  routeTables: RouteTable[];
  gateways: InternetGateway[];
}

/** Reads the spawn VPC's pieces (three calls, concurrently). */
export async function inspectSpawnVpc(ctx: StepContext, vpcId: string): Promise<SpawnVpc> {
  const ec2 = ctx.clients.ec2;
  const inVpc = { Name: 'vpc-id', Values: [vpcId] };
  const [subnets, tables, gateways] = await Promise.all([
    awsCall(ctx, 'DescribeSubnets', (o) =>
      ec2.send(
        new DescribeSubnetsCommand({ Filters: [inVpc, { Name: `tag:${TAG.resource}`, Values: ['subnet'] }] }),
        o,
      ),
    ),
    awsCall(ctx, 'DescribeRouteTables', (o) =>
      ec2.send(new DescribeRouteTablesCommand({ Filters: [inVpc] }), o),
    ),
    awsCall(ctx, 'DescribeInternetGateways', (o) =>
      ec2.send(
        new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
        o,
      ),
    ),
  ]);
  return {
    vpcId,
    subnets: sortBy(subnets.Subnets ?? [], (s) => s.SubnetId),
    routeTables: sortBy(tables.RouteTables ?? [], (t) => t.RouteTableId),
    gateways: sortBy(gateways.InternetGateways ?? [], (g) => g.InternetGatewayId),
  };
}

/** A subnet an instance can be reached in: public IPs, and its route table leads to an attached gateway. */
export function isPublic(vpc: SpawnVpc, subnet: Subnet): boolean {
  if (!subnet.MapPublicIpOnLaunch || !subnet.SubnetId) return false;
  const table = vpc.routeTables.find((t) => t.Associations?.some((a) => a.SubnetId === subnet.SubnetId));
  return table !== undefined && hasGatewayRoute(vpc, table);
}

function hasGatewayRoute(vpc: SpawnVpc, table: RouteTable): boolean {
  const attached = new Set(vpc.gateways.map((g) => g.InternetGatewayId));
  return (table.Routes ?? []).some(
    (r) => r.DestinationCidrBlock === ANYWHERE && r.State !== 'blackhole' && attached.has(r.GatewayId),
  );
}

/**
 * For accounts without a usable default VPC: find-or-create the SHARED spawn VPC and make it
 * complete — an attached internet gateway, a route table with a default route, a public subnet in
 * the zone associated with it. Every step adopts what exists (a concurrent launch may be doing the
 * same) and converges on the lowest id; nothing here is journalled, so a rollback never deletes
 * what another launch may be using (only `spawn cleanup --shared` does).
 */
export async function ensureSpawnNetwork(
  ctx: StepContext,
  plan: SpawnNetworkPlan,
): Promise<Done<PreparedNetwork>> {
  const { zone } = plan;
  const known = plan.kind === 'repair' ? plan.vpcId : undefined;
  if (ctx.environment.dryRun) {
    ctx.notes.push(
      known
        ? `would add or repair the public subnet in ${zone} of the spawn VPC ${known}`
        : `would create the shared spawn VPC, public subnet in ${zone}, internet gateway and route (no default VPC)`,
    );
    return {
      line: `Network: would ${known ? `complete the spawn VPC ${known}` : 'create the spawn VPC'} in ${zone}`,
      value: { kind: 'planned', plan },
    };
  }
  const created: string[] = [];
  const vpcId = known ?? (await ensureVpc(ctx, created));
  const gatewayId = await ensureGateway(ctx, vpcId, created);
  const tableId = await ensureRouteTable(ctx, vpcId, gatewayId, created);
  const subnetId = await ensureSubnet(ctx, { vpcId, tableId, gatewayId, zone }, created);
  const value = { kind: 'ready', vpcId, subnetId, zone } as const;
  if (created.includes('VPC'))
    return { line: `Network: created VPC ${vpcId}, public subnet ${subnetId} in ${zone}`, value };
  if (created.includes('subnet'))
    return {
      line: `Network: spawn VPC ${vpcId} (reused), added public subnet ${subnetId} in ${zone}`,
      value,
    };
  const repaired = created.length > 0 ? `, added ${created.join(', ')}` : '';
  return { line: `Network: spawn VPC ${vpcId} (reused${repaired}), subnet ${subnetId} in ${zone}`, value };
}

const sharedTags = (ctx: StepContext, kind: 'vpc' | 'subnet' | 'internet-gateway' | 'route-table') => [
  { ResourceType: kind, Tags: buildResourceTags(kind, `spawn-${kind}`, undefined, ctx.spec.userTags) },
];

async function findSpawnVpc(ctx: StepContext): Promise<string | undefined> {
  const out = await awsCall(ctx, 'DescribeVpcs', (o) =>
    ctx.clients.ec2.send(
      new DescribeVpcsCommand({
        Filters: [
          { Name: `tag:${TAG.resource}`, Values: ['vpc'] },
          { Name: `tag:${TAG.managed}`, Values: ['true'] },
        ],
      }),
      o,
    ),
  );
  return lowestId(out.Vpcs ?? [], (v) => v.VpcId);
}

/** Creates the VPC unless one exists; after a race every launch adopts the lowest spawn VPC id. */
async function ensureVpc(ctx: StepContext, created: string[]): Promise<string> {
  const found = await findSpawnVpc(ctx);
  if (found) return found;
  const out = await awsCall(ctx, 'CreateVpc', (o) =>
    ctx.clients.ec2.send(
      new CreateVpcCommand({ CidrBlock: VPC_CIDR, TagSpecifications: sharedTags(ctx, 'vpc') }),
      o,
    ),
  ).catch(async (error: unknown) => {
    // VpcLimitExceeded and the like: a concurrent launch's VPC is as good as ours.
    if (await findSpawnVpc(ctx)) return undefined;
    throw error;
  });
  const winner = (await findSpawnVpc(ctx)) ?? out?.Vpc?.VpcId;
  if (!winner) throw new Error('CreateVpc returned no VPC id');
  if (winner === out?.Vpc?.VpcId) created.push('VPC');
  return winner;
}

async function attachedGateway(ctx: StepContext, vpcId: string): Promise<string | undefined> {
  const out = await awsCall(ctx, 'DescribeInternetGateways', (o) =>
    ctx.clients.ec2.send(
      new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
      o,
    ),
  );
  return lowestId(out.InternetGateways ?? [], (g) => g.InternetGatewayId);
}

/**
 * The VPC's internet gateway, created and attached when missing. A VPC holds one gateway: losing
 * the attach race deletes our unattached gateway (nobody can route to it) and adopts the winner.
 */
async function ensureGateway(ctx: StepContext, vpcId: string, created: string[]): Promise<string> {
  const ec2 = ctx.clients.ec2;
  const found = await attachedGateway(ctx, vpcId);
  if (found) return found;
  const out = await awsCall(ctx, 'CreateInternetGateway', (o) =>
    ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: sharedTags(ctx, 'internet-gateway') }), o),
  );
  const ours = out.InternetGateway?.InternetGatewayId ?? '';
  const attached = await awsCall(ctx, 'AttachInternetGateway', (o) =>
    ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: ours, VpcId: vpcId }), o),
  ).then(
    () => true,
    async (error: unknown) => {
      const winner = await attachedGateway(ctx, vpcId);
      if (!winner || winner === ours) throw error;
      await awsCall(ctx, 'DeleteInternetGateway', (o) =>
        ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: ours }), o),
      ).catch(() => {});
      return false;
    },
  );
  if (!attached) {
    const winner = await attachedGateway(ctx, vpcId);
    if (!winner) throw new Error(`no internet gateway attached to ${vpcId} after losing the attach race`);
    return winner;
  }
  created.push('internet gateway');
  return ours;
}

async function spawnRouteTable(ctx: StepContext, vpcId: string): Promise<RouteTable | undefined> {
  const out = await awsCall(ctx, 'DescribeRouteTables', (o) =>
    ctx.clients.ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: `tag:${TAG.resource}`, Values: ['route-table'] },
        ],
      }),
      o,
    ),
  );
  return sortBy(out.RouteTables ?? [], (t) => t.RouteTableId)[0];
}

/** spawn's route table (lowest id after a race) with a default route to the gateway. */
async function ensureRouteTable(
  ctx: StepContext,
  vpcId: string,
  gatewayId: string,
  created: string[],
): Promise<string> {
  let table = await spawnRouteTable(ctx, vpcId);
  if (!table) {
    const out = await awsCall(ctx, 'CreateRouteTable', (o) =>
      ctx.clients.ec2.send(
        new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: sharedTags(ctx, 'route-table') }),
        o,
      ),
    );
    table = (await spawnRouteTable(ctx, vpcId)) ?? out.RouteTable;
    if (table?.RouteTableId === out.RouteTable?.RouteTableId) created.push('route table');
  }
  const tableId = table?.RouteTableId ?? '';
  await ensureDefaultRoute(ctx, table ?? {}, gatewayId);
  return tableId;
}

/** 0.0.0.0/0 → the gateway: created, or replaced when it leads nowhere (a deleted gateway). */
async function ensureDefaultRoute(ctx: StepContext, table: RouteTable, gatewayId: string): Promise<void> {
  const ec2 = ctx.clients.ec2;
  const RouteTableId = table.RouteTableId ?? '';
  const route = (table.Routes ?? []).find((r) => r.DestinationCidrBlock === ANYWHERE);
  // Any live route to a gateway will do (after a race in an emulator two may be attached).
  if (route?.GatewayId?.startsWith('igw-') && route.State !== 'blackhole') return;
  const input = { RouteTableId, DestinationCidrBlock: ANYWHERE, GatewayId: gatewayId };
  if (route) {
    await awsCall(ctx, 'ReplaceRoute', (o) => ec2.send(new ReplaceRouteCommand(input), o));
    return;
  }
  await awsCall(ctx, 'CreateRoute', (o) => ec2.send(new CreateRouteCommand(input), o)).catch(
    (error: unknown) => {
      // A concurrent launch added it first.
      if (!isAwsError(error, 'RouteAlreadyExists')) throw error;
    },
  );
}

async function spawnSubnets(ctx: StepContext, vpcId: string): Promise<Subnet[]> {
  const out = await awsCall(ctx, 'DescribeSubnets', (o) =>
    ctx.clients.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }), o),
  );
  return sortBy(out.Subnets ?? [], (s) => s.SubnetId);
}

const isSpawnSubnet = (s: Subnet) =>
  (s.Tags ?? []).some((t) => t.Key === TAG.resource && t.Value === 'subnet');

/**
 * spawn's public subnet in the zone: adopted if it exists, else created in a free /20. Losing the
 * CIDR race (`InvalidSubnet.Conflict`) re-reads the VPC and adopts the winner's subnet in the zone,
 * or tries the next free range. Then public IPs on, and associated with the gateway's route table.
 */
async function ensureSubnet(
  ctx: StepContext,
  o: { vpcId: string; tableId: string; gatewayId: string; zone: string },
  created: string[],
): Promise<string> {
  const ec2 = ctx.clients.ec2;
  let subnet: Subnet | undefined;
  let ours = false;
  for (let attempt = 0; !subnet && attempt < SUBNET_CIDRS.length; attempt++) {
    const all = await spawnSubnets(ctx, o.vpcId);
    subnet = all.find((s) => isSpawnSubnet(s) && s.AvailabilityZone === o.zone);
    if (subnet) break;
    const used = new Set(all.map((s) => s.CidrBlock));
    const cidr = SUBNET_CIDRS.find((c) => !used.has(c));
    if (!cidr) throw new Error(`the spawn VPC ${o.vpcId} has no free /20 left`);
    const out = await awsCall(ctx, 'CreateSubnet', (c) =>
      ec2.send(
        new CreateSubnetCommand({
          VpcId: o.vpcId,
          CidrBlock: cidr,
          AvailabilityZone: o.zone,
          TagSpecifications: sharedTags(ctx, 'subnet'),
        }),
        c,
      ),
    ).catch((error: unknown) => {
      if (isAwsError(error, 'InvalidSubnet.Conflict')) return undefined;
      throw error;
    });
    subnet = out?.Subnet;
    ours = subnet !== undefined;
    if (ours) created.push('subnet');
  }
  const subnetId = subnet?.SubnetId;
  if (!subnetId) throw new Error(`could not get a subnet in ${o.zone} of the spawn VPC ${o.vpcId}`);
  // Set on a new subnet even when the answer says so (an emulator's default-for-az flag).
  if (ours || !subnet?.MapPublicIpOnLaunch) {
    await awsCall(ctx, 'ModifySubnetAttribute', (c) =>
      ec2.send(
        new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } }),
        c,
      ),
    );
  }
  await ensureAssociation(ctx, { ...o, subnetId });
  return subnetId;
}

async function ensureAssociation(
  ctx: StepContext,
  o: { vpcId: string; tableId: string; gatewayId: string; subnetId: string },
): Promise<void> {
  const ec2 = ctx.clients.ec2;
  const associatedTable = async () => {
    const out = await awsCall(ctx, 'DescribeRouteTables', (c) =>
      ec2.send(
        new DescribeRouteTablesCommand({
          Filters: [{ Name: 'association.subnet-id', Values: [o.subnetId] }],
        }),
        c,
      ),
    );
    return out.RouteTables?.[0];
  };
  const current = await associatedTable();
  if (current) {
    // Associated by a concurrent launch (maybe with its own table): that table needs the route too.
    if (current.RouteTableId !== o.tableId) await ensureDefaultRoute(ctx, current, o.gatewayId);
    return;
  }
  await awsCall(ctx, 'AssociateRouteTable', (c) =>
    ec2.send(new AssociateRouteTableCommand({ RouteTableId: o.tableId, SubnetId: o.subnetId }), c),
  ).catch(async (error: unknown) => {
    if (!isAwsError(error, 'Resource.AlreadyAssociated')) throw error;
    const winner = await associatedTable();
    if (!winner) throw error;
    if (winner.RouteTableId !== o.tableId) await ensureDefaultRoute(ctx, winner, o.gatewayId);
  });
}

/** The smallest id (ids sort by creation within a region closely enough; any stable choice works). */
export function lowestId<T>(items: T[], id: (item: T) => string | undefined): string | undefined {
  return items
    .map(id)
    .filter((x): x is string => Boolean(x))
    .sort()[0];
}

function sortBy<T>(items: T[], id: (item: T) => string | undefined): T[] {
  return items.slice().sort((a, b) => (id(a) ?? '').localeCompare(id(b) ?? ''));
}
