import { decodeStatusTag } from '../agent/status-tag.ts';
import type { InstanceRecord } from '../protocol/schemas.ts';
import { TAG } from '../tags.ts';
import { costSoFarUsd } from './cost-estimate.ts';
import { instanceJob } from './instance-job.ts';
import { assessProtection, type CloudScheduleView } from './instance-protection.ts';
import type { ManagedInstance } from './managed-instance.ts';
import type { HourlyPrice } from './price-lookup.ts';

/**
 * The `instance` protocol record for one managed instance, plus the extra facts status shows.
 * `protected: false` marks a running instance whose spawnd is silent or stale (see assessProtection).
 */
export function toInstanceRecord(
  i: ManagedInstance,
  now: number,
  price?: HourlyPrice,
  o: { cloud?: { state: CloudScheduleView; at?: string; stopAt?: string } } = {},
): InstanceRecord {
  const protection = assessProtection(i, { now, cloud: o.cloud });
  const status = i.tags[TAG.status] ? decodeStatusTag(i.tags[TAG.status] ?? '') : undefined;
  const cost = costSoFarUsd({ usdPerHour: price?.usdPerHour, state: i.state, launchedAt: i.launchedAt, now });
  const record: InstanceRecord = {
    v: 1,
    type: 'instance',
    name: i.name,
    instanceId: i.instanceId,
    instanceType: i.instanceType,
    region: i.region,
    availabilityZone: i.availabilityZone,
    state: i.state,
    launchedAt: i.launchedAt,
    expiresAt: i.tags[TAG.expiresAt] || undefined,
    ttlRemaining: i.tags[TAG.ttlRemaining] || undefined,
    idleState: status?.state,
    idleSince: status?.idleSince,
    market: i.market,
    pricePerHour: price?.usdPerHour,
    priceSource: price?.source,
    estimatedCostSoFar: cost,
    publicIp: i.publicIp,
    user: i.tags[TAG.user] || undefined,
    protected: protection.protected,
    enforcers: Object.fromEntries(
      Object.entries({
        osTimer: protection.osTimer,
        osTimerAt: protection.osTimerAt,
        agent: protection.agent,
        agentReportedAt: protection.agentReportedAt,
        cloudSchedule: protection.cloudSchedule,
        cloudScheduleAt: protection.cloudScheduleAt,
        cloudScheduleStopAt: protection.cloudScheduleStopAt,
      }).filter(([, v]) => v !== undefined),
    ),
    job: instanceJob(i),
  };
  // Undefined fields would vanish in JSON anyway; dropping them keeps records tidy in tests.
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as InstanceRecord;
}
