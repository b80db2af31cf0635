import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
} from '@aws-sdk/client-ec2';
import { buildResourceTags } from '../build-tags.ts';
import { awsCall, dryRunCheck, launchIdOf, type StepContext } from '../context.ts';
import { type PreparedGroup, type PreparedNetwork, preparedVpc } from '../launch-result.ts';
import type { Done } from '../step.ts';
import { parentTag } from './parent-tag.ts';

/** This instance's own security group (tagged at birth with the launch id), SSH from `spec.sshCidr` only. */
export async function ensureSecurityGroup(
  ctx: StepContext,
  network: PreparedNetwork,
): Promise<Done<PreparedGroup>> {
  const { spec, clients } = ctx;
  const sshCidr = spec.sshCidr;
  if (sshCidr === undefined) {
    // --security-group without --ssh-cidr: the user's groups alone decide who gets in.
    return { line: 'No SSH security group (your --security-group decide access)', value: { kind: 'none' } };
  }
  const vpcId = preparedVpc(network);
  const groupName = `spawn-${spec.name}-${ctx.environment.now().getTime().toString(36)}`;
  const input = {
    GroupName: groupName,
    Description: `SSH from ${sshCidr} for spawn instance ${spec.name}`,
    VpcId: vpcId,
    TagSpecifications: [
      {
        ResourceType: 'security-group' as const,
        Tags: buildResourceTags('security-group', groupName, launchIdOf(ctx), spec.userTags),
      },
    ],
  };
  if (ctx.environment.dryRun) {
    if (vpcId) {
      await dryRunCheck(ctx, 'CreateSecurityGroup', (o) =>
        clients.ec2.send(new CreateSecurityGroupCommand({ ...input, DryRun: true }), o),
      );
    }
    ctx.notes.push(`would create security group ${groupName}: SSH from ${sshCidr} only`);
    return {
      line: `Security group ${groupName}: SSH from ${sshCidr} only (would create)`,
      value: { kind: 'planned' },
    };
  }
  const out = await awsCall(ctx, 'CreateSecurityGroup', (o) =>
    clients.ec2.send(new CreateSecurityGroupCommand(input), o),
  );
  const groupId = out.GroupId ?? '';
  ctx.created.add({
    kind: 'security group',
    id: groupId,
    tag: parentTag(ctx, groupId),
    remove: (signal) =>
      awsCall(
        ctx,
        'DeleteSecurityGroup',
        (o) => clients.ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }), o),
        { signal },
      ).then(() => undefined),
  });
  await awsCall(ctx, 'AuthorizeSecurityGroupIngress', (o) =>
    clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: groupId,
        IpPermissions: [
          {
            IpProtocol: 'tcp',
            FromPort: 22,
            ToPort: 22,
            IpRanges: [{ CidrIp: sshCidr, Description: 'SSH for spawn' }],
          },
        ],
      }),
      o,
    ),
  );
  return {
    line: `Security group ${groupId}: SSH from ${sshCidr} only`,
    value: { kind: 'created', groupId },
  };
}
