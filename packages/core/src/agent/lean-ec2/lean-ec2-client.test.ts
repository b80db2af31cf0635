import { EC2Client } from '@aws-sdk/client-ec2';
import { launchTestInstance as launchInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it, vi } from 'vitest';
import { translateAwsError } from '../../aws/translate-aws-error.ts';
import { TAG } from '../../tags.ts';
import { describeOwnTags, endInstance, setOwnTag } from '../instance-ec2.ts';
import { writeOwnTagChanges } from '../own-ttl-tags.ts';
import { createLeanEc2Client, ec2Endpoint } from './lean-ec2-client.ts';

const noRole = { roleCredentials: async () => undefined };
const env = { AWS_ACCESS_KEY_ID: 'AKID', AWS_SECRET_ACCESS_KEY: 'SECRET' };

describe('createLeanEc2Client (fake fetch)', () => {
  it('POSTs a signed form with Action and Version to the endpoint', async () => {
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response('<ok/>'));
    const ec2 = createLeanEc2Client({ region: 'eu-west-1', env, imds: noRole, fetch, now: () => 0 });
    expect(await ec2.send('TerminateInstances', { 'InstanceId.1': 'i-1' })).toBe('<ok/>');
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe('https://ec2.eu-west-1.amazonaws.com/');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('Action=TerminateInstances&Version=2016-11-15&InstanceId.1=i-1');
    const headers = init?.headers as Record<string, string>;
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/19700101\/eu-west-1\/ec2\/aws4_request, /,
    );
    expect(headers.host).toBeUndefined();
  });

  it('rejects with an Error named after the AWS code, which translateAwsError understands', async () => {
    const body =
      '<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>denied</Message></Error></Errors><RequestID>r-1</RequestID></Response>';
    const fetch = async () => new Response(body, { status: 403 });
    const ec2 = createLeanEc2Client({ region: 'us-east-1', env, imds: noRole, fetch });
    const error = await ec2.send('CreateTags', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('UnauthorizedOperation');
    expect((error as Error).message).toBe('denied');
    expect(translateAwsError(error).code).toBe(
      translateAwsError(Object.assign(new Error('x'), { name: 'UnauthorizedOperation' })).code,
    );
    expect(translateAwsError(error).details?.awsErrorName).toBe('UnauthorizedOperation');
  });

  it('takes role credentials from IMDS when the environment has none, cached until 5 min before expiry', async () => {
    let clock = Date.parse('2030-01-01T00:00:00Z');
    const roleCredentials = vi.fn(async () => ({
      accessKeyId: `ASIA${roleCredentials.mock.calls.length}`,
      secretAccessKey: 's',
      sessionToken: 'tok',
      expiration: Date.parse('2030-01-01T01:00:00Z'),
    }));
    const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response('<ok/>'));
    const ec2 = createLeanEc2Client({
      region: 'us-east-1',
      env: {},
      imds: { roleCredentials },
      fetch,
      now: () => clock,
    });
    await ec2.send('DescribeTags', {});
    clock = Date.parse('2030-01-01T00:54:00Z');
    await ec2.send('DescribeTags', {});
    expect(roleCredentials).toHaveBeenCalledTimes(1);
    clock = Date.parse('2030-01-01T00:56:00Z');
    await ec2.send('DescribeTags', {});
    expect(roleCredentials).toHaveBeenCalledTimes(2);
    const headers = fetch.mock.calls[2]?.[1]?.headers as Record<string, string>;
    expect(headers['x-amz-security-token']).toBe('tok');
    expect(headers.authorization).toContain('Credential=ASIA2/');
  });

  it('picks the EC2 endpoint variable, then the global one, then AWS', () => {
    expect(ec2Endpoint('us-west-2', { AWS_ENDPOINT_URL_EC2: 'http://a', AWS_ENDPOINT_URL: 'http://b' })).toBe(
      'http://a',
    );
    expect(ec2Endpoint('us-west-2', { AWS_ENDPOINT_URL: 'http://b' })).toBe('http://b');
    expect(ec2Endpoint('us-west-2', {})).toBe('https://ec2.us-west-2.amazonaws.com');
  });
});

describe('createLeanEc2Client against moto (the Query API wire format)', () => {
  useMoto();
  const lean = () => createLeanEc2Client({ region: 'us-east-1', env: process.env, imds: noRole });

  it('reads, writes, deletes tags and stops the instance the way the SDK sees them', async () => {
    const sdk = new EC2Client({ region: 'us-east-1' });
    const id = await launchInstance(sdk, { [TAG.expiresAt]: '2030-01-01T00:00:00Z', Name: 'a & <b>' });
    expect(await describeOwnTags(lean(), id)).toMatchObject({
      [TAG.expiresAt]: '2030-01-01T00:00:00Z',
      Name: 'a & <b>',
    });
    await setOwnTag(lean(), id, TAG.status, 'x=1 y');
    await writeOwnTagChanges(lean(), id, { set: { [TAG.ttlRemaining]: '2h' }, remove: [TAG.expiresAt] });
    const tags = await describeOwnTags(lean(), id);
    expect(tags[TAG.status]).toBe('x=1 y');
    expect(tags[TAG.ttlRemaining]).toBe('2h');
    expect(tags[TAG.expiresAt]).toBeUndefined();
    await endInstance(lean(), id, 'stop');
    await endInstance(lean(), id, 'terminate');
  });

  it('an unknown instance fails with the AWS error code as the name', async () => {
    const error = await endInstance(lean(), 'i-0000000000000dead', 'terminate').catch((e: unknown) => e);
    expect((error as Error).name).toBe('InvalidInstanceID.NotFound');
  });
});

describe('a black-holed EC2 endpoint (accepts, never answers)', () => {
  it("spawnd's client gives up after its short timeout, not the SDK's minutes", async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as import('node:net').AddressInfo;
    const { createAgentEc2Client, AGENT_EC2_TIMEOUT_MS } = await import('../agent-ec2-client.ts');
    expect(AGENT_EC2_TIMEOUT_MS).toBeLessThanOrEqual(5000);
    const ec2 = createAgentEc2Client('us-east-1', {
      env: { ...env, AWS_ENDPOINT_URL_EC2: `http://127.0.0.1:${port}` },
      imds: noRole,
      timeoutMs: 300,
    });
    const started = Date.now();
    const error = await ec2.send('DescribeTags', {}).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(String((error as Error).name)).toMatch(/Abort|Timeout/);
    for (const s of sockets) s.destroy();
    server.close();
  });
});
