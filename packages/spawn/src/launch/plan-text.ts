import { formatDuration } from '@truffle-spawn/core';
import { estimateCost, formatCost, type LaunchSpec, type LaunchState } from '@truffle-spawn/core/launch';

/** The human summary shown before every launch (and as the dry-run plan). */
export function planLines(spec: LaunchSpec, state: LaunchState): string[] {
  const ttl = spec.ttlMs === undefined ? undefined : formatDuration(spec.ttlMs);
  const where = state.availabilityZone ?? spec.availabilityZone ?? `${spec.region} (zone chosen by spawn)`;
  return [
    ...(state.accountId ? [`  Account    ${state.accountId} (${state.callerArn ?? 'unknown caller'})`] : []),
    `  Instance   ${spec.instanceType}, ${spec.market}${spec.maxPrice !== undefined ? ` (max $${spec.maxPrice}/hour)` : ''} in ${where}`,
    `  Name       ${spec.name}`,
    `  Lifetime   ${ttl ? `terminates after ${ttl}` : 'NO TTL'}; ${spec.onIdle} after ${formatDuration(spec.idleTimeoutMs)} idle`,
    `  SSH        from ${spec.sshCidr} only, user ${spec.user}`,
    ...(spec.hibernate ? ['  Hibernate  enabled (encrypted root volume)'] : []),
    ...(spec.reservation ? [`  Capacity   reservation ${spec.reservation}`] : []),
    `  Cost       ${formatCost(estimateCost(spec), ttl)}`,
    ...(state.priceSource ? [`  Price      on-demand price from ${state.priceSource}`] : []),
  ];
}
