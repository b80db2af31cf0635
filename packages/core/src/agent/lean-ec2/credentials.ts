import type { ImdsClient } from '../imds-client.ts';
import type { AwsCredentials } from './sigv4.ts';

/** Role credentials are refreshed this long before they expire. */
const REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * Credentials from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)
 * or else the instance role via IMDSv2, cached until 5 minutes before they expire.
 */
export function createCredentialSource(o: {
  env: Readonly<Record<string, string | undefined>>;
  imds: Pick<ImdsClient, 'roleCredentials'>;
  now?: () => number;
}): () => Promise<AwsCredentials> {
  const now = o.now ?? Date.now;
  let cached: { credentials: AwsCredentials; refreshAt: number } | undefined;
  return async () => {
    const { AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token } = o.env;
    if (id && secret)
      return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
    if (cached && now() < cached.refreshAt) return cached.credentials;
    const role = await o.imds.roleCredentials();
    if (!role) {
      const error = new Error('No AWS credentials: none in the environment and no instance role in IMDS');
      error.name = 'CredentialsProviderError';
      throw error;
    }
    const { expiration, ...credentials } = role;
    cached = { credentials, refreshAt: expiration - REFRESH_BEFORE_MS };
    return credentials;
  };
}
