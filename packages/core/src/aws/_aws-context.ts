import type { Agent } from 'node:http';
import { UserError } from '../errors/user-error.ts';
import type { AwsClientClasses, AwsServiceName } from './_aws-services.ts';
import { addApiCallRecorder, type MiddlewareHost } from './api-call-middleware.ts';
import { addAwsErrorTranslation } from './aws-error-middleware.ts';
import { validateRegionName } from './region-name.ts';
import type { RegionResolution } from './resolve-region.ts';
import type { ApiCallEvent, AwsContext, AwsCredentialIdentityProvider, AwsSetup } from './types.ts';
import { withAbortSignal } from './with-abort-signal.ts';

export interface AwsContextInit {
  resolution: RegionResolution;
  profile: string | undefined;
  classes: AwsClientClasses;
  credentials: AwsCredentialIdentityProvider;
  /** What `--debug` prints first; its endpoints are passed to the clients. */
  setup: AwsSetup;
  /** The proxy agent (HTTPS_PROXY & co.), for every client. */
  agent?: Agent;
  onApiCall?: (e: ApiCallEvent) => void;
  /** Response timeout per request attempt (see {@link DEFAULT_REQUEST_TIMEOUT_MS}). */
  requestTimeoutMs?: number;
  /** Every send through these clients carries it unless the caller passes its own `abortSignal`. */
  signal?: AbortSignal;
}

/** TCP connect (and TLS) must finish within this, so an unreachable endpoint fails fast. */
export const CONNECTION_TIMEOUT_MS = 10_000;
/** Default time for one request attempt's response; the SDK's standard retry then applies. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;

// The Price List API only has endpoints in a few regions; us-east-1 serves every product.
const PRICING_REGION = 'us-east-1';

/** Builds the memoised client factory behind {@link createAwsContext}. */
export function buildAwsContext(init: AwsContextInit): AwsContext {
  const { resolution, profile, classes, credentials } = init;
  const events: ApiCallEvent[] = [];
  const clients = new Map<string, unknown>();
  const record = (e: ApiCallEvent) => {
    events.push(e);
    init.onApiCall?.(e);
  };

  function client<K extends AwsServiceName>(service: K, region = resolution.region) {
    type Instance = InstanceType<NonNullable<AwsClientClasses[K]>>;
    const key = `${service}:${region}`;
    const cached = clients.get(key);
    if (cached) return cached as Instance;
    const Ctor = classes[service] as (new (config: object) => Instance) | undefined;
    if (!Ctor)
      throw new Error(`AwsContext was created without the "${service}" service; add it to options.services`);
    // The SDK reads endpoint_url from the AWS_PROFILE (or default) profile whatever `profile` the
    // client gets (@smithy/core's getEndpointFromConfig calls loadConfig with no profile). So with
    // --profile it must not look at all: our resolution (AWS_ENDPOINT_URL(_<SERVICE>), then the
    // flag's profile) is passed instead. Otherwise a profile's endpoint is passed explicitly and
    // the environment variables stay SDK-native.
    const override = init.setup.endpoints[service];
    const isFlagProfile = init.setup.profileSource === '--profile';
    const endpoint = override && (override.fromProfile || isFlagProfile) ? override.url : undefined;
    const instance = new Ctor({
      region: validateRegionName(region),
      credentials,
      ...(profile ? { profile } : {}),
      ...(endpoint ? { endpoint } : {}),
      ...(isFlagProfile ? { ignoreConfiguredEndpointUrls: true } : {}),
      // Without timeouts one black-holed region hangs a command for ever; the SDK only warns on a
      // requestTimeout unless told to throw. TimeoutError is transient: the standard retry retries it.
      requestHandler: {
        connectionTimeout: CONNECTION_TIMEOUT_MS,
        requestTimeout: init.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        throwOnRequestTimeout: true,
        ...(init.agent ? { httpAgent: init.agent, httpsAgent: init.agent } : {}),
      },
    });
    const host = instance as unknown as MiddlewareHost;
    addApiCallRecorder(host, { service, region }, record);
    // IAM is global: a region in its messages would mislead.
    addAwsErrorTranslation(host, { region: service === 'iam' ? undefined : region, profile });
    const bound = init.signal ? withAbortSignal(instance, init.signal) : instance;
    clients.set(key, bound);
    return bound;
  }

  let account: Promise<string> | undefined;
  let enabledRegions: Promise<string[]> | undefined;

  const context: AwsContext = {
    defaultRegion: resolution.region,
    regionSource: resolution.source,
    profile,
    setup: init.setup,
    ec2: (region) => client('ec2', region),
    ssm: (region) => client('ssm', region),
    s3: (region) => client('s3', region),
    sts: (region) => client('sts', region),
    // IAM is global; endpoint rules map any region of the partition to the global endpoint.
    iam: () => client('iam'),
    serviceQuotas: (region) => client('service-quotas', region),
    pricing: () => client('pricing', PRICING_REGION),
    scheduler: (region) => client('scheduler', region),
    accountId() {
      account ??= (async () => {
        // Async lookups import their client on demand, even when `services` left it out.
        const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
        classes.sts ??= STSClient;
        const out = await context.sts().send(new GetCallerIdentityCommand({}));
        if (!out.Account) throw new UserError('AWS_ERROR', 'STS GetCallerIdentity returned no account id.');
        return out.Account;
      })();
      // Forget failures so a later call (after `aws sso login`) can succeed.
      account.catch(() => (account = undefined));
      return account;
    },
    async resolveRegions(flag) {
      const value = flag?.trim();
      if (!value) return [resolution.region];
      if (value.toLowerCase() === 'all') {
        enabledRegions ??= (async () => {
          const { EC2Client, DescribeRegionsCommand } = await import('@aws-sdk/client-ec2');
          classes.ec2 ??= EC2Client;
          const out = await context.ec2().send(new DescribeRegionsCommand({}));
          return (out.Regions ?? []).flatMap((r) => (r.RegionName ? [r.RegionName] : [])).sort();
        })();
        enabledRegions.catch(() => (enabledRegions = undefined));
        return [...(await enabledRegions)];
      }
      const names = value.split(',').filter((part) => part.trim() !== '');
      return [...new Set(names.map(validateRegionName))];
    },
    apiCalls: () => events.slice(),
  };
  return context;
}
