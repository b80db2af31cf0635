import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeAvailabilityZonesCommand,
  DescribeKeyPairsCommand,
  DescribeRegionsCommand,
  EC2Client,
  ImportKeyPairCommand,
} from '@aws-sdk/client-ec2';
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwsContext } from './create-aws-context.ts';
import { fanOut } from './fan-out.ts';
import type { ApiCallEvent } from './types.ts';

// An ed25519 public key moto accepts for ImportKeyPair (key material is only parsed, never used).
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test';

describe('createAwsContext against moto', () => {
  const moto = useMoto();
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'aws-ctx-'));
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(home, { recursive: true, force: true });
  });

  it('reaches moto through AWS_ENDPOINT_URL and records every call', async () => {
    const seen: ApiCallEvent[] = [];
    const aws = await createAwsContext({ env: process.env, homedir: home, onApiCall: (e) => seen.push(e) });
    expect(aws).toMatchObject({ defaultRegion: 'us-east-1', regionSource: 'AWS_REGION', profile: undefined });

    const out = await aws.ec2().send(new DescribeRegionsCommand({}));
    expect(out.Regions?.length).toBeGreaterThan(20);
    expect(aws.ec2()).toBe(aws.ec2('us-east-1'));
    expect(aws.ec2('eu-west-1')).not.toBe(aws.ec2());
    await expect(
      aws.ec2('eu-west-1').send(new DescribeKeyPairsCommand({ KeyNames: ['nope'] })),
    ).rejects.toThrow();

    expect(aws.apiCalls()).toEqual([
      expect.objectContaining({
        service: 'ec2',
        operation: 'DescribeRegions',
        region: 'us-east-1',
        ok: true,
      }),
      expect.objectContaining({
        service: 'ec2',
        operation: 'DescribeKeyPairs',
        region: 'eu-west-1',
        ok: false,
        errorName: 'InvalidKeyPair.NotFound',
      }),
    ]);
    expect(seen).toEqual(aws.apiCalls());
    expect(seen[0]?.durationMs).toBeGreaterThan(0);
  });

  it('lists the enabled regions for --region all, once', async () => {
    const aws = await createAwsContext({ env: process.env, homedir: home });
    const direct = await new EC2Client({ region: 'us-east-1' }).send(new DescribeRegionsCommand({}));
    const expected = (direct.Regions ?? []).map((r) => r.RegionName).sort();

    expect(await aws.resolveRegions('all')).toEqual(expected);
    expect(await aws.resolveRegions(' ALL ')).toEqual(expected);
    expect(aws.apiCalls().filter((e) => e.operation === 'DescribeRegions')).toHaveLength(1);
    expect(await aws.resolveRegions()).toEqual(['us-east-1']);
    expect(await aws.resolveRegions('eu-west-1,us-east-2,eu-west-1')).toEqual(['eu-west-1', 'us-east-2']);
    await expect(aws.resolveRegions('eu-west-1,us-east')).rejects.toMatchObject({ code: 'INVALID_REGION' });
  });

  it('reads the account id from STS, once', async () => {
    const aws = await createAwsContext({ env: process.env, homedir: home });
    expect(await aws.accountId()).toBe('123456789012');
    expect(await aws.accountId()).toBe('123456789012');
    expect(aws.apiCalls().map((e) => `${e.service}:${e.operation}`)).toEqual(['sts:GetCallerIdentity']);
  });

  it('takes both region and credentials from a --profile in temp config files', async () => {
    const admin = await createAwsContext({ env: process.env, homedir: home });
    await admin.iam().send(new CreateUserCommand({ UserName: 'ci-bot' }));
    const key = await admin.iam().send(new CreateAccessKeyCommand({ UserName: 'ci-bot' }));
    const configPath = join(home, 'config');
    const credentialsPath = join(home, 'credentials');
    await writeFile(configPath, '[default]\nregion = us-west-1\n\n[profile ci]\nregion = eu-west-2\n');
    await writeFile(
      credentialsPath,
      `[ci]\naws_access_key_id = ${key.AccessKey?.AccessKeyId}\naws_secret_access_key = ${key.AccessKey?.SecretAccessKey}\n`,
    );
    const env: Record<string, string | undefined> = { ...process.env, AWS_CONFIG_FILE: configPath };
    env.AWS_SHARED_CREDENTIALS_FILE = credentialsPath;
    env.AWS_REGION = undefined;

    const aws = await createAwsContext({ profile: 'ci', env, homedir: home });
    expect(aws).toMatchObject({ defaultRegion: 'eu-west-2', regionSource: 'profile', profile: 'ci' });
    // moto answers GetCallerIdentity with the IAM user owning the access key that signed the call.
    const me = await aws.sts().send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:iam::123456789012:user/ci-bot');
    const zones = await aws.ec2().send(new DescribeAvailabilityZonesCommand({}));
    expect(zones.AvailabilityZones?.[0]?.ZoneName).toMatch(/^eu-west-2[a-z]$/);
  });

  it('honours per-service endpoint variables such as AWS_ENDPOINT_URL_EC2', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', 'http://127.0.0.1:9');
    vi.stubEnv('AWS_ENDPOINT_URL_EC2', moto.endpoint);
    const aws = await createAwsContext({ env: process.env, homedir: home });
    await expect(aws.ec2().send(new DescribeRegionsCommand({}))).resolves.toBeDefined();
    // STS still follows AWS_ENDPOINT_URL, where nothing listens: a translated network error.
    await expect(aws.accountId()).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      message: expect.stringContaining('127.0.0.1:9'),
      details: { region: 'us-east-1', operation: 'GetCallerIdentity' },
    });
  });

  it('leaves retries SDK-native: AWS_MAX_ATTEMPTS when set, else standard mode with 3 attempts', async () => {
    const fromEnv = await createAwsContext({ env: process.env, homedir: home });
    expect(await fromEnv.ec2().config.maxAttempts()).toBe(1);
    vi.stubEnv('AWS_MAX_ATTEMPTS', undefined);
    vi.stubEnv('AWS_CONFIG_FILE', join(home, 'none'));
    const defaults = await createAwsContext({ env: process.env, homedir: home });
    expect(await defaults.ssm('eu-west-1').config.maxAttempts()).toBe(3);
    const mode = defaults.ssm('eu-west-1').config.retryMode;
    expect(typeof mode === 'function' ? await mode() : mode).toBe('standard');
  });

  it('uses injected credentials and loads only the requested client packages', async () => {
    const credentials = vi.fn(async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' }));
    const aws = await createAwsContext({ env: process.env, homedir: home, credentials, services: ['ec2'] });
    expect(() => aws.ssm()).toThrow('AwsContext was created without the "ssm" service');
    // Async lookups import what they need on demand.
    expect(await aws.accountId()).toBe('123456789012');
    expect(credentials).toHaveBeenCalled();
  });

  it('reports missing credentials for an unknown profile as CREDENTIALS_MISSING', async () => {
    const configPath = join(home, 'config');
    await writeFile(configPath, '[profile ghost]\nregion = us-east-2\n');
    const env = {
      ...process.env,
      AWS_CONFIG_FILE: configPath,
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    };
    const aws = await createAwsContext({ profile: 'ghost', env, homedir: home });
    await expect(aws.accountId()).rejects.toMatchObject({
      code: 'CREDENTIALS_MISSING',
      hint: expect.stringContaining('aws sso login --profile ghost'),
    });
  });

  it('asks for aws sso login when an sso-session profile has no valid token', async () => {
    const configPath = join(home, 'config');
    await writeFile(
      configPath,
      [
        '[profile corp]',
        'sso_session = corp',
        'sso_account_id = 123456789012',
        'sso_role_name = Admin',
        'region = eu-west-3',
        '[sso-session corp]',
        'sso_region = us-east-1',
        'sso_start_url = https://example.awsapps.com/start',
      ].join('\n'),
    );
    // The SDK looks for the cached SSO token under $HOME/.aws/sso/cache: an empty temp home. The
    // config path goes through process.env because the SDK's ini-to-SSO hop re-reads it from there.
    vi.stubEnv('HOME', home);
    vi.stubEnv('AWS_CONFIG_FILE', configPath);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'none'));
    vi.stubEnv('AWS_REGION', undefined);
    const aws = await createAwsContext({ profile: 'corp', env: process.env, homedir: home });
    expect(aws).toMatchObject({ defaultRegion: 'eu-west-3', regionSource: 'profile' });
    await expect(aws.accountId()).rejects.toMatchObject({
      code: 'CREDENTIALS_EXPIRED',
      hint: 'Run `aws sso login --profile corp`, then retry.',
    });
  });

  it('fans out across three regions and keeps the failing one as a row', async () => {
    const aws = await createAwsContext({ env: process.env, homedir: home });
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
    for (const region of ['us-east-1', 'ap-southeast-2']) {
      await aws
        .ec2(region)
        .send(new ImportKeyPairCommand({ KeyName: 'truffle', PublicKeyMaterial: Buffer.from(PUBLIC_KEY) }));
    }
    const result = await fanOut(regions, async (region) => {
      const out = await aws.ec2(region).send(new DescribeKeyPairsCommand({ KeyNames: ['truffle'] }));
      return out.KeyPairs?.map((k) => k.KeyName);
    });
    expect(result.ok).toEqual([
      { region: 'us-east-1', value: ['truffle'] },
      { region: 'ap-southeast-2', value: ['truffle'] },
    ]);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]?.region).toBe('eu-west-1');
    expect(result.failed[0]?.error).toMatchObject({
      code: 'AWS_ERROR',
      details: { awsErrorName: 'InvalidKeyPair.NotFound', region: 'eu-west-1' },
    });
    const describes = aws.apiCalls().filter((e) => e.operation === 'DescribeKeyPairs');
    expect(describes.map((e) => [e.region, e.ok])).toEqual(
      expect.arrayContaining([
        ['us-east-1', true],
        ['eu-west-1', false],
        ['ap-southeast-2', true],
      ]),
    );
  });
});
