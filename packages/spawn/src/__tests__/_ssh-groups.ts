import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
} from '@aws-sdk/client-ec2';
import { ec2 } from './_lifecycle-fixtures.ts';

/** A security group with SSH from `cidrs`; `spawnParent` makes it the one a launch creates for that instance. */
export async function sshGroup(name: string, cidrs: string[], spawnParent?: string): Promise<string> {
  const c = ec2();
  const tags = spawnParent
    ? [
        { Key: 'spawn:managed', Value: 'true' },
        { Key: 'spawn:resource', Value: 'security-group' },
        { Key: 'spawn:parent', Value: spawnParent },
      ]
    : [];
  const out = await c.send(
    new CreateSecurityGroupCommand({
      GroupName: `${name}-${Math.random().toString(36).slice(2)}`,
      Description: name,
      ...(tags.length ? { TagSpecifications: [{ ResourceType: 'security-group', Tags: tags }] } : {}),
    }),
  );
  const groupId = out.GroupId as string;
  await c.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: cidrs.map((CidrIp) => ({ CidrIp })) },
      ],
    }),
  );
  return groupId;
}

/** The CIDRs a group admits on tcp/22, sorted. */
export async function sshCidrsOf(groupId: string): Promise<string[]> {
  const out = await ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
  return (out.SecurityGroups?.[0]?.IpPermissions ?? [])
    .filter((p) => p.FromPort === 22)
    .flatMap((p) => (p.IpRanges ?? []).map((r) => r.CidrIp as string))
    .sort();
}
