import type { EC2Client } from '@aws-sdk/client-ec2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SchedulerClient } from '@aws-sdk/client-scheduler';
import type { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { STSClient } from '@aws-sdk/client-sts';
import type { RegionResolution } from './resolve-region.ts';

/**
 * Credentials source, structurally the SDK's `AwsCredentialIdentityProvider` (declared here because
 * `@smithy/types` is not a direct dependency of core).
 */
export type AwsCredentialIdentityProvider = (identityProperties?: Record<string, unknown>) => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}>;

/** One AWS API call made through an {@link AwsContext}, recorded when it settles. */
export interface ApiCallEvent {
  /** Our short service name: `ec2`, `ssm`, `s3`, `sts`, `iam`, `service-quotas`, `pricing`. */
  service: string;
  /** The API operation, e.g. `DescribeInstances`. */
  operation: string;
  region: string;
  durationMs: number;
  ok: boolean;
  /** The SDK error name when the call failed (e.g. `UnauthorizedOperation`). */
  errorName?: string;
}

export interface AwsContextOptions {
  /** `--profile`; falls back to `env.AWS_PROFILE`. */
  profile?: string;
  /** `--region` when it names a single region. */
  region?: string;
  /**
   * The process environment, passed in by the CLI. Region, profile and shared-file paths come from
   * here; the SDK itself still reads `process.env` (endpoints, retries, the ini-to-SSO credential
   * hop), so production callers pass `process.env` itself.
   */
  env: Record<string, string | undefined>;
  /** Home directory for `~/.aws/*` (defaults to `os.homedir()`). */
  homedir?: string;
  /** Credentials override (tests); defaults to the AWS CLI-like node provider chain. */
  credentials?: AwsCredentialIdentityProvider;
  /** Called after every API call (for `--debug` and benchmarks). */
  onApiCall?: (e: ApiCallEvent) => void;
  /**
   * Response timeout of one request attempt in ms (`--timeout`; default 20 s). Connecting has its
   * own 10 s limit. A timed-out attempt is retried by the SDK's standard retry (AWS_MAX_ATTEMPTS).
   */
  requestTimeoutMs?: number;
  /**
   * Aborts every call in flight through this context (Ctrl-C) unless a call passes its own
   * `abortSignal`. Leave it unset where calls must outlive it (a launch's rollback).
   */
  signal?: AbortSignal;
  /**
   * Asks for the code of an MFA device when a role profile has `mfa_serial` (a terminal prompt);
   * without it such a profile fails with MFA_CODE_NEEDS_TERMINAL (exit 3) unless a cached
   * session is still valid.
   */
  mfaCode?: (serial: string) => Promise<string>;
  /** `region` from the truffle-spawn config file (after AWS_REGION/AWS_DEFAULT_REGION, before the profile). */
  configRegion?: string;
  /** Directory where assumed-role (MFA) sessions are cached between runs (0600 files). */
  roleCacheDir?: string;
}

/** How a context was configured and where each part came from (the start of `--debug`). */
export interface AwsSetup {
  profile: string | undefined;
  profileSource: '--profile' | 'AWS_PROFILE' | undefined;
  region: string;
  regionSource: RegionResolution['source'];
  /** What supplies credentials, e.g. `environment keys (AWS_ACCESS_KEY_ID)`. */
  credentialSource: string;
  /** Endpoint overrides by service (env or profile). */
  endpoints: Partial<Record<string, { url: string; source: string; fromProfile: boolean }>>;
  /** `HTTPS_PROXY=http://proxy:3128` when a proxy is configured. */
  proxy: string | undefined;
}

/** Memoised AWS clients for one profile, plus the few account-level lookups every command needs. */
export interface AwsContext {
  readonly defaultRegion: string;
  readonly regionSource: RegionResolution['source'];
  readonly profile: string | undefined;
  /** Profile, region, credentials, endpoints and proxy, with their sources (for `--debug`). */
  readonly setup: AwsSetup;
  ec2(region?: string): EC2Client;
  ssm(region?: string): SSMClient;
  s3(region?: string): S3Client;
  sts(region?: string): STSClient;
  iam(): IAMClient;
  serviceQuotas(region?: string): ServiceQuotasClient;
  /** The Price List API client; its endpoint lives in us-east-1. */
  pricing(): PricingClient;
  /** EventBridge Scheduler (the cloud backstop's schedules). */
  scheduler(region?: string): SchedulerClient;
  /** The account id from STS GetCallerIdentity, memoised. */
  accountId(): Promise<string>;
  /**
   * Regions for a `--region` flag: undefined gives `[defaultRegion]`, `"a,b"` gives the validated,
   * de-duplicated list, `"all"` gives the account's enabled regions (DescribeRegions, memoised).
   */
  resolveRegions(flag?: string): Promise<string[]>;
  /** Every call made through this context so far, oldest first. */
  apiCalls(): readonly ApiCallEvent[];
}
