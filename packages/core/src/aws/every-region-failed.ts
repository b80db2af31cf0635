import type { ErrorCode } from '../errors/error-codes.ts';
import { UserError } from '../errors/user-error.ts';

// When regions failed for different reasons, the one the user must fix first decides the code.
const PRECEDENCE: ErrorCode[] = [
  'CREDENTIALS_MISSING',
  'CREDENTIALS_EXPIRED',
  'REGION_MISSING',
  'UNAUTHORIZED_OPERATION',
  'NETWORK_ERROR',
  'TIMEOUT',
  'THROTTLED',
];

/**
 * One error for "no region answered": the code and hint of the most telling failure, and a message
 * that names how many regions failed and why, so a command never reports it as "nothing found".
 */
export function everyRegionFailed(failed: readonly { region: string; error: UserError }[]): UserError {
  const [only] = failed;
  if (!only) throw new Error('everyRegionFailed needs at least one failure');
  if (failed.length === 1) return only.error;
  const rank = (code: ErrorCode) => {
    const i = PRECEDENCE.indexOf(code);
    return i === -1 ? PRECEDENCE.length : i;
  };
  const lead = failed.reduce((best, f) => (rank(f.error.code) < rank(best.error.code) ? f : best));
  const sameCause = failed.every((f) => f.error.code === lead.error.code);
  const others = failed.filter((f) => f.error.code !== lead.error.code);
  const rest =
    others.length === 0 ? '' : ` Also: ${others.map((f) => `${f.region}: ${f.error.code}`).join(', ')}.`;
  const message = `All ${failed.length} regions failed${sameCause ? ' the same way' : ''}; ${lead.region}: ${lead.error.message}${rest}`;
  return new UserError(lead.error.code, message, {
    hint: lead.error.hint,
    cause: lead.error,
    details: {
      ...lead.error.details,
      failedRegions: failed.map((f) => ({ region: f.region, code: f.error.code })),
    },
  });
}
