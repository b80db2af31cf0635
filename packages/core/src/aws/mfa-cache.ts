import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsCredentialIdentityProvider } from './types.ts';

type Credentials = Awaited<ReturnType<AwsCredentialIdentityProvider>>;

/** Cached credentials closer than this to expiry are fetched again (botocore's mandatory refresh window). */
export const REFRESH_MARGIN_MS = 10 * 60_000;

/** What identifies one assumed role session: a different role, device or profile is a different file. */
export interface RoleCacheKey {
  profile: string;
  roleArn: string;
  mfaSerial?: string;
  sourceProfile?: string;
}

/**
 * The cache file for a role: `<dir>/<sha1>.json`, named like the AWS CLI's `~/.aws/cli/cache`
 * entries (a hash of what was assumed, so no profile name or ARN leaks into a file name).
 */
export function roleCachePath(dir: string, key: RoleCacheKey): string {
  const canonical = JSON.stringify(key, Object.keys(key).sort());
  return join(dir, `${createHash('sha1').update(canonical).digest('hex')}.json`);
}

// One AssumeRole (and one MFA prompt) at a time per cache file, even across contexts of a command.
const inFlight = new Map<string, Promise<Credentials>>();

/**
 * Wraps an assume-role provider (the one that prompts for an MFA code) so its credentials are
 * kept in `file` (0600, in a 0700 directory) in the AWS CLI's cache JSON shape, and reused by the
 * next command until 10 minutes before they expire; a long-running command refreshes then. A
 * missing, unreadable or corrupt file only means one more AssumeRole.
 */
export function withRoleCache(
  provider: AwsCredentialIdentityProvider,
  file: string,
  now: () => number = Date.now,
): AwsCredentialIdentityProvider {
  const isFresh = (c: Credentials | undefined): c is Credentials =>
    c?.expiration !== undefined && c.expiration.getTime() - now() > REFRESH_MARGIN_MS;
  let last: Credentials | undefined;
  return async () => {
    if (isFresh(last)) return last;
    let pending = inFlight.get(file);
    if (!pending) {
      pending = (async () => {
        const cached = await readCached(file);
        if (isFresh(cached)) return cached;
        const fresh = await provider();
        await writeCached(file, fresh).catch(() => {});
        return fresh;
      })();
      inFlight.set(file, pending);
      pending.then(
        () => inFlight.delete(file),
        () => inFlight.delete(file),
      );
    }
    last = await pending;
    return last;
  };
}

async function readCached(file: string): Promise<Credentials | undefined> {
  try {
    const json = JSON.parse(await readFile(file, 'utf8')) as { Credentials?: Record<string, unknown> };
    const c = json.Credentials;
    const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = c ?? {};
    if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') return undefined;
    if (typeof Expiration !== 'string' || Number.isNaN(Date.parse(Expiration))) return undefined;
    return {
      accessKeyId: AccessKeyId,
      secretAccessKey: SecretAccessKey,
      ...(typeof SessionToken === 'string' ? { sessionToken: SessionToken } : {}),
      expiration: new Date(Expiration),
    };
  } catch {
    return undefined;
  }
}

async function writeCached(file: string, c: Credentials): Promise<void> {
  if (!c.expiration) return;
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const body = {
    Credentials: {
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      SessionToken: c.sessionToken,
      Expiration: c.expiration.toISOString(),
    },
    ProviderType: 'assume-role',
  };
  // Written whole under a temp name, so a concurrent reader never sees half a file.
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(body)}\n`, { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}
