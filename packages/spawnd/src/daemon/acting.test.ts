import type { AgentEc2Client } from '@truffle-spawn/core/agent';
import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../logger.ts';
import { act, TERMINATE_ATTEMPTS_BEFORE_SHUTDOWN, TERMINATE_SHUTDOWN_AFTER_MS } from './acting.ts';

const log: Logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const failing = (message: string) =>
  ({ send: vi.fn().mockRejectedValue(new Error(message)) }) as unknown as AgentEc2Client;

describe('act', () => {
  it('retries a failing terminate with backoff and finally shuts the OS down', async () => {
    const shutdown = vi.fn().mockResolvedValue(undefined);
    const ec2 = failing('network down');
    const deadline = { action: 'terminate' as const, at: 0, reason: 'ttl' as const };
    let state: Awaited<ReturnType<typeof act>> | undefined;
    let now = 0;
    const gaps: number[] = [];
    for (let i = 0; i < TERMINATE_ATTEMPTS_BEFORE_SHUTDOWN; i++) {
      state = await act({
        deadline,
        previous: state,
        now,
        intervalMs: 1000,
        ec2,
        instanceId: 'i-1',
        shutdown,
        log,
      });
      gaps.push(state.nextAttemptAt - now);
      expect(shutdown).toHaveBeenCalledTimes(i === TERMINATE_ATTEMPTS_BEFORE_SHUTDOWN - 1 ? 1 : 0);
      now = state.nextAttemptAt;
    }
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('at the 60 s interval: shuts the OS down 3 minutes after the first failed terminate, not ~15', async () => {
    const shutdown = vi.fn().mockResolvedValue(undefined);
    const ec2 = failing('connect ETIMEDOUT');
    const deadline = { action: 'terminate' as const, at: 0, reason: 'ttl' as const };
    let state: Awaited<ReturnType<typeof act>> | undefined;
    let now = 0;
    while (shutdown.mock.calls.length === 0 && now < 3_600_000) {
      state = await act({
        deadline,
        previous: state,
        now,
        intervalMs: 60_000,
        ec2,
        instanceId: 'i-1',
        shutdown,
        log,
      });
      now = state.nextAttemptAt;
    }
    // Attempts at 0, 60 and 180 s: the third is the first at or past the limit.
    expect(state?.attempts).toBe(3);
    expect(TERMINATE_SHUTDOWN_AFTER_MS).toBe(180_000);
  });

  it('does not call again before the backoff has passed', async () => {
    const ec2 = failing('throttled');
    const deadline = { action: 'stop' as const, at: 0, reason: 'idle' as const };
    const first = await act({
      deadline,
      previous: undefined,
      now: 0,
      intervalMs: 1000,
      ec2,
      instanceId: 'i-1',
      shutdown: vi.fn(),
      log,
    });
    await act({
      deadline,
      previous: first,
      now: 500,
      intervalMs: 1000,
      ec2,
      instanceId: 'i-1',
      shutdown: vi.fn(),
      log,
    });
    expect(ec2.send).toHaveBeenCalledTimes(1);
  });

  it('falls back from hibernate to stop when hibernation is refused, never shutting down', async () => {
    const shutdown = vi.fn();
    const deadline = { action: 'hibernate' as const, at: 0, reason: 'idle' as const };
    const state = await act({
      deadline,
      previous: undefined,
      now: 0,
      intervalMs: 1000,
      ec2: failing('UnsupportedHibernationConfiguration'),
      instanceId: 'i-1',
      shutdown,
      log,
    });
    expect(state.action).toBe('stop');
    expect(shutdown).not.toHaveBeenCalled();
  });
});
