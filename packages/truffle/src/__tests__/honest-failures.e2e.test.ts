import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import {
  closedPortEndpoint,
  type FaultRule,
  faults,
  startFaultProxy,
} from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { runBuiltBin } from '@truffle-spawn/test-utils/run-built-bin';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from './_run-truffle.ts';

// Issue 11 "Honest failures": when every region failed, truffle exits with the cause's code from
// the exit-code table and an `error` record, never "no match" with 0; when some regions failed, the
// others' results come out, one warning per failed region on stderr, exit 0. Faults come from the
// fault proxy in front of moto, or a closed port (unreachable endpoint).
const BIN = fileURLToPath(new URL('../../bin/truffle.cjs', import.meta.url));
const moto = useMoto();

const truffle = (args: string[], env: Record<string, string>, home = tempHome()) =>
  runBuiltBin(BIN, args, env, home);

async function viaProxy(rules: FaultRule[]) {
  const proxy = await startFaultProxy({ target: moto.endpoint, rules });
  return { proxy, env: { ...moto.env, AWS_ENDPOINT_URL: proxy.endpoint } };
}

const TWO = ['--region', 'us-east-1,us-west-2'];
// tinyexec merges process.env, where useMoto put its keys: blank them to have none.
const NO_KEYS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
const warnings = (stderr: string, region: string) =>
  stderr.split('\n').filter((l) => l.includes(region) && !/On-demand prices|Live prices/.test(l));

describe('truffle: every region failed → the cause and its exit code', { timeout: 60_000 }, () => {
  beforeAll(() => assertBuilt('core', 'truffle'));

  it('search with an unreachable endpoint exits 1 with NETWORK_ERROR, not "no match"', async () => {
    const r = await truffle(['search', 'm7i.large', ...TWO], {
      ...moto.env,
      AWS_ENDPOINT_URL: await closedPortEndpoint(),
    });
    expect(r.code).toBe(1);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'NETWORK_ERROR' })]);
    expect(r.stderr).toMatch(/All 2 regions failed the same way; us-east-1: Could not reach AWS/);
    expect(r.stderr).not.toMatch(/No instance type matches|Did you mean/);
  });

  it('search with access denied everywhere exits 4 naming the action', async () => {
    const { proxy, env } = await viaProxy([{ match: { service: 'ec2' }, fault: faults.unauthorized() }]);
    await using _ = proxy;
    const r = await truffle(['search', 'm7i.large', ...TWO], env);
    expect(r.code).toBe(4);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'UNAUTHORIZED_OPERATION' })]);
    expect(r.stderr).toMatch(/not allowed to call/);
  });

  it('search with expired credentials (SSO token) exits 3', async () => {
    const { proxy, env } = await viaProxy([{ match: {}, fault: faults.expiredToken() }]);
    await using _ = proxy;
    const r = await truffle(['search', 'm7i.large', ...TWO], env);
    expect(r.code).toBe(3);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'CREDENTIALS_EXPIRED' })]);
  });

  it('search with a profile that has no credentials exits 3 with CREDENTIALS_MISSING', async () => {
    const home = tempHome();
    mkdirSync(join(home, '.aws'));
    // A configured profile (so truffle goes live) whose chain yields no credentials.
    writeFileSync(join(home, '.aws', 'config'), '[profile empty]\nregion = us-east-1\n');
    const noKeys = { ...moto.env, ...NO_KEYS };
    const r = await truffle(['search', 'm7i.large', '--profile', 'empty', ...TWO], noKeys, home);
    expect(r.code).toBe(3);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'CREDENTIALS_MISSING' })]);
  });

  it('az with an unreachable endpoint exits 1', async () => {
    const r = await truffle(['az', 'm7i.large', ...TWO], {
      ...moto.env,
      AWS_ENDPOINT_URL: await closedPortEndpoint(),
    });
    expect(r.code).toBe(1);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'NETWORK_ERROR' })]);
  });

  it('spot, capacity and quotas with access denied everywhere exit 4', async () => {
    const { proxy, env } = await viaProxy([{ match: {}, fault: faults.unauthorized() }]);
    await using _ = proxy;
    for (const args of [['spot', 'm7i.large'], ['capacity'], ['quotas']]) {
      const r = await truffle([...args, ...TWO], env);
      expect({ args, code: r.code }).toEqual({ args, code: 4 });
      expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'UNAUTHORIZED_OPERATION' })]);
    }
  });

  it('spot with an unreachable endpoint exits 1, and without credentials exits 3', async () => {
    const down = await truffle(['spot', 'm7i.large', ...TWO], {
      ...moto.env,
      AWS_ENDPOINT_URL: await closedPortEndpoint(),
    });
    expect(down.code).toBe(1);
    expect(down.records).toEqual([expect.objectContaining({ type: 'error', code: 'NETWORK_ERROR' })]);
    const noKeys = { ...moto.env, ...NO_KEYS };
    const none = await truffle(['spot', 'm7i.large', ...TWO], noKeys);
    expect(none.code).toBe(3);
    expect(none.records).toEqual([expect.objectContaining({ type: 'error', code: 'CREDENTIALS_MISSING' })]);
  });
});

