import { parseDuration } from '../duration.ts';
import { COMPLETE_ACTIONS, type CompleteAction, END_ACTIONS, type EndAction, TAG } from '../tags.ts';

/** Tags spawnd reads beyond the shared ones: idle threshold overrides. */
export const AGENT_TAG = {
  /** CPU busy percentage below which the CPU counts as quiet (default 5). */
  idleCpuPercent: 'spawn:idle-cpu-percent',
  /** Network bytes per second (all interfaces but loopback) below which it counts as quiet. */
  idleNetworkBytes: 'spawn:idle-network-bps',
  /** GPU utilisation percentage below which the GPU counts as quiet (default 5). */
  idleGpuPercent: 'spawn:idle-gpu-percent',
} as const;

export interface IdleThresholds {
  cpuFraction: number;
  networkBytesPerSecond: number;
  gpuFraction: number;
}

/** Strict ISO-8601 with a zone, the only form of `spawn:expires-at` accepted (`"1"` is not a time). */
export const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch ms of a strict ISO-8601 time with a zone; NaN for anything else. */
export function parseIsoWithZone(text: string): number {
  return ISO_WITH_ZONE.test(text.trim()) ? Date.parse(text.trim()) : Number.NaN;
}

/** spawnd's effective configuration, derived from the instance tags every cycle. */
export interface AgentConfig {
  /** Epoch ms of `spawn:expires-at`; undefined = no TTL. */
  expiresAt: number | undefined;
  onExpire: EndAction;
  /** undefined = idle detection off (`spawn:idle-timeout=off`). */
  idleTimeoutMs: number | undefined;
  onIdle: EndAction;
  thresholds: IdleThresholds;
  /** Set when the instance runs a job (`spawn:job` is tagged): what ends it once the job ended. */
  job?: { onComplete: CompleteAction; completeDelayMs: number };
}

/** `--complete-delay` when the tag is missing or unreadable. */
export const DEFAULT_COMPLETE_DELAY_MS = 60_000;

export const DEFAULT_AGENT_CONFIG = {
  idleTimeoutMs: 3_600_000,
  onIdle: 'stop',
  onExpire: 'terminate',
  thresholds: { cpuFraction: 0.05, networkBytesPerSecond: 10_000, gpuFraction: 0.05 },
} as const satisfies Omit<AgentConfig, 'expiresAt'>;

function endAction(value: string | undefined, key: string, fallback: EndAction, problems: string[]) {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (END_ACTIONS.includes(v as EndAction)) return v as EndAction;
  problems.push(`${key}="${value}" is not stop, hibernate or terminate; using ${fallback}`);
  return fallback;
}

function percent(value: string | undefined, key: string, fallback: number, problems: string[]) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 100) return n / 100;
  problems.push(`${key}="${value}" is not a percentage; using ${fallback * 100}`);
  return fallback;
}

function idleTimeout(value: string | undefined, problems: string[]): number | undefined {
  if (value === undefined) return DEFAULT_AGENT_CONFIG.idleTimeoutMs;
  if (/^(off|none|never)$/i.test(value.trim())) return undefined;
  try {
    return parseDuration(value, TAG.idleTimeout);
  } catch {
    problems.push(`${TAG.idleTimeout}="${value}" is not a duration; using 1h`);
    return DEFAULT_AGENT_CONFIG.idleTimeoutMs;
  }
}

/**
 * Reads the configuration from tags. Missing or malformed values fall back to safe defaults
 * and are listed in `problems`; this never throws. A malformed `spawn:expires-at` means "no
 * TTL" here; `decide` then keeps the last valid deadline it saw (guessing one could kill work,
 * dropping it would let a bad write disable the TTL).
 */
export function readAgentConfig(tags: Readonly<Record<string, string>>): {
  config: AgentConfig;
  problems: string[];
  /** `spawn:expires-at` is present but not a strict ISO-8601 time with a zone. */
  invalidExpiry?: boolean;
} {
  const problems: string[] = [];
  let expiresAt: number | undefined;
  let invalidExpiry = false;
  const rawExpiry = tags[TAG.expiresAt];
  if (rawExpiry !== undefined && rawExpiry.trim() !== '') {
    const parsed = parseIsoWithZone(rawExpiry);
    if (Number.isNaN(parsed)) {
      invalidExpiry = true;
      problems.push(`${TAG.expiresAt}="${rawExpiry}" is not an ISO-8601 time with a zone; ignored`);
    } else expiresAt = parsed;
  }
  const d = DEFAULT_AGENT_CONFIG;
  const config: AgentConfig = {
    expiresAt,
    onExpire: endAction(tags[TAG.onExpire], TAG.onExpire, d.onExpire, problems),
    idleTimeoutMs: idleTimeout(tags[TAG.idleTimeout], problems),
    onIdle: endAction(tags[TAG.onIdle], TAG.onIdle, d.onIdle, problems),
    thresholds: {
      cpuFraction: percent(
        tags[AGENT_TAG.idleCpuPercent],
        AGENT_TAG.idleCpuPercent,
        d.thresholds.cpuFraction,
        problems,
      ),
      networkBytesPerSecond: bytes(
        tags[AGENT_TAG.idleNetworkBytes],
        d.thresholds.networkBytesPerSecond,
        problems,
      ),
      gpuFraction: percent(
        tags[AGENT_TAG.idleGpuPercent],
        AGENT_TAG.idleGpuPercent,
        d.thresholds.gpuFraction,
        problems,
      ),
    },
  };
  if (tags[TAG.job] !== undefined) config.job = jobConfig(tags, problems);
  return invalidExpiry ? { config, problems, invalidExpiry } : { config, problems };
}

function bytes(value: string | undefined, fallback: number, problems: string[]): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() !== '' && Number.isFinite(n) && n >= 0) return n;
  problems.push(`${AGENT_TAG.idleNetworkBytes}="${value}" is not a number; using ${fallback}`);
  return fallback;
}

/** A malformed job tag falls back to ending the instance (terminate after 1m), as launch defaults. */
function jobConfig(
  tags: Readonly<Record<string, string>>,
  problems: string[],
): NonNullable<AgentConfig['job']> {
  const raw = tags[TAG.onComplete];
  let onComplete: CompleteAction = 'terminate';
  if (raw !== undefined) {
    const v = raw.trim().toLowerCase();
    if (COMPLETE_ACTIONS.includes(v as CompleteAction)) onComplete = v as CompleteAction;
    else
      problems.push(`${TAG.onComplete}="${raw}" is not terminate, stop, hibernate or keep; using terminate`);
  }
  let completeDelayMs = DEFAULT_COMPLETE_DELAY_MS;
  const delay = tags[TAG.completeDelay];
  if (delay !== undefined) {
    try {
      completeDelayMs = parseDuration(delay, TAG.completeDelay);
    } catch {
      problems.push(`${TAG.completeDelay}="${delay}" is not a duration; using 1m`);
    }
  }
  return { onComplete, completeDelayMs };
}
