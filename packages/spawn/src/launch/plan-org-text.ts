import { type LaunchPlan, userDataKind, userProfileText } from '@truffle-spawn/core/launch';

/**
 * The plan's lines for the options real accounts use (--subnet, --security-group, --key-pair,
 * --iam-instance-profile, --tag, --user-data): what of the user's is used and what spawn adds to
 * it, shown before the confirmation that allows it. None when no such flag was given.
 */
export function orgPlanLines(plan: LaunchPlan): string[] {
  const { spec, network, key, instanceProfile } = plan;
  const lines: string[] = [];
  if (network.kind === 'given') {
    const ip = network.publicIp
      ? ''
      : '; it assigns no public IPv4 address, so SSH must reach the private one';
    lines.push(`  Subnet     ${network.subnetId} of VPC ${network.vpcId} (--subnet, nothing created)${ip}`);
  }
  if (spec.securityGroupIds?.length) {
    const own = spec.sshCidr
      ? `, plus spawn's SSH group from ${spec.sshCidr}`
      : '; no SSH group made by spawn';
    lines.push(`  Groups     ${spec.securityGroupIds.join(', ')} (--security-group)${own}`);
  }
  if (key.kind === 'existing')
    lines.push(`  Key pair   ${key.name} (yours), private key ${key.local.privatePath}`);
  if (instanceProfile.kind === 'user') lines.push(`  Role       ${userProfileText(instanceProfile)}`);
  if (spec.userTags?.length) {
    lines.push(
      `  Tags       ${spec.userTags.map((t) => `${t.Key}=${t.Value}`).join(', ')} (on everything created)`,
    );
  }
  if (spec.userData) {
    const kind = userDataKind(spec.userData.text) === 'text/cloud-config' ? 'cloud-config' : 'script';
    const bytes = Buffer.byteLength(spec.userData.text, 'utf8');
    lines.push(`  User data  ${spec.userData.path} (${kind}, ${bytes} bytes), next to spawnd's installer`);
  }
  return lines;
}
