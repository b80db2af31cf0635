import type { EndAction } from '@truffle-spawn/core';
import type { AgentEc2Client } from '@truffle-spawn/core/agent';
import { type Deadline, endInstance } from '@truffle-spawn/core/agent';
import { describeError, type Logger } from '../logger.ts';

/** Attempts before a terminate falls back to shutting the OS down (shutdown behaviour = terminate). */
export const TERMINATE_ATTEMPTS_BEFORE_SHUTDOWN = 5;
/** ...or sooner: a terminate still failing this long after its first attempt (at least two tries). */
export const TERMINATE_SHUTDOWN_AFTER_MS = 180_000;
const MAX_BACKOFF_MS = 300_000;
/** After a successful call the instance should be going down; re-issue it if we are still here. */
const REISSUE_AFTER_MS = 300_000;

export interface ActingState {
  key: string;
  attempts: number;
  nextAttemptAt: number;
  action: EndAction;
  /** Epoch ms of the first attempt at this deadline. */
  firstAttemptAt?: number;
}

/**
 * Carries out a due deadline with retries and exponential backoff; for terminate, after repeated
 * failures, powers the OS off instead, so the bill ends even without a working API.
 */
export async function act(o: {
  deadline: Deadline;
  previous: ActingState | undefined;
  now: number;
  intervalMs: number;
  ec2: AgentEc2Client | undefined;
  instanceId: string | undefined;
  shutdown(): Promise<void>;
  /** After a successful stop or hibernate: pause the TTL as `spawn stop` does. */
  onStopped?(): Promise<void>;
  log: Logger;
}): Promise<ActingState> {
  const key = `${o.deadline.reason}:${o.deadline.action}:${o.deadline.at}`;
  const state: ActingState =
    o.previous?.key === key
      ? { ...o.previous }
      : { key, attempts: 0, nextAttemptAt: o.now, action: o.deadline.action, firstAttemptAt: o.now };
  if (o.now < state.nextAttemptAt) return state;
  state.attempts++;
  try {
    if (!o.ec2 || !o.instanceId) throw new Error('instance identity unknown (IMDS unavailable)');
    await endInstance(o.ec2, o.instanceId, state.action);
    o.log.warn(`${state.action} requested for ${o.instanceId} (${o.deadline.reason} deadline reached)`);
    state.nextAttemptAt = o.now + REISSUE_AFTER_MS;
    // After the stop, like `spawn stop`: a failed tag write can then only end the instance early.
    if (state.action !== 'terminate')
      await o.onStopped?.().catch((e) => o.log.error('could not pause the TTL tags', e));
    return state;
  } catch (e) {
    o.log.error(`${state.action} failed (attempt ${state.attempts})`, e);
    // Hibernation can be refused (not configured, not supported now): stopping still ends the bill.
    if (state.action === 'hibernate' && /hibernat/i.test(describeError(e))) state.action = 'stop';
  }
  const backoff = Math.min(MAX_BACKOFF_MS, o.intervalMs * 2 ** (state.attempts - 1));
  state.nextAttemptAt = o.now + backoff;
  const failingFor = o.now - (state.firstAttemptAt ?? o.now);
  if (
    state.action === 'terminate' &&
    (state.attempts >= TERMINATE_ATTEMPTS_BEFORE_SHUTDOWN ||
      (state.attempts >= 2 && failingFor >= TERMINATE_SHUTDOWN_AFTER_MS))
  ) {
    o.log.warn('terminate keeps failing: shutting the operating system down instead');
    await o.shutdown().catch((e) => o.log.error('shutdown failed', e));
  }
  return state;
}
