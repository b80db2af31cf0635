import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  type CreateSubnetCommandInput,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { TAG } from '../../tags.ts';
import { buildResourceTags } from '../build-tags.ts';
import { awsCall, type StepContext } from '../context.ts';
import type { NetworkPlan } from '../types.ts';

type CreatePlan = Extract<NetworkPlan, { kind: 'create' | 'add-subnet' }>;

/** The spawn VPC's range, split into sixteen /20 subnets (one per AZ is plenty). */
const VPC_CIDR = '10.77.0.0/16';
const subnetCidr = (i: number) => `10.77.${i * 16}.0/20`;

/**
 * For accounts without a default VPC: a VPC, a public subnet in the zone, an internet gateway and a
 * route table with a default route, every piece tagged and journalled for rollback. With
 * `add-subnet`, only a subnet is added to the spawn VPC found earlier (on its route table).
 */
export async function createPublicNetwork(ctx: StepContext, plan: CreatePlan): Promise<string> {
  const { zone } = plan;
  if (ctx.environment.dryRun) {
    ctx.state.availabilityZone = zone;
    ctx.state.notes.push(
      plan.kind === 'create'
        ? `would create a VPC, public subnet in ${zone}, internet gateway and route (no default VPC)`
        : `would add a public subnet in ${zone} to the spawn VPC ${plan.vpcId}`,
    );
    return `Network: no default VPC, would ${plan.kind === 'create' ? 'create one' : `add a subnet to ${plan.vpcId}`} in ${zone}`;
  }
  const ec2 = ctx.clients.ec2;
  const spec = (kind: 'vpc' | 'subnet' | 'internet-gateway' | 'route-table') => [
    { ResourceType: kind, Tags: buildResourceTags(kind, `spawn-${kind}`) },
  ];
  const track: Track = (kind, id, remove, taggable = true) =>
    ctx.created.add({
      kind,
      id,
      tag: taggable
        ? (instanceId) =>
            awsCall(ctx, 'CreateTags', () =>
              ec2.send(
                new CreateTagsCommand({ Resources: [id], Tags: [{ Key: TAG.parent, Value: instanceId }] }),
              ),
            ).then(() => undefined)
        : undefined,
      remove: () => awsCall(ctx, `delete ${kind}`, remove).then(() => undefined),
    });

  if (plan.kind === 'add-subnet') {
    const free = Array.from({ length: 16 }, (_, i) => subnetCidr(i)).find((c) => !plan.usedCidrs.includes(c));
    if (!free) throw new Error(`the spawn VPC ${plan.vpcId} has no free /20 left`);
    const subnetId = await addPublicSubnet(ctx, { ...plan, cidr: free }, spec('subnet'), track);
    return `Network: spawn VPC ${plan.vpcId} (reused), added public subnet ${subnetId} in ${zone}`;
  }

  const vpc = await awsCall(ctx, 'CreateVpc', () =>
    ec2.send(new CreateVpcCommand({ CidrBlock: VPC_CIDR, TagSpecifications: spec('vpc') })),
  );
  const vpcId = vpc.Vpc?.VpcId ?? '';
  track('VPC', vpcId, () => ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));

  const igw = await awsCall(ctx, 'CreateInternetGateway', () =>
    ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: spec('internet-gateway') })),
  );
  const igwId = igw.InternetGateway?.InternetGatewayId ?? '';
  track('internet gateway', igwId, () =>
    ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId })),
  );
  await awsCall(ctx, 'AttachInternetGateway', () =>
    ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })),
  );
  track(
    'gateway attachment',
    `${igwId}/${vpcId}`,
    () => ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId })),
    false,
  );

  const table = await awsCall(ctx, 'CreateRouteTable', () =>
    ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: spec('route-table') })),
  );
  const routeTableId = table.RouteTable?.RouteTableId ?? '';
  track('route table', routeTableId, () =>
    ec2.send(new DeleteRouteTableCommand({ RouteTableId: routeTableId })),
  );
  await awsCall(ctx, 'CreateRoute', () =>
    ec2.send(
      new CreateRouteCommand({
        RouteTableId: routeTableId,
        DestinationCidrBlock: '0.0.0.0/0',
        GatewayId: igwId,
      }),
    ),
  );
  const subnetId = await addPublicSubnet(
    ctx,
    { vpcId, routeTableId, zone, cidr: subnetCidr(0) },
    spec('subnet'),
    track,
  );
  return `Network: created VPC ${vpcId}, public subnet ${subnetId} in ${zone}`;
}

type Track = (kind: string, id: string, remove: () => Promise<unknown>, taggable?: boolean) => void;

/** A subnet that maps public IPs, associated with the route table that leads to the gateway. */
async function addPublicSubnet(
  ctx: StepContext,
  o: { vpcId: string; routeTableId: string; zone: string; cidr: string },
  tagSpecifications: CreateSubnetCommandInput['TagSpecifications'],
  track: Track,
): Promise<string> {
  const ec2 = ctx.clients.ec2;
  const subnet = await awsCall(ctx, 'CreateSubnet', () =>
    ec2.send(
      new CreateSubnetCommand({
        VpcId: o.vpcId,
        CidrBlock: o.cidr,
        AvailabilityZone: o.zone,
        TagSpecifications: tagSpecifications,
      }),
    ),
  );
  const subnetId = subnet.Subnet?.SubnetId ?? '';
  track('subnet', subnetId, () => ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })));
  await awsCall(ctx, 'ModifySubnetAttribute', () =>
    ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } })),
  );
  const assoc = await awsCall(ctx, 'AssociateRouteTable', () =>
    ec2.send(new AssociateRouteTableCommand({ RouteTableId: o.routeTableId, SubnetId: subnetId })),
  );
  const assocId = assoc.AssociationId ?? '';
  track(
    'route table association',
    assocId,
    () => ec2.send(new DisassociateRouteTableCommand({ AssociationId: assocId })),
    false,
  );
  ctx.state.vpcId = o.vpcId;
  ctx.state.subnetId = subnetId;
  ctx.state.availabilityZone = o.zone;
  return subnetId;
}
