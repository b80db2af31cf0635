import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
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

/**
 * For accounts without a default VPC: a VPC, a public subnet in `zone`, an internet gateway and a
 * route table with a default route, every piece tagged and journalled for rollback.
 */
export async function createPublicNetwork(ctx: StepContext, zone: string): Promise<string> {
  if (ctx.environment.dryRun) {
    ctx.state.availabilityZone = zone;
    ctx.state.notes.push(
      `would create a VPC, public subnet in ${zone}, internet gateway and route (no default VPC)`,
    );
    return `Network: no default VPC, would create one in ${zone}`;
  }
  const ec2 = ctx.clients.ec2;
  const spec = (kind: 'vpc' | 'subnet' | 'internet-gateway' | 'route-table') => [
    { ResourceType: kind, Tags: buildResourceTags(kind, `spawn-${kind}`) },
  ];
  const track = (kind: string, id: string, remove: () => Promise<unknown>, taggable = true) =>
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

  const vpc = await awsCall(ctx, 'CreateVpc', () =>
    ec2.send(new CreateVpcCommand({ CidrBlock: '10.77.0.0/16', TagSpecifications: spec('vpc') })),
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

  const subnet = await awsCall(ctx, 'CreateSubnet', () =>
    ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: '10.77.0.0/20',
        AvailabilityZone: zone,
        TagSpecifications: spec('subnet'),
      }),
    ),
  );
  const subnetId = subnet.Subnet?.SubnetId ?? '';
  track('subnet', subnetId, () => ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })));
  await awsCall(ctx, 'ModifySubnetAttribute', () =>
    ec2.send(new ModifySubnetAttributeCommand({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } })),
  );

  const table = await awsCall(ctx, 'CreateRouteTable', () =>
    ec2.send(new CreateRouteTableCommand({ VpcId: vpcId, TagSpecifications: spec('route-table') })),
  );
  const tableId = table.RouteTable?.RouteTableId ?? '';
  track('route table', tableId, () => ec2.send(new DeleteRouteTableCommand({ RouteTableId: tableId })));
  await awsCall(ctx, 'CreateRoute', () =>
    ec2.send(
      new CreateRouteCommand({ RouteTableId: tableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }),
    ),
  );
  const assoc = await awsCall(ctx, 'AssociateRouteTable', () =>
    ec2.send(new AssociateRouteTableCommand({ RouteTableId: tableId, SubnetId: subnetId })),
  );
  const assocId = assoc.AssociationId ?? '';
  track(
    'route table association',
    assocId,
    () => ec2.send(new DisassociateRouteTableCommand({ AssociationId: assocId })),
    false,
  );

  ctx.state.vpcId = vpcId;
  ctx.state.subnetId = subnetId;
  ctx.state.availabilityZone = zone;
  return `Network: created VPC ${vpcId}, public subnet ${subnetId} in ${zone}`;
}