describe('truffle: some regions failed → the others answer, one warning per failed region, exit 0', {
  timeout: 60_000,
}, () => {
  beforeAll(() => assertBuilt('core', 'truffle'));

  it.each([
    ['access denied', faults.unauthorized()],
    ['credentials rejected (region not enabled)', faults.authFailure()],
    ['unreachable (socket closed)', faults.close()],
    ['server error', faults.serverError()],
  ])('search: us-west-2 %s', async (_, fault) => {
    const { proxy, env } = await viaProxy([{ match: { region: 'us-west-2' }, fault }]);
    await using _p = proxy;
    const r = await truffle(['search', 'm7i.large', ...TWO], env);
    expect(r.code).toBe(0);
    expect(r.records.map((o) => [o.type, o.region])).toEqual([['offer', 'us-east-1']]);
    expect(warnings(r.stderr, 'us-west-2')).toHaveLength(1);
  });

  it('spot: us-west-2 denied → us-east-1 prices, one warning', async () => {
    const { proxy, env } = await viaProxy([
      { match: { region: 'us-west-2', service: 'ec2' }, fault: faults.unauthorized() },
    ]);
    await using _ = proxy;
    const r = await truffle(['spot', 'm7i.large', ...TWO], env);
    expect(r.code).toBe(0);
    expect(new Set(r.records.map((o) => o.region))).toEqual(new Set(['us-east-1']));
    expect(warnings(r.stderr, 'us-west-2')).toHaveLength(1);
  });

  it('az: us-west-2 denied → us-east-1 only, one warning', async () => {
    const { proxy, env } = await viaProxy([{ match: { region: 'us-west-2' }, fault: faults.unauthorized() }]);
    await using _ = proxy;
    const r = await truffle(['az', 'm7i.large', ...TWO], env);
    expect(r.code).toBe(0);
    expect(r.records.map((o) => [o.type, o.region])).toEqual([['offer', 'us-east-1']]);
    expect(warnings(r.stderr, 'us-west-2')).toHaveLength(1);
  });

  it('a hung region fails within --timeout and the other answers (not 150 s)', async () => {
    const { proxy, env } = await viaProxy([{ match: { region: 'us-west-2' }, fault: faults.hang() }]);
    await using _ = proxy;
    const started = Date.now();
    const r = await truffle(['search', 'm7i.large', ...TWO, '--timeout', '5'], env);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(r.code).toBe(0);
    expect(r.records.map((o) => [o.type, o.region])).toEqual([['offer', 'us-east-1']]);
    expect(warnings(r.stderr, 'us-west-2')).toEqual([expect.stringMatching(/did not answer within 5 s/)]);
  });

  it('every region hung: exit 1 with TIMEOUT within --timeout', async () => {
    const { proxy, env } = await viaProxy([
      { match: { action: 'DescribeInstanceTypeOfferings' }, fault: faults.hang() },
    ]);
    await using _ = proxy;
    const started = Date.now();
    const r = await truffle(['search', 'm7i.large', ...TWO, '--timeout', '1.5'], env);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(r.code).toBe(1);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'TIMEOUT' })]);
  });

  it('--timeout rejects nonsense with exit 2', async () => {
    const r = await truffle(['search', 'm7i.large', '--timeout', '0'], moto.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--timeout/);
  });
});

describe('truffle: Ctrl-C while AWS hangs', { timeout: 60_000 }, () => {
  beforeAll(() => assertBuilt('core', 'truffle'));

  it.each([
    [['search', 'm7i.large', ...TWO]],
    [['az', 'm7i.large', ...TWO]],
    [['spot', 'm7i.large', ...TWO]],
  ])('%j ends at once with exit 130', async (args) => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: {}, fault: faults.hang() }],
    });
    const home = tempHome();
    const child = spawn('node', [BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: home,
        XDG_CACHE_HOME: `${home}/cache`,
        NO_COLOR: '1',
        ...moto.env,
        AWS_ENDPOINT_URL: proxy.endpoint,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until a request hangs at the proxy: the command is then blocked on AWS.
    const deadline = Date.now() + 20_000;
    while (proxy.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(proxy.requests.length).toBeGreaterThan(0);
    const at = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - at).toBeLessThan(5000);
  });
});
