import { UserError } from '@truffle-spawn/core';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';
import { detectSshCidr, type FetchText } from '@truffle-spawn/core/launch';
import { findSpawnSshGroup, locateInstance, planAllowIp } from '@truffle-spawn/core/lifecycle';
import type { AllowIpInput } from '../command-table.ts';
import { applyAllowIp } from '../connect/check-ssh-rule.ts';
import { checkIpFetcher } from '../launch/ssh-cidr.ts';

/**
 * `spawn allow-ip <name>`: SSH from the caller's current address (or `--cidr`) in the security
 * group spawn created for the instance; the old /32 rules are revoked. Groups the user supplied
 * at launch are never changed: without a spawn-created group this is an error.
 */
export async function run(
  ctx: CommandContext,
  { name, cidr }: AllowIpInput,
  deps: { fetchText?: FetchText } = {},
): Promise<void> {
  const wanted = cidr === undefined ? undefined : singleAddress(cidr);
  const aws = await ctx.aws(['ec2'], { abortable: true });
  const { instance, failed } = await locateInstance(aws, ctx.opts.region, name);
  for (const f of failed) ctx.output.warn(`${f.region}: ${f.error.message}`);
  const ec2 = aws.ec2(instance.region);
  const group = await findSpawnSshGroup(ec2, instance);
  if (!group) {
    throw new UserError('NOT_FOUND', `${instance.name} has no security group created by spawn.`, {
      hint: 'Its SSH access comes from groups you manage (launched with --security-group); change those in the EC2 console or with `aws ec2 authorize-security-group-ingress`.',
      details: { instanceId: instance.instanceId },
    });
  }
  const current = wanted ?? (await detectSshCidr(deps.fetchText ?? checkIpFetcher(ctx.io.env)));
  await applyAllowIp(ctx, ec2, instance, planAllowIp(group, current));
}

/** `--cidr`: one IPv4 address as a /32 (a bare address gets /32); a wider range is refused. */
function singleAddress(raw: string): string {
  const text = raw.trim();
  const cidr = text.includes('/') ? text : `${text}/32`;
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/32$/.exec(cidr);
  if (!m || m.slice(1).some((o) => Number(o) > 255)) {
    throw new UserError('INVALID_INPUT', `Invalid --cidr ${JSON.stringify(raw)}.`, {
      hint: 'Give one IPv4 address, e.g. --cidr 203.0.113.7/32 (allow-ip replaces single addresses only).',
    });
  }
  return cidr;
}
