import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { startForwardProxy } from '@truffle-spawn/test-utils/forward-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectSshCidr } from '../../launch/detect-public-ip.ts';
import { createAwsContext } from '../create-aws-context.ts';
import { fetchText } from '../fetch-text.ts';

// The AWS CLI (botocore) is the reference: each test name says what it does in the same setup.
describe('AWS configuration parity against moto', () => {
  const moto = useMoto();
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'aws-parity-'));
    // A developer's own proxy variables must not decide these tests.
    for (const name of [
      'http_proxy',
      'https_proxy',
      'all_proxy',
      'no_proxy',
      'HTTP_PROXY',
      'HTTPS_PROXY',
      'ALL_PROXY',
      'NO_PROXY',
    ]) {
      vi.stubEnv(name, '');
    }
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(home, { recursive: true, force: true });
  });

  it('like the AWS CLI, sends every AWS call through HTTP_PROXY', async () => {
    await using proxy = await startForwardProxy();
    vi.stubEnv('HTTP_PROXY', proxy.url);
    const aws = await createAwsContext({ env: process.env, homedir: home });
    await aws.ec2().send(new DescribeRegionsCommand({}));
    await aws.sts().send(new GetCallerIdentityCommand({}));
    expect(proxy.requests).toEqual([
      { method: 'POST', target: `${moto.endpoint}/` },
      { method: 'POST', target: `${moto.endpoint}/` },
    ]);
    expect(aws.setup.proxy).toBe(`HTTP_PROXY=${proxy.url}`);
  });

  it('like the AWS CLI, honours the lower-case http_proxy and NO_PROXY=127.0.0.1 bypasses the proxy', async () => {
    await using proxy = await startForwardProxy();
    vi.stubEnv('http_proxy', proxy.url);
    const proxied = await createAwsContext({ env: process.env, homedir: home });
    await proxied.ec2().send(new DescribeRegionsCommand({}));
    expect(proxy.requests).toHaveLength(1);

    vi.stubEnv('NO_PROXY', '127.0.0.1');
    const direct = await createAwsContext({ env: process.env, homedir: home });
    await direct.ec2().send(new DescribeRegionsCommand({}));
    expect(proxy.requests).toHaveLength(1);
  });

  it('like the AWS CLI, tunnels https endpoints through HTTPS_PROXY with CONNECT', async () => {
    // The proxy refuses the tunnel, so nothing reaches real AWS; the CONNECT proves the route.
    await using proxy = await startForwardProxy({ refuseConnect: true });
    vi.stubEnv('HTTPS_PROXY', proxy.url);
    vi.stubEnv('AWS_ENDPOINT_URL', undefined);
    const aws = await createAwsContext({ env: process.env, homedir: home, requestTimeoutMs: 5000 });
    await expect(aws.ec2().send(new DescribeRegionsCommand({}))).rejects.toThrow();
    expect(proxy.requests).toContainEqual({ method: 'CONNECT', target: 'ec2.us-east-1.amazonaws.com:443' });
  });

  it("finds the public IP (spawn's SSH rule) through the proxy too", async () => {
    await using proxy = await startForwardProxy({ refuseConnect: true });
    vi.stubEnv('HTTPS_PROXY', proxy.url);
    await expect(detectSshCidr((url, signal) => fetchText(url, signal, process.env))).rejects.toMatchObject({
      code: 'SSH_CIDR_UNKNOWN',
    });
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: 'checkip.amazonaws.com:443' }]);

    // An http URL is forwarded through HTTP_PROXY and its body read back.
    await using checkip = await startFaultProxy({ target: moto.endpoint });
    vi.stubEnv('HTTP_PROXY', proxy.url);
    const body = await fetchText(`${checkip.endpoint}/moto-api/`, AbortSignal.timeout(5000), process.env);
    expect(body.length).toBeGreaterThan(0);
    expect(proxy.requests.at(-1)).toEqual({ method: 'GET', target: `${checkip.endpoint}/moto-api/` });
  });

  it('like the AWS CLI, applies endpoint_url and the [services] section of a --profile (not only AWS_PROFILE)', async () => {
    await using ec2Front = await startFaultProxy({ target: moto.endpoint });
    const configPath = join(home, 'config');
    await writeFile(
      configPath,
      [
        '[profile local]',
        'region = eu-west-1',
        'aws_access_key_id = testing',
        'aws_secret_access_key = testing',
        `endpoint_url = ${moto.endpoint}`,
        'services = local-services',
        '',
        '[services local-services]',
        'ec2 =',
        `  endpoint_url = ${ec2Front.endpoint}`,
        '',
      ].join('\n'),
    );
    vi.stubEnv('AWS_CONFIG_FILE', configPath);
    vi.stubEnv('AWS_ENDPOINT_URL', undefined);
    vi.stubEnv('AWS_REGION', undefined);
    const aws = await createAwsContext({ profile: 'local', env: process.env, homedir: home });
    await aws.ec2().send(new DescribeRegionsCommand({}));
    await aws.sts().send(new GetCallerIdentityCommand({}));
    // EC2 went to its own endpoint from [services]; STS to the profile's endpoint_url (moto).
    expect(ec2Front.requests.map((r) => r.action)).toEqual(['DescribeRegions']);
    expect(aws.setup.endpoints).toMatchObject({
      ec2: { url: ec2Front.endpoint, source: '[services local-services] ec2.endpoint_url (profile local)' },
      sts: { url: moto.endpoint, source: 'endpoint_url of profile local' },
    });
  });

  it.each([
    ['AWS_PROFILE=envy', 'envy', '[profile envy]'],
    ['no AWS_PROFILE, [default] has one', undefined, '[default]'],
  ])(
    "like the AWS CLI, --profile without endpoint_url ignores another profile's endpoint_url (%s)",
    async (_case, envProfile, section) => {
      await using otherFront = await startFaultProxy({ target: moto.endpoint });
      // The AWS endpoint the flag's profile means is answered by a proxy that refuses every
      // CONNECT, so the test sees where the call went and nothing leaves the machine.
      await using refusing = await startForwardProxy({ refuseConnect: true });
      const configPath = join(home, 'config');
      await writeFile(
        configPath,
        [
          section,
          `endpoint_url = ${otherFront.endpoint}`,
          'aws_access_key_id = testing',
          'aws_secret_access_key = testing',
          '',
          '[profile plain]',
          'region = us-east-1',
          'aws_access_key_id = testing',
          'aws_secret_access_key = testing',
          '',
        ].join('\n'),
      );
      vi.stubEnv('AWS_CONFIG_FILE', configPath);
      vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(home, 'none'));
      vi.stubEnv('AWS_ENDPOINT_URL', undefined);
      vi.stubEnv('AWS_PROFILE', envProfile);
      vi.stubEnv('HTTPS_PROXY', refusing.url);
      const aws = await createAwsContext({ profile: 'plain', env: process.env, homedir: home });
      expect(aws.setup.endpoints.ec2).toBeUndefined();
      await expect(aws.ec2().send(new DescribeRegionsCommand({}))).rejects.toThrow();
      expect(otherFront.requests).toEqual([]);
      expect(refusing.requests.map((r) => r.target)).toContain('ec2.us-east-1.amazonaws.com:443');
    },
  );

  it('like the AWS CLI, AWS_ENDPOINT_URL still wins with --profile, and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS too', async () => {
    await using front = await startFaultProxy({ target: moto.endpoint });
    const configPath = join(home, 'config');
    await writeFile(
      configPath,
      `[profile local]\nregion = us-east-1\nendpoint_url = ${front.endpoint}\naws_access_key_id = testing\naws_secret_access_key = testing\n`,
    );
    vi.stubEnv('AWS_CONFIG_FILE', configPath);
    vi.stubEnv('AWS_ENDPOINT_URL', moto.endpoint);
    const aws = await createAwsContext({ profile: 'local', env: process.env, homedir: home });
    await aws.ec2().send(new DescribeRegionsCommand({}));
    expect(front.requests).toEqual([]);

    await using refusing = await startForwardProxy({ refuseConnect: true });
    vi.stubEnv('HTTPS_PROXY', refusing.url);
    vi.stubEnv('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'true');
    const ignoring = await createAwsContext({ profile: 'local', env: process.env, homedir: home });
    await expect(ignoring.ec2().send(new DescribeRegionsCommand({}))).rejects.toThrow();
    expect(front.requests).toEqual([]);
    expect(refusing.requests.map((r) => r.target)).toContain('ec2.us-east-1.amazonaws.com:443');
  });

  it('like the AWS CLI, lets AWS_ACCESS_KEY_ID win over AWS_PROFILE, but not over --profile', async () => {
    const credentialsPath = join(home, 'credentials');
    await writeFile(credentialsPath, '[other]\naws_access_key_id = PROFILEKEY\naws_secret_access_key = x\n');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', credentialsPath);
    vi.stubEnv('AWS_CONFIG_FILE', join(home, 'none'));
    vi.stubEnv('AWS_PROFILE', 'other');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

    const fromEnv = await createAwsContext({ env: process.env, homedir: home });
    expect(await fromEnv.ec2().config.credentials()).toMatchObject({ accessKeyId: 'testing' });
    expect(fromEnv.setup.credentialSource).toBe(
      'environment keys (AWS_ACCESS_KEY_ID, which win over AWS_PROFILE=other as in the AWS CLI)',
    );
    expect(fromEnv.setup).toMatchObject({ profile: 'other', profileSource: 'AWS_PROFILE' });

    const fromFlag = await createAwsContext({ profile: 'other', env: process.env, homedir: home });
    expect(await fromFlag.ec2().config.credentials()).toMatchObject({ accessKeyId: 'PROFILEKEY' });
    expect(fromFlag.setup.credentialSource).toBe('profile other (--profile): keys in the shared files');
    // Neither case is ambiguous for the user, so the SDK's "multiple sources" warning is not shown.
    expect(warn).not.toHaveBeenCalled();
  });
});
