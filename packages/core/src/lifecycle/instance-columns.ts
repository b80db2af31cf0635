import type { Column } from '../cli-kit/table.ts';
import { formatDuration } from '../duration.ts';
import type { InstanceRecord } from '../protocol/schemas.ts';
import { formatUsd } from './cost-estimate.ts';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Time since the last start, for running instances. */
export function uptimeText(r: InstanceRecord, now: number): string {
  return r.state === 'running' ? formatDuration(Math.max(0, now - Date.parse(r.launchedAt))) : '-';
}

/** Time left before the TTL action: a countdown, `expired`, `2h paused` (stopped) or `no TTL`. */
export function timeLeftText(r: InstanceRecord, now: number): string {
  if (r.state === 'terminated') return '-';
  if (r.expiresAt) {
    const left = Date.parse(r.expiresAt) - now;
    if (Number.isNaN(left)) return 'invalid tag';
    return left > 0 ? formatDuration(left) : 'expired';
  }
  const paused = text(r.ttlRemaining);
  return paused ? `${paused} paused` : 'no TTL';
}

/** spawnd's view: `idle 12m`, `active`, `warning`...; `-` before spawnd has reported. */
export function idleText(r: InstanceRecord, now: number): string {
  if (!r.idleState) return '-';
  const since = text(r.idleSince);
  return r.idleState === 'idle' && since
    ? `idle ${formatDuration(Math.max(0, now - Date.parse(since)))}`
    : r.idleState;
}

/**
 * Which enforcers stand behind it: `timer+agent+cloud`, `none`, or `UNPROTECTED (cloud)` when
 * spawnd is silent or stale; `-` for an instance that is not running and has no schedule.
 */
export function enforcersCell(r: InstanceRecord): string {
  const e = r.enforcers ?? {};
  const armed = [
    e.osTimer === 'armed' ? 'timer' : undefined,
    e.agent === 'reporting' || e.agent === 'starting' ? 'agent' : undefined,
    e.cloudSchedule === 'armed' ? 'cloud' : e.cloudSchedule === 'unknown' ? 'cloud?' : undefined,
  ].filter(Boolean);
  const list = armed.length > 0 ? armed.join('+') : r.state === 'running' ? 'none' : '-';
  return r.protected === false ? `UNPROTECTED (${list})` : list;
}

/**
 * The job, compact: `queued`, `run 12m` (running for), `ok`, `exit 3`, `lost`; `?` for a forged
 * tag, `-` on an instance without a job.
 */
export function jobCell(r: InstanceRecord, now: number): string {
  const job = r.job;
  if (!job) return '-';
  switch (job.state) {
    case 'running':
      return job.startedAt
        ? `run ${formatDuration(Math.max(0, now - Date.parse(job.startedAt)))}`
        : 'running';
    case 'succeeded':
      return 'ok';
    case 'failed':
      return job.exitCode === undefined ? 'failed' : `exit ${job.exitCode}`;
    case 'unreadable':
      return '?';
    default:
      return job.state;
  }
}

/** `spawn list`'s table never needs more than this many columns (issue 15), whatever the terminal. */
export const INSTANCE_TABLE_WIDTH = 100;

/**
 * The `spawn list` table (with `job`, a JOB column: some instance runs a `spawn run` job). The cost
 * column is an estimate and says so in its header. Narrower than its rows, it drops ID, then
 * UPTIME, IDLE, REGION/AZ, JOB, TYPE and cost (name, state, time left and
 * enforcers stay: what is running, and what will end it).
 */
export function instanceColumns(now: number, o: { job?: boolean } = {}): Column<InstanceRecord>[] {
  const job: Column<InstanceRecord>[] = o.job
    ? [{ header: 'JOB', value: (r) => jobCell(r, now), maxWidth: 12, dropOrder: 4.5 }]
    : [];
  return [
    { header: 'NAME', value: (r) => r.name, minWidth: 10, maxWidth: 30 },
    { header: 'ID', value: (r) => r.instanceId, dropOrder: 1 },
    { header: 'TYPE', value: (r) => r.instanceType, dropOrder: 5 },
    { header: 'STATE', value: (r) => r.state },
    ...job,
    { header: 'REGION/AZ', value: (r) => r.availabilityZone ?? r.region, dropOrder: 4 },
    { header: 'UPTIME', value: (r) => uptimeText(r, now), align: 'right', dropOrder: 2 },
    { header: 'TIME LEFT', value: (r) => timeLeftText(r, now), align: 'right' },
    { header: 'IDLE', value: (r) => idleText(r, now), dropOrder: 3 },
    { header: 'ENFORCERS', value: enforcersCell, minWidth: 11 },
    {
      header: 'COST (EST.)',
      value: (r) => (r.estimatedCostSoFar === undefined ? '?' : formatUsd(r.estimatedCostSoFar)),
      align: 'right',
      dropOrder: 6,
    },
  ];
}
