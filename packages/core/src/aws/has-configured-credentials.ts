import { existsSync, readFileSync } from 'node:fs';
import { awsConfigPath, awsCredentialsPath } from './_aws-paths.ts';

const CREDENTIAL_ENV_KEYS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_PROFILE',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
] as const;

// `[default]`, `[name]` (credentials file) or `[profile name]` (config file); not `[sso-session x]`.
const CREDENTIALS_SECTION = /^\s*\[\s*[^\]\s]+\s*\]/m;
const CONFIG_PROFILE_SECTION = /^\s*\[\s*(?:default|profile\s+[^\]]+)\s*\]/m;

/**
 * Cheap, synchronous guess whether the AWS credential chain has anything to work with: credential
 * env vars or a shared credentials/config file with a profile. Loads no SDK code, so the CLIs can
 * choose offline vs live mode before paying for the SDK import.
 */
export function hasConfiguredCredentials(env: Record<string, string | undefined>, homedir: string): boolean {
  if (CREDENTIAL_ENV_KEYS.some((key) => env[key]?.trim())) return true;
  return (
    fileMatches(awsCredentialsPath(env, homedir), CREDENTIALS_SECTION) ||
    fileMatches(awsConfigPath(env, homedir), CONFIG_PROFILE_SECTION)
  );
}

function fileMatches(path: string, pattern: RegExp): boolean {
  if (!existsSync(path)) return false;
  try {
    return pattern.test(readFileSync(path, 'utf8'));
  } catch {
    // Unreadable (a directory, no permission): the SDK could not use it either.
    return false;
  }
}
