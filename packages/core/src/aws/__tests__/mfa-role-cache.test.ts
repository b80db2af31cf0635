import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAwsContext } from '../create-aws-context.ts';

const ROLE = 'arn:aws:iam::123456789012:role/admin';
const DEVICE = 'arn:aws:iam::123456789012:mfa/me';

// moto answers STS AssumeRole (any TokenCode); the fault proxy in front of it counts the calls.
describe('role profile with mfa_serial, like the AWS CLI', () => {
  const moto = useMoto();
  let home: string;
  let cacheDir: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'aws-mfa-'));
    cacheDir = join(home, 'cache', 'aws-sessions');
    const config = join(home, 'config');
    const credentials = join(home, 'credentials');
    await writeFile(
      config,
      `[profile admin]\nrole_arn = ${ROLE}\nsource_profile = base\nmfa_serial = ${DEVICE}\nregion = us-east-1\n`,
    );
    await writeFile(credentials, '[base]\naws_access_key_id = testing\naws_secret_access_key = testing\n');
    vi.stubEnv('AWS_CONFIG_FILE', config);
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentials);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(home, { recursive: true, force: true });
  });

  it('asks for the code once, caches the session 0600, and the next run neither asks nor assumes again', async () => {
    await using sts = await startFaultProxy({ target: moto.endpoint });
    vi.stubEnv('AWS_ENDPOINT_URL', sts.endpoint);
    const asked: string[] = [];
    const prompt = async (serial: string) => {
      asked.push(serial);
      return '123456';
    };
    const first = await createAwsContext({
      profile: 'admin',
      env: process.env,
      homedir: home,
      mfaCode: prompt,
      roleCacheDir: cacheDir,
    });
    await first.ec2().send(new DescribeRegionsCommand({}));
    await first.ec2('eu-west-1').send(new DescribeRegionsCommand({}));
    const firstKeys = await first.ec2().config.credentials();
    expect(asked).toEqual([DEVICE]);
    expect(firstKeys.accessKeyId).toMatch(/^ASIA/);
    expect(first.setup.credentialSource).toContain(
      `assume ${ROLE} with MFA ${DEVICE}, session cached in ${cacheDir}`,
    );

    const [file] = await readdir(cacheDir);
    expect(file).toMatch(/^[0-9a-f]{40}\.json$/);
    expect((await stat(join(cacheDir, file ?? ''))).mode & 0o777).toBe(0o600);
    expect((await stat(cacheDir)).mode & 0o777).toBe(0o700);

    // A second command (a new context, as a new process would make), with no terminal at all.
    const second = await createAwsContext({
      profile: 'admin',
      env: process.env,
      homedir: home,
      roleCacheDir: cacheDir,
    });
    await second.ec2().send(new DescribeRegionsCommand({}));
    expect(await second.ec2().config.credentials()).toMatchObject({ accessKeyId: firstKeys.accessKeyId });
    expect(sts.requests.filter((r) => r.action === 'AssumeRole')).toHaveLength(1);
    expect(asked).toHaveLength(1);
  });

  it('asks again once the cached session is about to expire', async () => {
    await using sts = await startFaultProxy({ target: moto.endpoint });
    vi.stubEnv('AWS_ENDPOINT_URL', sts.endpoint);
    let asked = 0;
    const prompt = async () => String(++asked).padStart(6, '0');
    const ctx = () =>
      createAwsContext({
        profile: 'admin',
        env: process.env,
        homedir: home,
        mfaCode: prompt,
        roleCacheDir: cacheDir,
      });
    await (await ctx()).ec2().send(new DescribeRegionsCommand({}));
    const [file] = await readdir(cacheDir);
    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    await writeFile(
      join(cacheDir, file ?? ''),
      JSON.stringify({
        Credentials: { AccessKeyId: 'ASIAOLD', SecretAccessKey: 'x', SessionToken: 'y', Expiration: soon },
      }),
    );
    await (await ctx()).ec2().send(new DescribeRegionsCommand({}));
    expect(asked).toBe(2);
    expect(sts.requests.filter((r) => r.action === 'AssumeRole')).toHaveLength(2);
  });

  it('without a terminal and without a cached session, fails with a credentials error (exit 3)', async () => {
    const aws = await createAwsContext({
      profile: 'admin',
      env: process.env,
      homedir: home,
      roleCacheDir: cacheDir,
    });
    const error = await aws
      .ec2()
      .send(new DescribeRegionsCommand({}))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'MFA_CODE_NEEDS_TERMINAL',
      exitCode: 3,
      message: `Profile "admin" assumes a role with MFA (${DEVICE}), but standard input is not a terminal to ask for the code.`,
    });
  });
});
