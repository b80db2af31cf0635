import {
  AuthorizeSecurityGroupIngressCommand,
  DescribeSecurityGroupsCommand,
  type EC2Client,
  type IpPermission,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { translateAwsError } from '../aws/translate-aws-error.ts';
import { UserError } from '../errors/user-error.ts';
import { TAG } from '../tags.ts';
import type { ManagedInstance } from './managed-instance.ts';

/** The security group a launch created for one instance, and who may SSH in through it. */
export interface SpawnSshGroup {
  groupId: string;
  /** IPv4 ranges of its tcp/22 rules. */
  sshCidrs: string[];
}

/**
 * The group spawn created for this instance (tagged `spawn:resource=security-group` and
 * `spawn:parent=<instance id>`), or undefined: groups the user passed are never returned.
 */
export async function findSpawnSshGroup(
  ec2: EC2Client,
  instance: Pick<ManagedInstance, 'instanceId'>,
): Promise<SpawnSshGroup | undefined> {
  const out = await ec2.send(
    new DescribeSecurityGroupsCommand({
      Filters: [
        { Name: `tag:${TAG.parent}`, Values: [instance.instanceId] },
        { Name: `tag:${TAG.resource}`, Values: ['security-group'] },
      ],
    }),
  );
  const group = out.SecurityGroups?.[0];
  if (!group?.GroupId) return undefined;
  const sshCidrs = (group.IpPermissions ?? [])
    .filter(isSshRule)
    .flatMap((p) => (p.IpRanges ?? []).flatMap((r) => (r.CidrIp ? [r.CidrIp] : [])));
  return { groupId: group.GroupId, sshCidrs };
}

/** What {@link allowIp} changes: the current address is added, the other single addresses go. */
export interface AllowIpPlan {
  groupId: string;
  /** undefined when the rule already admits exactly this /32. */
  authorize?: string;
  /** The old /32 rules replaced; wider ranges (`--ssh-cidr 10.0.0.0/8`) are left alone. */
  revoke: string[];
}

/** Pure: replace every other /32 SSH rule of the group with `cidr`. */
export function planAllowIp(group: SpawnSshGroup, cidr: string): AllowIpPlan {
  return {
    groupId: group.groupId,
    authorize: group.sshCidrs.includes(cidr) ? undefined : cidr,
    revoke: group.sshCidrs.filter((c) => c !== cidr && c.endsWith('/32')),
  };
}

/** True when one of the SSH ranges admits `cidr`'s address (an IPv4 `a.b.c.d/32`). */
export function sshRuleAdmits(sshCidrs: readonly string[], cidr: string): boolean {
  const ip = ipv4(cidr.split('/')[0] ?? '');
  if (ip === undefined) return false;
  return sshCidrs.some((range) => {
    const [base, bits] = range.split('/');
    const b = ipv4(base ?? '');
    const n = Number(bits ?? 32);
    if (b === undefined || !Number.isInteger(n) || n < 0 || n > 32) return false;
    const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
    return (ip & mask) >>> 0 === (b & mask) >>> 0;
  });
}

/**
 * Applies the plan: the new address first, then the old ones are revoked, so a failure half-way
 * leaves SSH open to both rather than to neither. A revoke that fails (refused, dropped, Ctrl-C)
 * is a UserError of the same code saying the new rule is in and which old ones are still there.
 */
export async function allowIp(ec2: EC2Client, plan: AllowIpPlan): Promise<void> {
  if (plan.authorize) {
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: plan.groupId,
        IpPermissions: [sshPermission(plan.authorize, 'SSH for spawn (spawn allow-ip)')],
      }),
    );
  }
  if (plan.revoke.length > 0) {
    try {
      await ec2.send(
        new RevokeSecurityGroupIngressCommand({
          GroupId: plan.groupId,
          IpPermissions: plan.revoke.map((c) => sshPermission(c)),
        }),
      );
    } catch (error) {
      throw oldRulesKept(plan, translateAwsError(error, { operation: 'RevokeSecurityGroupIngress' }));
    }
  }
}

function oldRulesKept(plan: AllowIpPlan, cause: UserError): UserError {
  const rule = `old SSH rule for ${plan.revoke.join(', ')} in ${plan.groupId}`;
  const what = plan.authorize ? `SSH is now allowed from ${plan.authorize}, but the ${rule}` : `The ${rule}`;
  const ranges = plan.revoke.map((c) => `{CidrIp=${c}}`).join(',');
  return new UserError(cause.code, `${what} could not be removed: ${cause.message}`, {
    hint: [
      `${plan.revoke.length === 1 ? 'That address' : 'Those addresses'} can still connect.${cause.hint ? ` ${cause.hint}` : ''}`,
      'Then run the same `spawn allow-ip` again, or remove the rule with:',
      `aws ec2 revoke-security-group-ingress --group-id ${plan.groupId} --ip-permissions 'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[${ranges}]'`,
    ].join(' '),
    cause,
    details: { ...cause.details, groupId: plan.groupId, authorized: plan.authorize, kept: plan.revoke },
  });
}

function sshPermission(cidr: string, description?: string): IpPermission {
  return {
    IpProtocol: 'tcp',
    FromPort: 22,
    ToPort: 22,
    IpRanges: [{ CidrIp: cidr, ...(description ? { Description: description } : {}) }],
  };
}

function isSshRule(p: IpPermission): boolean {
  return p.IpProtocol === 'tcp' && p.FromPort === 22 && p.ToPort === 22;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    const v = Number(part);
    if (!/^\d{1,3}$/.test(part) || v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}
