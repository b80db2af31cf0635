/**
 * The OS-level deadline: a transient systemd timer (`spawn-deadline.timer`) that powers the OS off,
 * so the instance ends (shutdown behaviour terminate, or stop for on-expire stop/hibernate) even when
 * spawnd never installed or cannot reach EC2. User-data arms it before any download; spawnd owns it
 * afterwards (moves it on extend, removes it when the TTL is paused, re-arms it when it restarts).
 */
export const OS_TIMER_UNIT = 'spawn-deadline';

/** The timer fires this long after the deadline, so spawnd normally acts first with the right action. */
export const OS_TIMER_GRACE_MS = 120_000;

/** An overdue deadline still leaves logged-in users this long (the warning period) before power-off. */
export const OS_TIMER_MIN_DELAY_MS = 60_000;

/** Epoch ms the OS timer should fire for a TTL deadline, never earlier than the minimum delay. */
export function osTimerFireAt(deadlineMs: number, nowMs: number): number {
  return Math.max(deadlineMs + OS_TIMER_GRACE_MS, nowMs + OS_TIMER_MIN_DELAY_MS);
}

/** Whole seconds from now until `fireAtMs`, at least the minimum delay. */
export function osTimerDelaySeconds(fireAtMs: number, nowMs: number): number {
  return Math.max(OS_TIMER_MIN_DELAY_MS / 1000, Math.ceil((fireAtMs - nowMs) / 1000));
}

export interface OsTimerPlan {
  /** Runs first, failures ignored: the previous timer (and its service) must go before a re-arm. */
  clear: string[][];
  /** systemd-run arming the timer; when it fails, `fallback` (shutdown's own schedule) is used. */
  arm: string[];
  fallback: string[];
}

/**
 * The commands that (re-)arm the timer to fire at `fireAtMs`. A monotonic timer (`--on-active`),
 * not a calendar one: its clock does not run while the instance is hibernated, exactly like the
 * TTL (paused while stopped), so a resumed instance is not powered off for time it spent asleep;
 * and a wall-clock step at boot cannot fire it early.
 */
export function osTimerCommands(fireAtMs: number, nowMs: number): OsTimerPlan {
  const seconds = osTimerDelaySeconds(fireAtMs, nowMs);
  const minutes = Math.ceil(seconds / 60);
  return {
    clear: [['systemctl', 'stop', `${OS_TIMER_UNIT}.timer`, `${OS_TIMER_UNIT}.service`]],
    arm: [
      'systemd-run',
      `--unit=${OS_TIMER_UNIT}`,
      '--description=spawn: end this instance at its deadline',
      '--timer-property=AccuracySec=1s',
      `--on-active=${seconds}s`,
      'shutdown',
      '-h',
      'now',
    ],
    fallback: ['shutdown', '-h', `+${minutes}`],
  };
}

/** Commands that remove the timer (TTL paused or removed); failures ignored. */
export function osTimerDisarmCommands(): string[][] {
  return [['systemctl', 'stop', `${OS_TIMER_UNIT}.timer`, `${OS_TIMER_UNIT}.service`]];
}
