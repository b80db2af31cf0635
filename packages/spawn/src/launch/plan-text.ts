import { formatDuration } from '@truffle-spawn/core';
import {
  backstopPlanLine,
  estimateCost,
  formatCost,
  type LaunchPlan,
  planRootDisk,
  type RootDisk,
} from '@truffle-spawn/core/launch';
import { orgPlanLines } from './plan-org-text.ts';

const CHECKSUM_SOURCE = {
  'home-bucket': "read from spawnd's home bucket",
  'home-bucket-at-boot': "the instance reads it from spawnd's home bucket at boot",
} as const;

/**
 * The human summary shown before every launch (and as the dry-run plan). It always names the
 * instance type and why it is that one (`why`: the flag, the wizard answer, or the piped record).
 */
export function planLines(plan: LaunchPlan, o: { why?: string } = {}): string[] {
  const { spec, account, spawnd } = plan;
  const ttl = spec.ttlMs === undefined ? undefined : formatDuration(spec.ttlMs);
  return [
    `  Account    ${account.id} (${account.callerArn})`,
    `  Instance   ${spec.instanceType}, ${spec.market}${spec.maxPrice !== undefined ? ` (max $${spec.maxPriceText ?? spec.maxPrice}/hour)` : ''} in ${plan.network.zone}`,
    `  Why        ${o.why ?? `${spec.instanceType} was asked for`}`,
    `  Name       ${spec.name}`,
    `  Lifetime   ${ttl ? `terminates after ${ttl}` : 'NO TTL'}; ${spec.onIdle} after ${formatDuration(spec.idleTimeoutMs)} idle`,
    `  SSH        ${spec.sshCidr ? `from ${spec.sshCidr} only` : 'as your security groups allow'}, user ${spec.user}`,
    ...orgPlanLines(plan),
    ...(spec.hibernate ? ['  Hibernate  enabled (encrypted root volume)'] : []),
    ...(spec.reservation ? [`  Capacity   reservation ${spec.reservation}`] : []),
    `  Backstop   ${backstopPlanLine(spec, plan.backstop)}`,
    `  Cost       ${formatCost(estimateCost(spec, diskFacts(plan)), ttl)}`,
    ...(plan.spot
      ? [
          `  Price      spot ${plan.spot.isCap ? 'cap' : 'price'} from ${plan.spot.source}; on-demand price from ${plan.price.source}`,
          `  Spot       capped at ${plan.spot.cap}; ${plan.spot.interruption}${spec.fallbackOnDemand ? '; on-demand if no Spot capacity (--fallback-on-demand)' : ''}`,
        ]
      : [`  Price      on-demand price from ${plan.price.source}`]),
    `  Image      ${plan.image.imageId}${plan.image.name ? ` (${plan.image.name})` : ''} from ${plan.image.source}`,
    `  Disk       ${diskLine(planRootDisk(plan))}`,
    ...(spawnd.kind !== 'pinned'
      ? [`  spawnd     checksum not pinned (${CHECKSUM_SOURCE[spawnd.kind]})`]
      : []),
  ];
}

/** `75 GiB gp3 root volume (the image's root snapshot size), $6.00/month at $0.0800/GB-month from …`. */
function diskLine(d: RootDisk): string {
  const why = d.imageSetSizeGiB === undefined ? '' : " (the image's root snapshot size)";
  const monthly = (d.sizeGiB * d.usdPerGbMonth).toFixed(2);
  return `${d.sizeGiB} GiB ${d.volumeType} root volume${why}, $${monthly}/month at $${d.usdPerGbMonth.toFixed(4)}/GB-month from ${d.priceSource}`;
}

/** The root volume size, type and price and whether the hourly figure is a Spot cap, for the estimate. */
export function diskFacts(plan: LaunchPlan): {
  rootGiB: number;
  diskType: string;
  usdPerGbMonth: number;
  priceIsCap: boolean;
} {
  const disk = planRootDisk(plan);
  return {
    rootGiB: disk.sizeGiB,
    diskType: disk.volumeType,
    usdPerGbMonth: disk.usdPerGbMonth,
    priceIsCap: plan.spot?.isCap === true,
  };
}

/**
 * What to tell the user when a rollback could not terminate the instance: it is still running
 * (and billing), what it needs was kept for it, and how to end it.
 */
export function survivorLines(o: { instanceId: string; region: string; ttlMs?: number }): string[] {
  const ttl =
    o.ttlMs === undefined
      ? 'It has no TTL: it runs until you end it.'
      : `Its TTL (${formatDuration(o.ttlMs)}) still applies once spawnd runs on it; do not rely on it.`;
  return [
    `  ${o.instanceId} could NOT be terminated: it may still be running (and billing).`,
    '  Its security group, key pair and role were kept, so it stays usable and can be ended cleanly.',
    `  End it with: spawn terminate ${o.instanceId} --region ${o.region}`,
    `  (or: aws ec2 terminate-instances --region ${o.region} --instance-ids ${o.instanceId}), then \`spawn cleanup\`.`,
    `  ${ttl}`,
  ];
}
