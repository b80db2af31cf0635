import { osTimerCommands, osTimerDisarmCommands } from '@truffle-spawn/core/agent';
import type { Logger } from '../logger.ts';

/** The OS-level deadline timer spawnd owns once running (user-data armed the first one). */
export interface OsTimer {
  /** (Re-)arms the timer to power off at `fireAtMs`; rejects when nothing could be armed. */
  arm(fireAtMs: number, nowMs: number): Promise<void>;
  /** Removes it (TTL paused or removed). */
  disarm(): Promise<void>;
}

/**
 * systemd-run's transient `spawn-deadline.timer`, or `shutdown -h +minutes` where systemd-run
 * fails (then a disarm also runs `shutdown -c`).
 */
export function createOsTimer(run: (argv: string[]) => Promise<void>, log: Logger): OsTimer {
  let viaShutdown = false;
  const quietly = (argv: string[]) => run(argv).catch(() => undefined);
  return {
    async arm(fireAtMs, nowMs) {
      const plan = osTimerCommands(fireAtMs, nowMs);
      for (const argv of plan.clear) await quietly(argv);
      try {
        await run(plan.arm);
        viaShutdown = false;
      } catch (e) {
        log.warn(`systemd-run failed (${String(e)}); scheduling shutdown instead`);
        await run(plan.fallback);
        viaShutdown = true;
      }
    },
    async disarm() {
      for (const argv of osTimerDisarmCommands()) await quietly(argv);
      if (viaShutdown) await quietly(['shutdown', '-c']);
      viaShutdown = false;
    },
  };
}
