import { homedir as osHomedir } from 'node:os';
import { awsConfigPath, awsCredentialsPath } from './_aws-paths.ts';
import { ALL_AWS_SERVICES, type AwsServiceName, loadAwsClientClasses } from './_aws-services.ts';
import { resolveRegion } from './resolve-region.ts';
import type { AwsContext, AwsContextOptions } from './types.ts';

export type { AwsServiceName } from './_aws-services.ts';

/**
 * Resolves the default region (see {@link resolveRegion}) and returns a context that makes one
 * client per (service, region), all sharing one AWS CLI-like credential chain for the profile.
 * Pass `services` to import only some client packages (their sync accessors throw otherwise).
 */
export async function createAwsContext(
  o: AwsContextOptions & { services?: readonly AwsServiceName[] },
): Promise<AwsContext> {
  const profile = o.profile || o.env.AWS_PROFILE || undefined;
  const homedir = o.homedir ?? osHomedir();
  const [resolution, classes, credentials] = await Promise.all([
    resolveRegion({ region: o.region, profile, env: o.env, homedir }),
    loadAwsClientClasses(o.services ?? ALL_AWS_SERVICES),
    o.credentials ?? defaultCredentials(profile, Boolean(o.profile), o.env, homedir),
  ]);
  const { buildAwsContext } = await import('./_aws-context.ts');
  return buildAwsContext({
    resolution,
    profile,
    classes,
    credentials,
    onApiCall: o.onApiCall,
    requestTimeoutMs: o.requestTimeoutMs,
    signal: o.signal,
  });
}

async function defaultCredentials(
  profile: string | undefined,
  explicitProfile: boolean,
  env: AwsContextOptions['env'],
  homedir: string,
) {
  const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  // One memoised chain shared by every client: env, SSO (incl. sso-session), ini, assume-role,
  // process, container and IMDS, like the AWS CLI. Paths come from the env we were given.
  return fromNodeProviderChain({
    ...(profile ? { profile } : {}),
    filepath: awsCredentialsPath(env, homedir),
    configFilepath: awsConfigPath(env, homedir),
    // The SDK console.warns when a profile and env keys coexist; an explicit --profile winning over
    // ambient keys is what the AWS CLI does silently, so only then is the warning dropped.
    ...(explicitProfile ? { logger: quietLogger } : {}),
  });
}

const ignore = () => {};
const quietLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore, trace: ignore };
