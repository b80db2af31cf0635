import type { EndAction } from '../tags.ts';

/** What spawnd last decided, as shown by `spawn status` without logging in. */
export interface AgentStatus {
  state: 'active' | 'idle' | 'warning' | 'acting';
  /** ISO time the current idle streak started. */
  idleSince?: string;
  nextAction?: EndAction;
  /** ISO time the next action is due. */
  nextActionAt?: string;
  /** Short human explanation (ttl, idle, which signal keeps it alive, tag problems). */
  reason?: string;
  /** Heartbeat: when spawnd last wrote this (at least every `HEARTBEAT_PERIOD_MS`). */
  updatedAt: string;
  /**
   * The OS timer (see os-timer.ts): ISO time it powers the instance off, `null` when spawnd has
   * none armed (no TTL, or paused), absent when unknown (a spawnd from before the timer).
   */
  osTimerAt?: string | null;
}

/** spawnd rewrites its status tag at least this often; a report older than two periods is stale. */
export const HEARTBEAT_PERIOD_MS = 900_000;
