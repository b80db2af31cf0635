import { HEARTBEAT_PERIOD_MS } from '../agent/agent-status.ts';
import { decodeStatusTag } from '../agent/status-tag.ts';
import { TAG } from '../tags.ts';
import type { ManagedInstance } from './managed-instance.ts';
import { expiresAtMs } from './ttl.ts';

/** spawnd reports within minutes of boot; silence longer than this after a start is an alarm. */
export const AGENT_REPORT_GRACE_MS = 10 * 60_000;

/** The cloud schedule as spawn could see it: `unknown` when Scheduler could not be asked. */
export type CloudScheduleView = 'armed' | 'absent' | 'disabled' | 'unknown';

/** The three independent enforcers of an instance's end, as `spawn list` / `status` show them. */
export interface Protection {
  /** false: running without a recent spawnd report; undefined when not running. */
  protected?: boolean;
  /** `armed` (with `osTimerAt`), `none` (spawnd has no timer: no TTL or paused), `unknown`. */
  osTimer: 'armed' | 'none' | 'unknown';
  osTimerAt?: string;
  /** `reporting`, `starting` (no report yet, within the grace), `silent` (none after it), `stale`, `off` (not running). */
  agent: 'reporting' | 'starting' | 'silent' | 'stale' | 'off';
  /** When spawnd last reported (its heartbeat). */
  agentReportedAt?: string;
  cloudSchedule: CloudScheduleView;
  /** When the terminate schedule fires. */
  cloudScheduleAt?: string;
  /** When the stop schedule fires (on-expire/on-idle stop or hibernate): the cloud's first action. */
  cloudScheduleStopAt?: string;
}

/**
 * Which enforcers stand behind an instance. It is unprotected when it has run longer than the
 * grace without any spawnd report, or its last report is older than two heartbeat periods: then
 * only the OS timer (if spawnd armed one before going quiet) and the cloud schedule are left.
 */
export function assessProtection(
  i: ManagedInstance,
  o: { now: number; cloud?: { state: CloudScheduleView; at?: string; stopAt?: string } },
): Protection {
  const raw = i.tags[TAG.status];
  const status = raw ? decodeStatusTag(raw) : undefined;
  const running = i.state === 'running';
  const osTimer = status?.osTimerAt ? 'armed' : status?.osTimerAt === null ? 'none' : 'unknown';
  let agent: Protection['agent'] = 'off';
  if (running) {
    const sinceStart = o.now - Date.parse(i.launchedAt);
    const reportAge = status ? o.now - Date.parse(status.updatedAt) : undefined;
    // A report from before this start (stop/start) is no proof spawnd runs now.
    const currentReport = status && Date.parse(status.updatedAt) >= Date.parse(i.launchedAt) - 60_000;
    if (reportAge === undefined || !currentReport)
      agent = sinceStart > AGENT_REPORT_GRACE_MS ? 'silent' : 'starting';
    else agent = reportAge > 2 * HEARTBEAT_PERIOD_MS ? 'stale' : 'reporting';
  }
  const cloud = o.cloud ?? { state: defaultCloudView(i) };
  return {
    protected: running ? agent === 'reporting' || agent === 'starting' : undefined,
    osTimer,
    osTimerAt: status?.osTimerAt ?? undefined,
    agent,
    agentReportedAt: status?.updatedAt,
    cloudSchedule: cloud.state,
    cloudScheduleAt: cloud.at,
    cloudScheduleStopAt: cloud.stopAt,
  };
}

/** Without asking Scheduler: `disabled` when opted out or nothing to enforce, else `unknown`. */
function defaultCloudView(i: ManagedInstance): CloudScheduleView {
  if (i.tags[TAG.cloudBackstop] === 'off') return 'disabled';
  if (i.state === 'running' && expiresAtMs(i.tags) === undefined) return 'disabled';
  return 'unknown';
}

/** `armed: stops at X, terminates at Y` (or `armed for Y`) for the cloud schedules. */
export function describeCloudSchedules(
  p: Pick<Protection, 'cloudSchedule' | 'cloudScheduleAt' | 'cloudScheduleStopAt'>,
): string {
  if (p.cloudSchedule !== 'armed') return `cloud schedule ${p.cloudSchedule}`;
  if (p.cloudScheduleStopAt)
    return `cloud schedules armed: stops at ${p.cloudScheduleStopAt}, terminates at ${p.cloudScheduleAt ?? '?'}`;
  return `cloud schedule armed${p.cloudScheduleAt ? ` for ${p.cloudScheduleAt}` : ''}`;
}

/** One line: what still protects it and what to do (for status and the list footer). */
export function unprotectedAdvice(i: ManagedInstance, p: Protection): string {
  const timer =
    p.osTimer === 'armed' ? `OS timer armed for ${p.osTimerAt} (last reported)` : 'OS timer unknown';
  const cloud = describeCloudSchedules(p);
  const why =
    p.agent === 'silent' ? 'spawnd has never reported' : `spawnd last reported at ${p.agentReportedAt}`;
  return (
    `UNPROTECTED: ${why}. Still protecting it: ${timer}; ${cloud}. ` +
    `End it with \`spawn terminate ${i.name}\`, or look with \`spawn connect ${i.name}\` and \`journalctl -u spawnd\`.`
  );
}
