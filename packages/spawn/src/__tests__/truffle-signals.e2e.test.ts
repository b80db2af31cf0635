import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { type FaultProxy, startFaultProxy } from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TRUFFLE_BIN } from './_bins.ts';
import { STACK } from './_fault-harness.ts';
import { tempHome } from './_launch-test-io.ts';
import { SIGNAL_CODES, type SignalName } from './_signal-harness.ts';

/**
 * truffle only reads, so any signal ends it at once with the signal's code (issue 12): here while
 * its AWS call hangs on the wire (held by the fault proxy), which without the handler would last
 * until the request timeout.
 */
const moto = useMoto();
let proxy: FaultProxy | undefined;
beforeAll(() => assertBuilt('core', 'truffle'));
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

describe('truffle on a signal (built bin, every call held)', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as SignalName[]) {
    it(`${signal}: truffle az exits ${SIGNAL_CODES[signal]} at once, without a stack`, async () => {
      let sent = 0;
      let child: ReturnType<typeof spawn> | undefined;
      proxy = await startFaultProxy({
        target: moto.endpoint,
        maxHangMs: 60_000,
        rules: [
          {
            match: () => {
              if (sent++ === 0) setTimeout(() => child?.kill(signal), 150);
              return true;
            },
            fault: { kind: 'hang' },
          },
        ],
      });
      const home = tempHome();
      child = spawn(
        process.execPath,
        [TRUFFLE_BIN, 'az', 't3.micro', '--region', 'us-east-1', '--no-cache'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            HOME: home,
            XDG_CACHE_HOME: join(home, 'cache'),
            ...moto.env,
            AWS_ENDPOINT_URL: proxy.endpoint,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => {
        stderr += b.toString();
      });
      const started = Date.now();
      const code = await new Promise<number | null>((resolve) => child?.on('close', (c) => resolve(c)));
      expect(sent, 'an AWS call reached the proxy').toBeGreaterThan(0);
      expect(code, stderr).toBe(SIGNAL_CODES[signal]);
      expect(stderr).not.toMatch(STACK);
      // Far below the 20 s request timeout: the signal ended it, not a timeout.
      expect(Date.now() - started).toBeLessThan(15_000);
    }, 60_000);
  }
});
