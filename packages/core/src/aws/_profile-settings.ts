import { awsConfigPath, awsCredentialsPath } from './_aws-paths.ts';
import type { AwsServiceName } from './_aws-services.ts';

type Env = Record<string, string | undefined>;
type Section = Record<string, string | undefined>;

/** The selected profile's sections of the shared files (empty when there is none). */
export interface ProfileSettings {
  name: string;
  config: Section;
  credentials: Section;
  /** The `[services x]` section the profile names, if any. */
  services: Section | undefined;
  configPath: string;
}

/** An endpoint that replaces AWS's for one service, and where it came from (for `--debug`). */
export interface EndpointOverride {
  url: string;
  source: string;
  /** From the shared config file (which we must pass explicitly), not an environment variable. */
  fromProfile: boolean;
}

// The SDK's serviceId of each client: AWS_ENDPOINT_URL_<ID> and `<id>.endpoint_url` derive from it.
const SERVICE_IDS: Record<AwsServiceName, string> = {
  ec2: 'EC2',
  ssm: 'SSM',
  s3: 'S3',
  sts: 'STS',
  iam: 'IAM',
  'service-quotas': 'Service Quotas',
  pricing: 'Pricing',
  scheduler: 'Scheduler',
};

export async function readProfileSettings(
  profile: string,
  env: Env,
  homedir: string,
): Promise<ProfileSettings> {
  const configPath = awsConfigPath(env, homedir);
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const files = await loadSharedConfigFiles({
    configFilepath: configPath,
    filepath: awsCredentialsPath(env, homedir),
    ignoreCache: true,
  });
  const config = files.configFile[profile] ?? {};
  const services = config.services ? files.configFile[`services.${config.services}`] : undefined;
  return { name: profile, config, credentials: files.credentialsFile[profile] ?? {}, services, configPath };
}

/**
 * The endpoint for `service` as the AWS CLI picks it: AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL, the profile's `[services]` section, then its `endpoint_url`; none when
 * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's ignore_configured_endpoint_urls is true.
 * The SDK reads the profile part only for AWS_PROFILE, so a `--profile` one is passed explicitly.
 */
export function endpointOverride(
  service: AwsServiceName,
  env: Env,
  settings: ProfileSettings | undefined,
): EndpointOverride | undefined {
  if (isTrue(env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)) return undefined;
  const id = SERVICE_IDS[service];
  const envName = `AWS_ENDPOINT_URL_${id.toUpperCase().replace(/ /g, '_')}`;
  if (env[envName]) return { url: env[envName], source: envName, fromProfile: false };
  if (env.AWS_ENDPOINT_URL)
    return { url: env.AWS_ENDPOINT_URL, source: 'AWS_ENDPOINT_URL', fromProfile: false };
  if (!settings || isTrue(settings.config.ignore_configured_endpoint_urls)) return undefined;
  const key = `${id.toLowerCase().replace(/ /g, '_')}.endpoint_url`;
  const fromServices = settings.services?.[key];
  if (fromServices) {
    return {
      url: fromServices,
      source: `[services ${settings.config.services}] ${key} (profile ${settings.name})`,
      fromProfile: true,
    };
  }
  const url = settings.config.endpoint_url;
  return url ? { url, source: `endpoint_url of profile ${settings.name}`, fromProfile: true } : undefined;
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}
