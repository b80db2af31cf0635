import { parseDuration } from '../duration.ts';
import { UserError } from '../errors/user-error.ts';

/** EC2's size limits for a gp3 volume, in GiB (the root volume spawn creates). */
export const GP3_MIN_GIB = 1;
export const GP3_MAX_GIB = 16_384;

export const DEFAULT_MAX_STOPPED = '7d';
const MAX_STOPPED_LIMIT_MS = 365 * 86_400_000;
const MAX_STOPPED_FLOOR_MS = 3_600_000;

/** `--disk`: a whole number of GiB within gp3's limits, checked before anything is created. */
export function validateDiskGiB(disk: number | undefined): number | undefined {
  if (disk === undefined) return undefined;
  if (!Number.isInteger(disk) || disk < GP3_MIN_GIB || disk > GP3_MAX_GIB) {
    throw new UserError(
      'INVALID_INPUT',
      `Invalid --disk ${disk}: a gp3 root volume holds ${GP3_MIN_GIB}–${GP3_MAX_GIB} GiB.`,
      {
        hint: 'Give a whole number of GiB, e.g. --disk 100 (the default is 20).',
      },
    );
  }
  return disk;
}

/** `--max-stopped`: how long a stopped instance is kept before the cloud schedule terminates it (1h–365d). */
export function parseMaxStopped(text: string | undefined): number {
  const ms = parseDuration(text ?? DEFAULT_MAX_STOPPED, 'max stopped time');
  if (ms < MAX_STOPPED_FLOOR_MS || ms > MAX_STOPPED_LIMIT_MS) {
    throw new UserError('INVALID_INPUT', `Invalid --max-stopped "${text}": give 1h to 365d.`, {
      hint: 'e.g. --max-stopped 3d; a stopped instance is terminated (with its volumes) after that long.',
    });
  }
  return ms;
}
