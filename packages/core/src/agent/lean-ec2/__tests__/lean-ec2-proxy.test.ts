import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { type ForwardProxy, startForwardProxy } from '@truffle-spawn/test-utils/forward-proxy';
import { freePort } from '@truffle-spawn/test-utils/free-port';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translateAwsError } from '../../../aws/translate-aws-error.ts';
import { createAgentEc2Client } from '../../agent-ec2-client.ts';
import { createLeanEc2Client } from '../lean-ec2-client.ts';
import { createProxiedFetch } from '../proxy-fetch.ts';

// spawnd's lean EC2 client behind an egress proxy (packages/test-utils forward-proxy): plain
// forwarding to moto over http, a CONNECT tunnel to an https endpoint (a local TLS server with a
// self-signed certificate in front of moto), credentials, NO_PROXY and a refusing proxy.
const moto = useMoto();
const noRole = { roleCredentials: async () => undefined };
const keys = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
let proxy: ForwardProxy;
let id: string;
beforeAll(async () => {
  proxy = await startForwardProxy();
});
afterAll(() => proxy.close());
afterEach(() => {
  proxy.requests.length = 0;
});

async function instanceIdIn(xml: string) {
  return /<instanceId>(i-[0-9a-f]+)<\/instanceId>/.exec(xml)?.[1];
}

async function launch() {
  id = await launchTestInstance(new EC2Client({ region: 'us-east-1' }), { Name: 'proxied' });
  return id;
}

describe('lean EC2 client through HTTP_PROXY (http endpoint)', () => {
  it('forwards the signed call through the proxy, with its credentials as Proxy-Authorization', async () => {
    await launch();
    const url = new URL(proxy.url);
    url.username = 'spawnd';
    url.password = 'p@ss';
    const ec2 = createLeanEc2Client({
      region: 'us-east-1',
      imds: noRole,
      env: { ...keys, AWS_ENDPOINT_URL: moto.endpoint, HTTP_PROXY: url.href },
    });
    const xml = await ec2.send('DescribeInstances', { 'InstanceId.1': id });
    expect(await instanceIdIn(xml)).toBe(id);
    expect(proxy.requests).toEqual([
      {
        method: 'POST',
        target: `${moto.endpoint}/`,
        proxyAuthorization: `Basic ${Buffer.from('spawnd:p@ss').toString('base64')}`,
      },
    ]);
  });

  it('goes direct when NO_PROXY names the endpoint', async () => {
    await launch();
    const { hostname, port } = new URL(moto.endpoint);
    const ec2 = createLeanEc2Client({
      region: 'us-east-1',
      imds: noRole,
      env: {
        ...keys,
        AWS_ENDPOINT_URL: moto.endpoint,
        http_proxy: proxy.url,
        NO_PROXY: `example.com,${hostname}:${port}`,
      },
    });
    expect(await instanceIdIn(await ec2.send('DescribeInstances', { 'InstanceId.1': id }))).toBe(id);
    expect(proxy.requests).toEqual([]);
  });

  it('HTTPS_PROXY alone does not catch an http endpoint', async () => {
    await launch();
    const ec2 = createLeanEc2Client({
      region: 'us-east-1',
      imds: noRole,
      env: { ...keys, AWS_ENDPOINT_URL: moto.endpoint, HTTPS_PROXY: proxy.url },
    });
    await ec2.send('DescribeInstances', { 'InstanceId.1': id });
    expect(proxy.requests).toEqual([]);
  });

  it('a proxy nobody listens on fails with an error naming it, password hidden', async () => {
    const dead = `http://spawnd:s3cret@127.0.0.1:${await freePort()}`;
    const ec2 = createAgentEc2Client('us-east-1', {
      imds: noRole,
      env: { ...keys, AWS_ENDPOINT_URL: moto.endpoint, HTTP_PROXY: dead },
    });
    const error = (await ec2.send('DescribeInstances', {}).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(
      `proxy ${dead.replace('s3cret', '***')} (from HTTP_PROXY) could not be reached`,
    );
    expect(error.message).not.toContain('s3cret');
    expect(translateAwsError(error).code).toBe('NETWORK_ERROR');
  });
});

describe('lean EC2 client through HTTPS_PROXY (https endpoint, CONNECT tunnel)', () => {
  let tls: { endpoint: string; ca: string; close(): void };
  beforeAll(async () => {
    tls = await startTlsFrontForMoto(moto.endpoint);
  });
  afterAll(() => tls.close());

  it('tunnels with CONNECT and verifies the endpoint certificate through the tunnel', async () => {
    await launch();
    const env = {
      ...keys,
      AWS_ENDPOINT_URL: tls.endpoint,
      HTTPS_PROXY: proxy.url,
      HTTP_PROXY: 'http://127.0.0.1:9',
    };
    const fetch = createProxiedFetch(env, { ca: tls.ca });
    const ec2 = createLeanEc2Client({ region: 'us-east-1', imds: noRole, env, fetch });
    expect(await instanceIdIn(await ec2.send('DescribeInstances', { 'InstanceId.1': id }))).toBe(id);
    const { host } = new URL(tls.endpoint);
    expect(proxy.requests).toEqual([{ method: 'CONNECT', target: host }]);
  });

  it('an untrusted certificate behind the tunnel still fails (TLS is end to end)', async () => {
    const ec2 = createLeanEc2Client({
      region: 'us-east-1',
      imds: noRole,
      env: { ...keys, AWS_ENDPOINT_URL: tls.endpoint, HTTPS_PROXY: proxy.url },
    });
    await expect(ec2.send('DescribeInstances', {})).rejects.toThrow(/self.signed|certificate/i);
    expect(proxy.requests.map((r) => r.method)).toEqual(['CONNECT']);
  });

  it('a proxy that refuses CONNECT fails with an error naming the proxy and the refusal', async () => {
    await using refusing = await startForwardProxy({ refuseConnect: true });
    const ec2 = createAgentEc2Client('us-east-1', {
      imds: noRole,
      env: { ...keys, AWS_ENDPOINT_URL: 'https://ec2.us-east-1.amazonaws.com', HTTPS_PROXY: refusing.url },
    });
    const error = (await ec2.send('DescribeInstances', {}).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(
      `proxy ${refusing.url} (from HTTPS_PROXY) refused CONNECT ec2.us-east-1.amazonaws.com:443 (HTTP 502 Bad Gateway)`,
    );
    expect(error.message).toContain('ec2.us-east-1.amazonaws.com:443');
    expect(refusing.requests).toEqual([{ method: 'CONNECT', target: 'ec2.us-east-1.amazonaws.com:443' }]);
  });
});

/** An https server for 127.0.0.1 (self-signed, SAN IP) that relays every request to moto. */
async function startTlsFrontForMoto(motoEndpoint: string) {
  const dir = mkdtempSync(join(tmpdir(), 'lean-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const key = readFileSync(join(dir, 'key.pem'), 'utf8');
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const server: Server = createHttpsServer({ key, cert }, (req, res) => {
      const upstream = httpRequest(
        new URL(req.url ?? '/', motoEndpoint),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return { endpoint: `https://localhost:${port}`, ca: cert, close: () => server.close() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
