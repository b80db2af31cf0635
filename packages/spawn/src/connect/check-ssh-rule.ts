import type { EC2Client } from '@aws-sdk/client-ec2';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { detectSshCidr, type FetchText } from '@truffle-spawn/core/launch';
import {
  type AllowIpPlan,
  allowIp,
  findSpawnSshGroup,
  type ManagedInstance,
  planAllowIp,
  sshRuleAdmits,
} from '@truffle-spawn/core/lifecycle';

export interface IpCheckDeps {
  fetchText: FetchText;
  /** Asks a yes/no question on the terminal; absent: @inquirer/prompts' confirm. */
  confirm?: (message: string) => Promise<boolean>;
}

/**
 * Before ssh: when the instance's own security group admits SSH only from addresses that no
 * longer include the caller's, offer to replace the old /32 (on a terminal) or say which command
 * does it. Best effort and quick (3 s for the address): any failure here leaves ssh to try.
 */
export async function checkSshRule(
  ctx: CommandContext,
  instance: ManagedInstance,
  ec2: EC2Client,
  deps: IpCheckDeps,
): Promise<void> {
  const group = await findSpawnSshGroup(ec2, instance).catch(() => undefined);
  if (!group || group.sshCidrs.length === 0) return;
  const current = await detectSshCidr(deps.fetchText, 3000).catch(() => undefined);
  if (!current || sshRuleAdmits(group.sshCidrs, current)) return;
  const plan = planAllowIp(group, current);
  const command = `spawn allow-ip ${instance.name} --region ${instance.region}`;
  const what = `Your public address is now ${current}, but ${instance.name}'s SSH rule admits only ${group.sshCidrs.join(', ')}`;
  if (!ctx.io.stdin.isTTY || !ctx.io.stderr.isTTY) {
    ctx.output.warn(`${what}: ssh will likely time out. Update the rule with: ${command}`);
    return;
  }
  const ask =
    deps.confirm ??
    (async (message: string) => {
      const { confirm } = await import('@inquirer/prompts');
      return confirm(
        { message, default: true },
        { input: ctx.io.stdin, output: ctx.io.stderr, signal: ctx.signal },
      );
    });
  if (!(await ask(`${what}. Allow ${current} instead${revoked(plan)}?`))) {
    ctx.output.info(`SSH rule unchanged (later: ${command}).`);
    return;
  }
  await applyAllowIp(ctx, ec2, instance, plan);
}

/** Changes the rule and says what changed. */
export async function applyAllowIp(
  ctx: CommandContext,
  ec2: EC2Client,
  instance: ManagedInstance,
  plan: AllowIpPlan,
): Promise<void> {
  await allowIp(ec2, plan);
  if (plan.authorize)
    ctx.output.success(`${instance.name}: SSH allowed from ${plan.authorize} (${plan.groupId})`);
  else ctx.output.info(`${instance.name}: SSH already allowed from your address (${plan.groupId})`);
  for (const cidr of plan.revoke) ctx.output.info(`  removed the old rule for ${cidr}`);
}

function revoked(plan: AllowIpPlan): string {
  return plan.revoke.length > 0 ? ` (removing ${plan.revoke.join(', ')})` : '';
}
