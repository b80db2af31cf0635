import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { type FakeImds, startFakeImds } from '@truffle-spawn/test-utils/fake-imds';
import { type ForwardProxy, startForwardProxy } from '@truffle-spawn/test-utils/forward-proxy';
import { freePort } from '@truffle-spawn/test-utils/free-port';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../tags.ts';
import { describeOwnTags } from '../instance-ec2.ts';
import { ensureSpawndBuilt, makeSandbox, ownEc2, quietProc, startSpawnd } from './spawnd-harness.ts';

// The built spawnd behind an egress proxy, as /etc/spawnd/proxy.env gives it through its unit:
// EC2 (moto, plain http here) only through the proxy, the instance metadata service never.
const moto = useMoto();
let exe: string;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  exe = (await ensureSpawndBuilt()).x64;
}, 600_000);
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const HOUR = 3_600_000;
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function setup(proxyEnv: (proxy: ForwardProxy) => Record<string, string>) {
  const id = await launchTestInstance(new EC2Client({ region: 'us-east-1' }), {
    [TAG.expiresAt]: isoSeconds(Date.now() + HOUR),
  });
  const imds: FakeImds = await startFakeImds({ instanceId: id, region: 'us-east-1' });
  cleanups.push(() => imds.close());
  const proxy = await startForwardProxy();
  cleanups.push(() => proxy.close());
  const sandbox = await makeSandbox();
  cleanups.push(() => sandbox.cleanup());
  const env = {
    ...moto.env,
    ...sandbox.env,
    AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
    ...proxyEnv(proxy),
  };
  return { id, env, dir: sandbox.dir, proxy, imds };
}

function runExe(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(exe, args, { env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('spawnd behind HTTPS_PROXY / HTTP_PROXY (built executable)', () => {
  it('the daemon makes every EC2 call through the proxy and none to IMDS', async () => {
    const { id, env, dir, proxy, imds } = await setup((p) => ({ HTTPS_PROXY: p.url, HTTP_PROXY: p.url }));
    const proc = await quietProc(join(dir, 'proc'));
    cleanups.push(() => proc.stop());
    const daemon = startSpawnd([exe], env);
    cleanups.push(() => daemon.kill9());
    // The heartbeat status tag is an EC2 write: it is there only if the proxied calls worked.
    await expect
      .poll(async () => (await describeOwnTags(ownEc2(), id))[TAG.status], { timeout: 20_000 })
      .toBeDefined();
    const motoCalls = proxy.requests.filter((r) => r.target.startsWith(moto.endpoint));
    expect(motoCalls.length, daemon.stderr()).toBeGreaterThan(0);
    expect(proxy.requests.every((r) => r.method === 'POST' && r.target === `${moto.endpoint}/`)).toBe(true);
    expect(imds.requests).toContain('PUT /latest/api/token');
  });

  it('spawnd extend through the proxy; NO_PROXY for the endpoint goes direct', async () => {
    const viaProxy = await setup((p) => ({ HTTP_PROXY: p.url }));
    const r = await runExe(['extend', '2h'], viaProxy.env);
    expect(r.code, r.stderr).toBe(0);
    expect(viaProxy.proxy.requests.length).toBeGreaterThan(0);

    const { hostname } = new URL(moto.endpoint);
    const direct = await setup((p) => ({ HTTP_PROXY: p.url, NO_PROXY: `.example.com,${hostname}` }));
    const d = await runExe(['extend', '2h'], direct.env);
    expect(d.code, d.stderr).toBe(0);
    expect(direct.proxy.requests).toEqual([]);
  });

  it('a proxy that is down: the daemon log and `spawnd extend` name it, never its password', async () => {
    const dead = `http://spawnd:s3cret@127.0.0.1:${await freePort()}`;
    const { env, dir } = await setup(() => ({ HTTP_PROXY: dead }));
    const r = await runExe(['extend', '2h'], env);
    expect(r.code).toBe(1);
    const named = `proxy http://spawnd:***@127.0.0.1:${new URL(dead).port} (from HTTP_PROXY) could not be reached`;
    expect(r.stderr).toContain(named);
    expect(r.stderr).not.toContain('s3cret');

    const proc = await quietProc(join(dir, 'proc'));
    cleanups.push(() => proc.stop());
    const daemon = startSpawnd([exe], env);
    cleanups.push(() => daemon.kill9());
    await expect.poll(() => daemon.stderr(), { timeout: 20_000 }).toContain(named);
    expect(daemon.stderr()).not.toContain('s3cret');
  });
});
