import { describe, expect, it, vi } from 'vitest';

// The barrel is imported by CLIs before they know whether they will talk to AWS at all, so loading
// it must not pull in the SDK. Every heavy package records itself here if something imports it.
const { loaded, record } = vi.hoisted(() => {
  const loaded: string[] = [];
  const record = (name: string) => {
    loaded.push(name);
    return {};
  };
  return { loaded, record };
});
vi.mock('@aws-sdk/client-ec2', () => record('client-ec2'));
vi.mock('@aws-sdk/client-ssm', () => record('client-ssm'));
vi.mock('@aws-sdk/client-s3', () => record('client-s3'));
vi.mock('@aws-sdk/client-sts', () => record('client-sts'));
vi.mock('@aws-sdk/client-iam', () => record('client-iam'));
vi.mock('@aws-sdk/client-pricing', () => record('client-pricing'));
vi.mock('@aws-sdk/client-service-quotas', () => record('client-service-quotas'));
vi.mock('@aws-sdk/credential-providers', () => record('credential-providers'));
vi.mock('@smithy/shared-ini-file-loader', () => record('shared-ini-file-loader'));
vi.mock('proxy-agent', () => record('proxy-agent'));

describe('@truffle-spawn/core/aws barrel', () => {
  it('exports the public API without loading the AWS SDK', async () => {
    const aws = await import('./index.ts');
    expect(Object.keys(aws).sort()).toEqual([
      'addApiCallRecorder',
      'configuredProxy',
      'createAwsContext',
      'createProxyAgent',
      'fanOut',
      'fetchText',
      'hasConfiguredCredentials',
      'resolveRegion',
      'translateAwsError',
      'validateRegionName',
      'withAwsErrors',
    ]);
    expect(aws.hasConfiguredCredentials({ AWS_PROFILE: 'x' }, '/nonexistent')).toBe(true);
    await expect(aws.resolveRegion({ env: { AWS_REGION: 'us-east-2' } })).resolves.toMatchObject({
      region: 'us-east-2',
    });
    expect(loaded).toEqual([]);
  });
});
