import { createHash } from 'node:crypto';
import type { CommandContext } from '@truffle-spawn/core/cli-kit';

/**
 * A cache namespace standing in for the account id without an STS call (a warm run must make no
 * AWS call): profile, access key id and endpoint, hashed so no credential detail lands on disk.
 */
export function accountKey(ctx: CommandContext): string {
  const env = ctx.io.env;
  const parts = [
    ctx.opts.profile ?? env.AWS_PROFILE ?? 'default',
    env.AWS_ACCESS_KEY_ID ?? '',
    env.AWS_ENDPOINT_URL ?? '',
  ];
  return `id-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16)}`;
}
