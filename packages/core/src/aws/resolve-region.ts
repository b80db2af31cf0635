import { homedir as osHomedir } from 'node:os';
import { UserError } from '../errors/user-error.ts';
import { awsConfigPath, awsCredentialsPath } from './_aws-paths.ts';
import { validateRegionName } from './region-name.ts';

/** The region a command will use and where it came from (for `--debug` and error messages). */
export interface RegionResolution {
  region: string;
  source: 'flag' | 'AWS_REGION' | 'AWS_DEFAULT_REGION' | 'config' | 'profile';
}

export interface ResolveRegionOptions {
  /** `--region` flag value (a single region). */
  region?: string;
  /** `--profile`; falls back to `env.AWS_PROFILE`, then `default`. */
  profile?: string;
  env: Record<string, string | undefined>;
  homedir?: string;
  /** `region` from our config file: after the environment, before the profile. */
  configRegion?: string;
}

/**
 * Finds the default region the way the AWS CLI does: `--region`, AWS_REGION, AWS_DEFAULT_REGION
 * (which the JS SDK ignores), our config file's `region`, then the profile's `region` in the shared
 * config file.
 * Throws REGION_MISSING listing every source tried.
 */
export async function resolveRegion(o: ResolveRegionOptions): Promise<RegionResolution> {
  const fromFlag = pick(o.region, 'flag') ?? pick(o.env.AWS_REGION, 'AWS_REGION');
  const fromEnv = fromFlag ?? pick(o.env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION');
  if (fromEnv) return fromEnv;
  const fromConfig = pick(o.configRegion, 'config');
  if (fromConfig) return fromConfig;

  const home = o.homedir ?? osHomedir();
  const profile = o.profile || o.env.AWS_PROFILE || 'default';
  const configPath = awsConfigPath(o.env, home);
  // Imported here so env-only resolution (and the aws barrel) never loads the ini parser.
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const files = await loadSharedConfigFiles({
    configFilepath: configPath,
    filepath: awsCredentialsPath(o.env, home),
    ignoreCache: true,
  });
  // Same precedence as the SDK: the config file wins over the credentials file.
  const region = files.configFile[profile]?.region ?? files.credentialsFile[profile]?.region;
  const fromProfile = pick(region, 'profile');
  if (fromProfile) return fromProfile;

  const profileState =
    profile in files.configFile || profile in files.credentialsFile ? 'no region set' : 'not found';
  const tried = [
    '--region (not given)',
    'AWS_REGION (unset)',
    'AWS_DEFAULT_REGION (unset)',
    `profile "${profile}" in ${configPath} (${profileState})`,
  ];
  const configure = profile === 'default' ? 'aws configure' : `aws configure --profile ${profile}`;
  throw new UserError('REGION_MISSING', `No AWS region is configured. Tried: ${tried.join(', ')}.`, {
    hint: `Pass --region us-east-1, set AWS_REGION, or run \`${configure}\` to store a region in the profile.`,
    details: { profile, configPath, tried },
  });
}

function pick(value: string | undefined, source: RegionResolution['source']): RegionResolution | undefined {
  if (!value?.trim()) return undefined;
  try {
    return { region: validateRegionName(value), source };
  } catch (error) {
    if (error instanceof UserError) {
      throw new UserError('INVALID_REGION', `${error.message.slice(0, -1)} (from ${describe(source)}).`, {
        hint: error.hint,
        details: { ...error.details, source },
      });
    }
    throw error;
  }
}

function describe(source: RegionResolution['source']): string {
  if (source === 'config') return 'the truffle-spawn config file';
  return source === 'flag' ? '--region' : source === 'profile' ? 'the profile' : source;
}
