import {
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';

/**
 * Makes a region look like an account without a default VPC (moto allows deleting it once its
 * subnets and gateway are gone). Returns the deleted VPC id.
 */
export async function deleteDefaultVpc(ec2: EC2Client): Promise<string> {
  const vpcs = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
  );
  const vpcId = vpcs.Vpcs?.[0]?.VpcId;
  if (!vpcId) throw new Error('no default VPC to delete');
  const subnets = await ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
  );
  for (const s of subnets.Subnets ?? []) await ec2.send(new DeleteSubnetCommand({ SubnetId: s.SubnetId }));
  const igws = await ec2.send(
    new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }),
  );
  for (const g of igws.InternetGateways ?? []) {
    const InternetGatewayId = g.InternetGatewayId;
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId, VpcId: vpcId }));
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId }));
  }
  await ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
  return vpcId;
}
