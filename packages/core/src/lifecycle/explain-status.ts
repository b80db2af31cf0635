import { DEFAULT_AGENT_CONFIG } from '../agent/agent-config.ts';
import { HEARTBEAT_PERIOD_MS } from '../agent/agent-status.ts';
import { decodeStatusTag } from '../agent/status-tag.ts';
import { formatDuration } from '../duration.ts';
import { TAG } from '../tags.ts';
import { EBS_PRICE_SOURCE, formatUsd } from './cost-estimate.ts';
import {
  assessProtection,
  type CloudScheduleView,
  describeCloudSchedules,
  unprotectedAdvice,
} from './instance-protection.ts';
import type { ManagedInstance } from './managed-instance.ts';
import type { HourlyPrice } from './price-lookup.ts';
import { expiresAtMs, isoSeconds, pausedTtlMs } from './ttl.ts';

/** spawnd rewrites its status at least once a heartbeat period; two periods missed means it is not running. */
const STALE_STATUS_MS = 2 * HEARTBEAT_PERIOD_MS;

export interface StatusFacts {
  now: number;
  price?: HourlyPrice;
  /** Monthly EBS cost of the attached volumes (estimate), shown while stopped. */
  diskMonthlyUsd?: number;
  /** The instance's EventBridge schedule as read from Scheduler (`unknown` when it could not be asked). */
  cloud?: { state: CloudScheduleView; at?: string; stopAt?: string };
}

const ago = (ms: number) => `${formatDuration(Math.max(0, ms))} ago`;
const until = (ms: number) => (ms > 0 ? `in ${formatDuration(ms)}` : `${formatDuration(-ms)} overdue`);

/**
 * `spawn status` as label/value lines: where the instance is, its deadline and idle policy,
 * what spawnd last reported, why it is still alive and what happens next and when.
 */
export function explainStatus(i: ManagedInstance, f: StatusFacts): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const add = (label: string, value: string) => out.push({ label, value });
  const onExpire = i.tags[TAG.onExpire] || DEFAULT_AGENT_CONFIG.onExpire;
  const onIdle = i.tags[TAG.onIdle] || DEFAULT_AGENT_CONFIG.onIdle;
  const idleTimeout = i.tags[TAG.idleTimeout] || formatDuration(DEFAULT_AGENT_CONFIG.idleTimeoutMs);
  const expires = expiresAtMs(i.tags);
  const paused = pausedTtlMs(i.tags);
  const running = i.state === 'running';

  add('Name', `${i.name} (${i.instanceId})`);
  add('Type', `${i.instanceType}, ${i.market}${i.hibernationConfigured ? ', hibernation enabled' : ''}`);
  add('State', running ? `running for ${formatDuration(f.now - Date.parse(i.launchedAt))}` : i.state);
  add('Where', i.availabilityZone ?? i.region);
  add('Address', i.publicDns || i.publicIp || (i.privateIp ? `${i.privateIp} (private only)` : '-'));
  add('Login', `${i.tags[TAG.user] || 'ec2-user'}${i.keyName ? `, key pair ${i.keyName}` : ''}`);
  if (expires !== undefined) add('TTL', `${onExpire} at ${isoSeconds(expires)} (${until(expires - f.now)})`);
  else if (paused !== undefined)
    add('TTL', `paused with ${formatDuration(paused)} left; \`spawn start\` resumes it`);
  else
    add(
      'TTL',
      i.tags[TAG.expiresAt] ? `unreadable expiry "${i.tags[TAG.expiresAt]}"` : 'none (no time limit)',
    );
  add('Idle policy', /^(off|none|never)$/i.test(idleTimeout) ? 'off' : `${onIdle} after ${idleTimeout} idle`);

  const raw = i.tags[TAG.status];
  const status = raw ? decodeStatusTag(raw) : undefined;
  const protection = assessProtection(i, { now: f.now, cloud: f.cloud });
  if (!status) {
    add(
      'spawnd',
      raw
        ? `unreadable status "${raw}"`
        : protection.agent === 'silent'
          ? `NO REPORT ${formatDuration(f.now - Date.parse(i.launchedAt))} after start: spawnd is not running`
          : running
            ? 'no report yet (it reports within minutes of boot)'
            : '-',
    );
  } else {
    const age = f.now - Date.parse(status.updatedAt);
    const stale = running && age > STALE_STATUS_MS ? ' - stale: spawnd may not be running' : '';
    const idle = status.idleSince
      ? `, idle for ${formatDuration(Math.max(0, f.now - Date.parse(status.idleSince)))}`
      : '';
    add('spawnd', `${status.state}${idle} (reported ${ago(age)})${stale}`);
  }
  add('Enforcers', enforcerLines(protection, i));
  const early = scheduleBeforeDeadline(protection, expires, running);
  if (early) {
    add(
      'Cloud',
      `the schedule fires at ${protection.cloudScheduleStopAt ?? protection.cloudScheduleAt}, before the deadline ${isoSeconds(early)} (moved on the instance with \`spawnd extend\`?): ` +
        `\`spawn extend ${i.name} --to ${isoSeconds(early)}\` moves it`,
    );
  }
  if (protection.protected === false) add('ALARM', unprotectedAdvice(i, protection));
  if (running) add('Why alive', whyAlive(status?.reason, expires, f.now));
  const next = nextEvent(status, { expires, onExpire, running });
  if (next) add('Next', `${next.action} at ${next.at} (${until(Date.parse(next.at) - f.now)})${next.source}`);

  if (f.price) {
    const hours = running ? (f.now - Date.parse(i.launchedAt)) / 3_600_000 : 0;
    add(
      'Cost (est.)',
      `${formatUsd(f.price.usdPerHour)}/h (${f.price.source}); this run so far ${formatUsd(f.price.usdPerHour * hours)}`,
    );
  }
  if (f.diskMonthlyUsd !== undefined && i.state !== 'running') {
    add(
      'Disk (est.)',
      `${formatUsd(f.diskMonthlyUsd)}/month while it exists, even stopped (${EBS_PRICE_SOURCE})`,
    );
  }
  return out;
}

