import { type EndAction, TAG } from '../tags.ts';
import { type ActivitySample, evaluateSignals, type SignalReport } from './activity.ts';
import { type AgentConfig, readAgentConfig } from './agent-config.ts';
import type { AgentStatus } from './agent-status.ts';
import type { JobObservation } from './job-state.ts';
import { type DeadlineReason, formatWarning } from './warning-message.ts';

/** What spawnd remembers between cycles (persisted so a restart keeps idle time and warnings). */
export interface AgentState {
  lastSample?: ActivitySample;
  /** Epoch ms the current run of consecutive idle samples started. */
  idleSince?: number;
  /** The deadline warnings were sent for (`reason:action:at`); a new one re-arms them. */
  warnedFor?: string;
  warnedLeadsMs?: number[];
  /** The last valid `spawn:expires-at` (epoch ms): kept when the tag turns unreadable. */
  lastExpiresAt?: number;
  /** `endedAt` of the job whose stop/hibernate was done: a start afterwards does not repeat it. */
  jobHandledFor?: number;
}

export interface Deadline {
  action: EndAction;
  at: number;
  reason: DeadlineReason;
}

export interface DecideInput {
  now: number;
  tags: Readonly<Record<string, string>>;
  sample: ActivitySample;
  previous: AgentState;
  /** Warning leads in ms; default 30, 10, 5 and 1 minutes. */
  warningLeadsMs?: readonly number[];
  /** A longer gap between samples (suspend, hibernation, clock jump) breaks the idle run. */
  maxGapMs: number;
  /** The job's state from the runner's files; used only when `spawn:job` is tagged. */
  job?: JobObservation;
}

export interface Decision {
  config: AgentConfig;
  /** Tag problems, reported and replaced by safe defaults. */
  problems: string[];
  signals: SignalReport[];
  idle: boolean;
  next?: Deadline;
  /** Set when the deadline is reached: act now. */
  act?: Deadline;
  /** Set when a warning is due this cycle. */
  warning?: { leadMs: number; message: string };
  status: AgentStatus;
  state: AgentState;
}

export const DEFAULT_WARNING_LEADS_MS: readonly number[] = [30, 10, 5, 1].map((m) => m * 60_000);

const iso = (ms: number) => new Date(ms).toISOString();

function earliest(
  config: AgentConfig,
  idleSince: number | undefined,
  jobEnd: Deadline | undefined,
): Deadline | undefined {
  const first = earliestOfTwo(config, idleSince);
  if (!jobEnd) return first;
  return first && first.at <= jobEnd.at ? first : jobEnd;
}

/**
 * The job's end as a deadline: `--on-complete` at the end plus `--complete-delay`; none while
 * it runs, with keep, or once its stop/hibernate was done (the user started it again).
 */
function jobDeadline(config: AgentConfig, job: JobObservation | undefined, handledFor: number | undefined) {
  if (!config.job || !job || job.endedAt === undefined) return undefined;
  const { onComplete, completeDelayMs } = config.job;
  if (onComplete === 'keep' || handledFor === job.endedAt) return undefined;
  const deadline: Deadline = { action: onComplete, at: job.endedAt + completeDelayMs, reason: 'job' };
  return deadline;
}

function earliestOfTwo(config: AgentConfig, idleSince: number | undefined): Deadline | undefined {
  const ttl: Deadline | undefined =
    config.expiresAt === undefined
      ? undefined
      : { action: config.onExpire, at: config.expiresAt, reason: 'ttl' };
  const idle: Deadline | undefined =
    idleSince === undefined || config.idleTimeoutMs === undefined
      ? undefined
      : { action: config.onIdle, at: idleSince + config.idleTimeoutMs, reason: 'idle' };
  if (!ttl) return idle;
  if (!idle) return ttl;
  return idle.at < ttl.at ? idle : ttl;
}

