import { spawn } from 'node:child_process';
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
import { SPAWN_BIN } from './_bins.ts';

// Issue 11 "Honest failures" for spawn list and cleanup (they share core's fan-out): every region
// failing exits with the cause's code and an `error` record; some failing is one warning each, exit 0.
const moto = useMoto();
const TWO = ['--regions', 'us-east-1,us-west-2'];
// tinyexec merges process.env, where useMoto put its keys: blank them to have none.
const NO_KEYS = { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };

const spawnCli = (args: string[], env: Record<string, string>) => runBuiltBin(SPAWN_BIN, args, env);

async function viaProxy(rules: FaultRule[]) {
  const proxy = await startFaultProxy({ target: moto.endpoint, rules });
  return { proxy, env: { ...moto.env, AWS_ENDPOINT_URL: proxy.endpoint } };
}

describe('spawn list and cleanup when regions fail', { timeout: 60_000 }, () => {
  beforeAll(() => assertBuilt('core', 'spawn'));

  it.each([['list'], ['cleanup']])(
    '%s: unreachable endpoint in every region → exit 1, NETWORK_ERROR',
    async (cmd) => {
      const r = await spawnCli([cmd, ...TWO], { ...moto.env, AWS_ENDPOINT_URL: await closedPortEndpoint() });
      expect(r.code).toBe(1);
      expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'NETWORK_ERROR' })]);
      expect(r.stderr).toMatch(/All 2 regions failed the same way/);
      expect(r.stderr).not.toMatch(/No spawn-managed instances|nothing to clean up/);
    },
  );

  it.each([['list'], ['cleanup']])('%s: no credentials → exit 3, CREDENTIALS_MISSING', async (cmd) => {
    const r = await spawnCli([cmd, ...TWO], { ...moto.env, ...NO_KEYS });
    expect(r.code).toBe(3);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'CREDENTIALS_MISSING' })]);
  });

  it.each([
    ['list', 'UnauthorizedOperation', 4, 'UNAUTHORIZED_OPERATION', faults.unauthorized()],
    ['cleanup', 'UnauthorizedOperation', 4, 'UNAUTHORIZED_OPERATION', faults.unauthorized()],
    ['list', 'ExpiredToken', 3, 'CREDENTIALS_EXPIRED', faults.expiredToken()],
  ] as const)('%s: every region answers %s → exit %i, %s', async (cmd, _label, code, errorCode, fault) => {
    const { proxy, env } = await viaProxy([{ match: { service: 'ec2' }, fault }]);
    await using _ = proxy;
    const r = await spawnCli([cmd, ...TWO], env);
    expect(r.code).toBe(code);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: errorCode })]);
  });

  it.each([
    ['list', 'denied', faults.unauthorized()],
    ['list', 'socket closed', faults.close()],
    ['cleanup', 'AuthFailure', faults.authFailure()],
  ] as const)('%s: only us-west-2 fails (%s) → exit 0, one warning for it', async (cmd, _label, fault) => {
    const { proxy, env } = await viaProxy([{ match: { region: 'us-west-2' }, fault }]);
    await using _ = proxy;
    const r = await spawnCli([cmd, ...TWO], env);
    expect(r.code).toBe(0);
    expect(r.records.filter((rec) => rec.type === 'error')).toEqual([]);
    // cleanup's schedule scan (issue 13) warns separately ("schedules not checked"); the region
    // scan itself warns once.
    const lines = r.stderr
      .split('\n')
      .filter((l) => l.includes('us-west-2') && !l.includes('schedules not checked'));
    expect(lines).toHaveLength(1);
    expect(r.stderr).toContain(
      cmd === 'list'
        ? 'No spawn-managed instances in us-east-1.'
        : 'No spawn leftovers in us-east-1: nothing to clean up.',
    );
  });

  it('list: a hung region is dropped after --timeout, the other answers', async () => {
    const { proxy, env } = await viaProxy([{ match: { region: 'us-west-2' }, fault: faults.hang() }]);
    await using _ = proxy;
    const started = Date.now();
    const r = await spawnCli(['list', ...TWO, '--timeout', '5'], env);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/us-west-2: AWS did not answer within 5 s/);
  });
});

describe('spawn list: Ctrl-C while AWS hangs', { timeout: 60_000 }, () => {
  beforeAll(() => assertBuilt('core', 'spawn'));

  it('ends at once with exit 130', async () => {
    await using proxy = await startFaultProxy({
      target: moto.endpoint,
      rules: [{ match: {}, fault: faults.hang() }],
    });
    const child = spawn('node', [SPAWN_BIN, 'list', ...TWO], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: '/tmp/spawn-honest-sigint',
        NO_COLOR: '1',
        ...moto.env,
        AWS_ENDPOINT_URL: proxy.endpoint,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (proxy.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(proxy.requests.length).toBeGreaterThan(0);
    const at = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - at).toBeLessThan(5000);
  });
});