function enforcerLines(p: ReturnType<typeof assessProtection>, i: ManagedInstance): string {
  const timer =
    p.osTimer === 'armed'
      ? `OS timer armed for ${p.osTimerAt}`
      : p.osTimer === 'none'
        ? 'OS timer none'
        : 'OS timer unknown';
  const agent = {
    reporting: 'agent reporting',
    starting: 'agent starting',
    silent: 'agent SILENT',
    stale: 'agent STALE',
    off: 'agent off (not running)',
  }[p.agent];
  const stopped = i.state === 'stopped' && p.cloudSchedule === 'armed' && !p.cloudScheduleStopAt;
  const cloud =
    p.cloudSchedule === 'armed' && !p.cloudScheduleStopAt
      ? `cloud schedule armed for ${p.cloudScheduleAt ?? '?'}${stopped ? ` (max stopped ${i.tags[TAG.maxStopped] || '?'}: terminated with its volumes then)` : ''}`
      : describeCloudSchedules(p);
  return `${timer}; ${agent}; ${cloud}`;
}

/** The deadline, when a running instance's schedule would end it before its TTL (spawnd extended the tag alone). */
function scheduleBeforeDeadline(
  p: ReturnType<typeof assessProtection>,
  expires: number | undefined,
  running: boolean,
): number | undefined {
  // The cloud's first action is the stop, when there is one.
  const first = p.cloudScheduleStopAt ?? p.cloudScheduleAt;
  if (!running || expires === undefined || p.cloudSchedule !== 'armed' || !first) return undefined;
  return Date.parse(first) < expires ? expires : undefined;
}

function whyAlive(reason: string | undefined, expires: number | undefined, now: number): string {
  if (reason) return reason;
  if (expires === undefined) return 'no TTL; only the idle timeout can end it';
  return expires > now
    ? 'TTL not reached and not idle long enough'
    : 'TTL reached; spawnd should act within a minute';
}

function nextEvent(
  status: ReturnType<typeof decodeStatusTag>,
  o: { expires: number | undefined; onExpire: string; running: boolean },
): { action: string; at: string; source: string } | undefined {
  if (!o.running) return undefined;
  if (status?.nextAction && status.nextActionAt) {
    return { action: status.nextAction, at: status.nextActionAt, source: ', per spawnd' };
  }
  if (o.expires !== undefined) {
    return { action: o.onExpire, at: isoSeconds(o.expires), source: ', from the TTL tag' };
  }
  return undefined;
}