/**
 * The whole policy of spawnd as a pure function: samples, tags, clock and the previous state in;
 * the action due, the warning due, the status and the next state out. Warnings never move a
 * deadline: when several leads are already past (a TTL shorter than the lead) one warning goes
 * out at once and the action still happens on time.
 */
export function decide(input: DecideInput): Decision {
  const { now, previous } = input;
  const { config, problems, invalidExpiry } = readAgentConfig(input.tags);
  if (invalidExpiry && previous.lastExpiresAt !== undefined) {
    config.expiresAt = previous.lastExpiresAt;
    problems.push(`keeping the last valid deadline ${iso(previous.lastExpiresAt)}`);
  }
  const last = previous.lastSample;
  const contiguous = last !== undefined && now > last.at && now - last.at <= input.maxGapMs;
  const signals = evaluateSignals(input.sample, contiguous ? last : undefined, config.thresholds);
  const job = config.job ? input.job : undefined;
  const jobEnd = jobDeadline(config, job, previous.jobHandledFor);
  // Idle detection is off while the job runs and until its --on-complete action is done: an idle
  // timeout must not stop what the job's end is about to terminate.
  if (job && (job.state === 'queued' || job.state === 'running'))
    signals.push({ name: 'job', active: true, detail: `job ${job.state}` });
  else if (jobEnd)
    signals.push({ name: 'job', active: true, detail: `job ${job?.state}: ${jobEnd.action} due` });
  const idle = signals.every((s) => !s.active);
  let idleSince: number | undefined;
  if (idle) idleSince = contiguous ? (previous.idleSince ?? last.at) : now;

  const next = earliest(config, idleSince, jobEnd);
  const state: AgentState = { lastSample: input.sample };
  if (previous.jobHandledFor !== undefined) state.jobHandledFor = previous.jobHandledFor;
  if (idleSince !== undefined) state.idleSince = idleSince;
  if (config.expiresAt !== undefined) state.lastExpiresAt = config.expiresAt;
  const decision: Decision = {
    config,
    problems,
    signals,
    idle,
    state,
    status: { state: 'active', updatedAt: iso(now) },
  };
  if (next) decision.next = next;

  const leads = input.warningLeadsMs ?? DEFAULT_WARNING_LEADS_MS;
  if (next) {
    const key = `${next.reason}:${next.action}:${next.at}`;
    const warned = previous.warnedFor === key ? [...(previous.warnedLeadsMs ?? [])] : [];
    state.warnedFor = key;
    state.warnedLeadsMs = warned;
    if (now >= next.at) {
      decision.act = next;
    } else {
      const due = leads.filter((lead) => next.at - now <= lead && !warned.includes(lead));
      if (due.length > 0) {
        warned.push(...due);
        decision.warning = {
          leadMs: Math.min(...due),
          message: formatWarning({ ...next, now, name: input.tags[TAG.name] }),
        };
      }
    }
  }
  decision.status = statusOf(decision, now, Math.max(0, ...leads));
  return decision;
}

const REASON_TEXT: Record<DeadlineReason, string> = { ttl: 'ttl', idle: 'idle timeout', job: 'job ended' };

function statusOf(d: Decision, now: number, maxLead: number): AgentStatus {
  const status: AgentStatus = { state: 'active', updatedAt: iso(now) };
  if (d.state.idleSince !== undefined) status.idleSince = iso(d.state.idleSince);
  if (d.next) {
    status.nextAction = d.next.action;
    status.nextActionAt = iso(d.next.at);
  }
  if (d.act) status.state = 'acting';
  else if (d.next && d.next.at - now <= maxLead) status.state = 'warning';
  else if (d.idle) status.state = 'idle';
  const active = d.signals.filter((s) => s.active).map((s) => s.detail);
  const why = d.next ? `${REASON_TEXT[d.next.reason]} -> ${d.next.action}` : 'no deadline';
  const parts = [why, active.length ? `alive: ${active.join(', ')}` : 'idle', ...d.problems];
  status.reason = parts.join('; ');
  return status;
}
