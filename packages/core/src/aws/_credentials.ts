import { UserError } from '../errors/user-error.ts';
import { awsConfigPath, awsCredentialsPath } from './_aws-paths.ts';
import type { ProfileSettings } from './_profile-settings.ts';
import { roleCachePath, withRoleCache } from './mfa-cache.ts';
import type { AwsCredentialIdentityProvider } from './types.ts';

type Env = Record<string, string | undefined>;

export interface CredentialChoiceInit {
  profile: string | undefined;
  /** Where the profile came from: the flag beats environment keys, AWS_PROFILE does not. */
  profileSource: '--profile' | 'AWS_PROFILE' | undefined;
  settings: ProfileSettings | undefined;
  env: Env;
  homedir: string;
  /** Asks for the code of an MFA device (absent: no terminal, the code cannot be asked for). */
  mfaCode?: (serial: string) => Promise<string>;
  /** Where assumed-role credentials are cached between runs; no caching without it. */
  roleCacheDir?: string;
  /** Config for the SDK's inner STS/SSO clients (the proxy agent). */
  clientConfig: object;
}

/** The credential provider every client shares, and a sentence saying what it is (`--debug`). */
export interface CredentialChoice {
  provider: AwsCredentialIdentityProvider;
  source: string;
}

/**
 * Picks credentials the way the AWS CLI does: `--profile` first, then AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY (which beat AWS_PROFILE, where the JS SDK lets the profile win), then the
 * profile's own chain. A role profile with `mfa_serial` asks for the code and caches the session.
 */
export async function chooseCredentials(o: CredentialChoiceInit): Promise<CredentialChoice> {
  const providers = await import('@aws-sdk/credential-providers');
  const envKeys = Boolean(o.env.AWS_ACCESS_KEY_ID && o.env.AWS_SECRET_ACCESS_KEY);
  if (envKeys && o.profileSource !== '--profile') {
    const over = o.profile ? `, which win over AWS_PROFILE=${o.profile} as in the AWS CLI` : '';
    return { provider: providers.fromEnv(), source: `environment keys (AWS_ACCESS_KEY_ID${over})` };
  }
  const files = {
    filepath: awsCredentialsPath(o.env, o.homedir),
    configFilepath: awsConfigPath(o.env, o.homedir),
  };
  const section = o.settings?.config ?? {};
  const named = o.profile ? `profile ${o.profile} (${o.profileSource})` : 'the default profile';
  if (section.role_arn && section.mfa_serial) {
    const { role_arn: roleArn, mfa_serial: mfaSerial } = section;
    const profile = o.profile ?? 'default';
    const assume = providers.fromIni({
      profile,
      ...files,
      clientConfig: o.clientConfig,
      mfaCodeProvider: o.mfaCode ?? ((serial) => Promise.reject(mfaNeedsTerminal(profile, serial))),
    });
    if (!o.roleCacheDir)
      return { provider: assume, source: `${named}: assume ${roleArn} with MFA ${mfaSerial}` };
    const file = roleCachePath(o.roleCacheDir, {
      profile,
      roleArn,
      mfaSerial,
      ...(section.source_profile ? { sourceProfile: section.source_profile } : {}),
    });
    return {
      provider: withRoleCache(assume, file),
      source: `${named}: assume ${roleArn} with MFA ${mfaSerial}, session cached in ${file}`,
    };
  }
  // One memoised chain shared by every client: env, SSO (incl. sso-session), ini, assume-role,
  // process, container and IMDS, like the AWS CLI. Paths come from the env we were given.
  const provider = providers.fromNodeProviderChain({
    ...(o.profile ? { profile: o.profile } : {}),
    ...files,
    clientConfig: o.clientConfig,
    ...(o.mfaCode ? { mfaCodeProvider: o.mfaCode } : {}),
    // The SDK console.warns when a profile and env keys coexist; an explicit --profile winning over
    // ambient keys is what the AWS CLI does silently, so only then is the warning dropped.
    ...(o.profileSource === '--profile' ? { logger: quietLogger } : {}),
  });
  return { provider, source: describeChain(named, o.settings, envKeys) };
}

function describeChain(named: string, settings: ProfileSettings | undefined, envKeys: boolean): string {
  const c = settings?.config ?? {};
  if (c.role_arn) return `${named}: assume ${c.role_arn}`;
  if (c.sso_session || c.sso_start_url) return `${named}: IAM Identity Center (SSO)`;
  if (c.credential_process) return `${named}: credential_process`;
  if (settings?.credentials.aws_access_key_id || c.aws_access_key_id)
    return `${named}: keys in the shared files`;
  if (envKeys && named === 'the default profile') return 'environment keys (AWS_ACCESS_KEY_ID)';
  return `the default chain for ${named} (shared files, SSO, container, instance metadata)`;
}

function mfaNeedsTerminal(profile: string, serial: string): UserError {
  return new UserError(
    'MFA_CODE_NEEDS_TERMINAL',
    `Profile "${profile}" assumes a role with MFA (${serial}), but standard input is not a terminal to ask for the code.`,
    {
      hint: `Run the command once in a terminal (the session is then cached until it expires), or run \`aws sts get-session-token\` and export its keys.`,
    },
  );
}

const ignore = () => {};
const quietLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore, trace: ignore };
