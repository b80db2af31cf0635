import { hasConfiguredCredentials } from '../aws/has-configured-credentials.ts';
import { UserError } from '../errors/user-error.ts';

export interface RequireLiveCredentialsOptions {
  /** e.g. `truffle spot`, for the message. */
  command: string;
  /** What the live data is, e.g. "spot prices change every few minutes". */
  why: string;
  env: Record<string, string | undefined>;
  homedir: string;
  profile?: string;
  offline?: boolean;
}

/**
 * Commands that only have live answers (spot, capacity, quotas) call this first: `--offline`
 * is a usage error, and no configured credentials is CREDENTIALS_MISSING (exit 3) with the ways
 * to configure them, before any SDK code loads.
 */
export function requireLiveCredentials(o: RequireLiveCredentialsOptions): void {
  if (o.offline) {
    throw new UserError('USAGE', `${o.command} has no offline answer: ${o.why}.`, {
      hint: 'Drop --offline. `truffle search <query>` answers offline with catalog prices and Spot Advisor data.',
    });
  }
  if (o.profile || hasConfiguredCredentials(o.env, o.homedir)) return;
  throw new UserError('CREDENTIALS_MISSING', `${o.command} needs AWS credentials: ${o.why}.`, {
    hint:
      'Configure them with `aws configure` (access keys) or `aws configure sso`, then retry; or set ' +
      'AWS_PROFILE / AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile. ' +
      '`truffle search` works offline without credentials.',
  });
}
