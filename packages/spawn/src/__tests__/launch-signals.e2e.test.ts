import { assertBuilt } from '@truffle-spawn/test-utils/built';
import {
  type FaultProxy,
  type FaultRule,
  faults,
  startFaultProxy,
} from '@truffle-spawn/test-utils/fault-proxy';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { judge, LAUNCH_ARGS, ownLeftovers, STACK } from './_fault-harness.ts';
import { inventory } from './_inventory.ts';
import { holdAndNotify, SIGNAL_CODES, type SignalName, startSpawn } from './_signal-harness.ts';

/**
 * Issue 12, signals: the built spawn bin as a child process against moto behind the fault proxy.
 * A call is held on the wire (never answered) so the signal lands while it is in flight, at each
 * moment of a launch. Every run must exit with the signal's documented code, print no stack
 * trace, and leave none of the launch's own resources (shared ones stay usable).
 */
const moto = useMoto();
const SIGNALS: SignalName[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/**
 * A child run takes 3-20 s on a loaded machine, so the suite sends one signal per moment, the
 * three taking turns; SPAWN_SIGNAL_MATRIX=full sends each of them at each moment.
 */
const FULL = process.env.SPAWN_SIGNAL_MATRIX === 'full';
const signalsFor = (turn: number): SignalName[] =>
  FULL ? SIGNALS : [SIGNALS[turn % SIGNALS.length] ?? 'SIGINT'];
const SLOW = 120_000;
let proxy: FaultProxy | undefined;
beforeAll(() => assertBuilt('core', 'spawn'));
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function launchWithHeld(
  signal: SignalName,
  hold: (onSeen: () => void) => FaultRule,
  extra: FaultRule[] = [],
  args: string[] = ['--wait', 'running'],
) {
  let fire = () => {};
  proxy = await startFaultProxy({
    target: moto.endpoint,
    maxHangMs: 30_000,
    rules: [hold(() => fire()), ...extra],
  });
  const child = startSpawn([...LAUNCH_ARGS, ...args, '-o', 'ndjson'], {
    ...moto.env,
    AWS_ENDPOINT_URL: proxy.endpoint,
  });
  // The call reached the proxy: let it sit on the wire a moment, then signal.
  fire = () => setTimeout(() => child.send(signal), 150);
  return { child, run: await child.done };
}

const MOMENTS: { moment: string; hold: (onSeen: () => void) => FaultRule }[] = [
  {
    moment: 'during preparation (a lookup in flight)',
    hold: (seen) => holdAndNotify({ service: 'sts', action: 'GetCallerIdentity' }, seen),
  },
  {
    moment: 'while the security group is being created',
    hold: (seen) => holdAndNotify({ action: 'AuthorizeSecurityGroupIngress' }, seen),
  },
  {
    moment: 'during RunInstances',
    hold: (seen) => holdAndNotify({ action: 'RunInstances' }, seen),
  },
  {
    moment: 'during the wait for running',
    hold: (seen) => holdAndNotify({ action: 'DescribeInstances' }, seen),
  },
];

describe('a signal at each moment of a launch (built bin, moto, fault proxy)', () => {
  for (const [turn, { moment, hold }] of MOMENTS.entries()) {
    for (const signal of signalsFor(turn)) {
      it(
        `${signal} ${moment}: rolls back once, exits ${SIGNAL_CODES[signal]}, leaves nothing of its own`,
        async () => {
          const { run } = await launchWithHeld(signal, hold);
          expect(run.code, run.stderr).toBe(SIGNAL_CODES[signal]);
          expect(run.stderr).toContain('Interrupted');
          expect(run.stderr).not.toMatch(STACK);
          expect(run.records.at(-1)).toMatchObject({ type: 'error', code: 'INTERRUPTED' });
          const verdict = await judge(run, moment, signal);
          expect(verdict.left, run.stderr).toEqual([]);
          expect(verdict.shared, run.stderr).toEqual([]);
        },
        SLOW,
      );
    }
  }

  it(
    'SIGTERM while RunInstances reached AWS but its answer is late: the instance is found and terminated',
    async () => {
      const { run } = await launchWithHeld('SIGTERM', (seen) => ({
        match: (r) => {
          if (r.action !== 'RunInstances') return false;
          seen();
          return true;
        },
        fault: faults.late(5000),
      }));
      expect(run.code, run.stderr).toBe(143);
      expect(run.stderr).not.toMatch(STACK);
      expect(await ownLeftovers(), run.stderr).toEqual([]);
    },
    SLOW,
  );
});

describe('signals during the rollback (built bin)', () => {
  /** The wait for running is held; the first signal starts the rollback, whose TerminateInstances answers late. */
  async function rollbackInFlight(signal: SignalName, extraSignals: number) {
    let child: ReturnType<typeof startSpawn> | undefined;
    proxy = await startFaultProxy({
      target: moto.endpoint,
      maxHangMs: 30_000,
      rules: [
        holdAndNotify({ action: 'DescribeInstances' }, () => setTimeout(() => child?.send(signal), 150)),
        {
          match: (r) => {
            if (r.action !== 'TerminateInstances') return false;
            setTimeout(() => {
              for (let i = 0; i < extraSignals; i++) setTimeout(() => child?.send('SIGINT'), 100 + i * 300);
            }, 0);
            return true;
          },
          calls: [1],
          fault: faults.delay(2500),
        },
      ],
    });
    child = startSpawn([...LAUNCH_ARGS, '--wait', 'running', '-o', 'ndjson'], {
      ...moto.env,
      AWS_ENDPOINT_URL: proxy.endpoint,
    });
    return child.done;
  }

  for (const signal of signalsFor(2)) {
    it(
      `${signal}, then Ctrl-C during the rollback: warns what would be left and finishes the rollback`,
      async () => {
        const run = await rollbackInFlight(signal, 1);
        expect(run.stderr).toMatch(/rolling back, press Ctrl-C again to abandon \(leaves: .*instance i-\w+/);
        expect(run.code, run.stderr).toBe(SIGNAL_CODES[signal]);
        expect(run.stderr).not.toMatch(STACK);
        expect(run.stderr).toMatch(/deleted instance i-\w+/);
        expect(await ownLeftovers(), run.stderr).toEqual([]);
      },
      SLOW,
    );
  }

  it(
    'a third signal abandons the rollback at once and lists what is left',
    async () => {
      const run = await rollbackInFlight('SIGINT', 2);
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).toMatch(/Abandoned the rollback\. Left behind: .*instance i-\w+/);
      expect(run.stderr).not.toMatch(STACK);
      // What it names is exactly what the account still has of this launch (TerminateInstances was
      // on the wire and lands after the exit, so the instance may be gone or going).
      const left = await ownLeftovers();
      for (const r of left.filter((x) => !x.startsWith('instance ')))
        expect(run.stderr).toContain(r.split(' ').pop());
    },
    SLOW,
  );
});

describe('a signal while waiting for SSH (built bin)', () => {
  for (const signal of signalsFor(1)) {
    it(
      `${signal} keeps the running instance, says how to end it and that its TTL applies, exits ${SIGNAL_CODES[signal]}`,
      async () => {
        proxy = await startFaultProxy({ target: moto.endpoint });
        // Nothing listens on port 9 of loopback: SSH never answers.
        const child = startSpawn([...LAUNCH_ARGS, '--wait', 'ssh', '--ttl', '2h', '-o', 'ndjson'], {
          ...moto.env,
          AWS_ENDPOINT_URL: proxy.endpoint,
          SPAWN_SSH_PROBE: '127.0.0.1:9',
          SPAWN_SSH_TIMEOUT: '60s',
        });
        await child.waitFor('Waiting for SSH');
        child.send(signal);
        const run = await child.done;
        expect(run.code, run.stderr).toBe(SIGNAL_CODES[signal]);
        expect(run.stderr).not.toMatch(STACK);
        expect(run.stderr).not.toContain('deleting what this run created');
        const launched = run.records.find((r) => r.type === 'launched');
        expect(launched?.instanceId).toMatch(/^i-/);
        expect(run.stderr).toContain(`spawn terminate ${String(launched?.instanceId)}`);
        expect(run.stderr).toMatch(/TTL still applies/);
        const inv = await inventory();
        expect(inv.instances.map((i) => i.InstanceId)).toEqual([launched?.instanceId]);
      },
      SLOW,
    );
  }
});
