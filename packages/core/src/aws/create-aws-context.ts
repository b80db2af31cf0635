import { homedir as osHomedir } from 'node:os';
import { ALL_AWS_SERVICES, type AwsServiceName, loadAwsClientClasses } from './_aws-services.ts';
import { chooseCredentials } from './_credentials.ts';
import { endpointOverride, readProfileSettings } from './_profile-settings.ts';
import { configuredProxy, createProxyAgent } from './proxy-agent.ts';
import { resolveRegion } from './resolve-region.ts';
import type { AwsContext, AwsContextOptions, AwsSetup } from './types.ts';

export type { AwsServiceName } from './_aws-services.ts';

/**
 * Resolves the default region (see {@link resolveRegion}) and returns a context that makes one
 * client per (service, region), all sharing one AWS CLI-like credential chain for the profile,
 * the profile's endpoints and, when HTTPS_PROXY & co. are set, one proxy agent.
 * Pass `services` to import only some client packages (their sync accessors throw otherwise).
 */
export async function createAwsContext(
  o: AwsContextOptions & { services?: readonly AwsServiceName[] },
): Promise<AwsContext> {
  const profile = o.profile || o.env.AWS_PROFILE || undefined;
  const profileSource = o.profile ? '--profile' : profile ? 'AWS_PROFILE' : undefined;
  const homedir = o.homedir ?? osHomedir();
  const services = o.services ?? ALL_AWS_SERVICES;
  const [resolution, classes, settings, agent] = await Promise.all([
    resolveRegion({ region: o.region, profile, env: o.env, homedir, configRegion: o.configRegion }),
    loadAwsClientClasses(services),
    readProfileSettings(profile ?? 'default', o.env, homedir),
    createProxyAgent(o.env),
  ]);
  const proxyConfig = agent ? { requestHandler: { httpAgent: agent, httpsAgent: agent } } : {};
  const credentials = o.credentials
    ? { provider: o.credentials, source: 'given by the caller' }
    : await chooseCredentials({
        profile,
        profileSource,
        settings,
        env: o.env,
        homedir,
        mfaCode: o.mfaCode,
        roleCacheDir: o.roleCacheDir,
        clientConfig: proxyConfig,
      });
  const endpoints = Object.fromEntries(
    ALL_AWS_SERVICES.flatMap((s) => {
      const found = endpointOverride(s, o.env, settings);
      return found ? [[s, found]] : [];
    }),
  );
  const setup: AwsSetup = {
    profile,
    profileSource,
    region: resolution.region,
    regionSource: resolution.source,
    credentialSource: credentials.source,
    endpoints,
    proxy: configuredProxy(o.env),
  };
  const { buildAwsContext } = await import('./_aws-context.ts');
  return buildAwsContext({
    resolution,
    profile,
    classes,
    credentials: credentials.provider,
    setup,
    agent,
    onApiCall: o.onApiCall,
    requestTimeoutMs: o.requestTimeoutMs,
    signal: o.signal,
  });
}
