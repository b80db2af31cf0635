import { UserError } from './errors/user-error.ts';

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;
const DURATION = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * Parses `30m`, `8h`, `1d`, `2h30m`, `90s` into milliseconds. Anything else (empty, negative,
 * zero, unknown units, bare numbers) is an INVALID_DURATION usage error.
 */
export function parseDuration(text: string, what = 'duration'): number {
  const trimmed = text.trim().toLowerCase();
  const match = DURATION.exec(trimmed);
  if (!trimmed || !match) {
    throw new UserError('INVALID_DURATION', `Invalid ${what} "${text}".`, {
      hint: 'Use a number with a unit: 30m, 8h, 1d or combined like 2h30m.',
    });
  }
  const [, d, h, m, s] = match;
  const ms =
    Number(d ?? 0) * UNIT_MS.d +
    Number(h ?? 0) * UNIT_MS.h +
    Number(m ?? 0) * UNIT_MS.m +
    Number(s ?? 0) * UNIT_MS.s;
  if (ms <= 0) {
    throw new UserError('INVALID_DURATION', `Invalid ${what} "${text}": it must be longer than zero.`, {
      hint: 'Use a number with a unit: 30m, 8h, 1d or combined like 2h30m.',
    });
  }
  return ms;
}

/** Formats milliseconds as the shortest `1d2h30m` form (seconds only below a minute). */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))}s`;
  let rest = Math.round(ms / 60_000);
  const d = Math.floor(rest / 1440);
  rest -= d * 1440;
  const h = Math.floor(rest / 60);
  const m = rest - h * 60;
  return `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}` || '0m';
}
