import type { AwsContext } from '@truffle-spawn/core/aws';
import { describe, expect, it, vi } from 'vitest';
import { useMoto } from '../../../../scripts/test/moto.ts';
import { runSpawn } from './_launch-test-io.ts';

useMoto();

interface Call {
  op: string;
  start: number;
  end: number;
}
const calls: Call[] = [];
let clock = 0;

type Handler = (args: unknown) => Promise<unknown>;
interface MiddlewareHost {
  middlewareStack: {
    add(mw: (next: Handler, context: { commandName?: string }) => Handler, o: object): void;
  };
}

// Record every call's start and end on a shared logical clock via an SDK middleware on the
// clients spawn's own command context hands out (the launch code under test is unchanged).
const instrumented = new WeakSet<object>();
function instrument<T extends object>(client: T): T {
  if (instrumented.has(client)) return client;
  instrumented.add(client);
  (client as unknown as MiddlewareHost).middlewareStack.add(
    (next, context) => async (args) => {
      const call = { op: String(context.commandName).replace(/Command$/, ''), start: clock++, end: -1 };
      calls.push(call);
      try {
        return await next(args);
      } finally {
        call.end = clock++;
      }
    },
    { step: 'initialize', name: 'recordTiming' },
  );
  return client;
}

vi.mock('@truffle-spawn/core/cli-kit', async (importOriginal) => {
  const original = await importOriginal<typeof import('@truffle-spawn/core/cli-kit')>();
  return {
    ...original,
    createCommandContext: (...args: Parameters<typeof original.createCommandContext>) => {
      const ctx = original.createCommandContext(...args);
      const aws = ctx.aws;
      ctx.aws = async () => {
        const real = await aws();
        const wrap =
          <K extends 'ec2' | 'ssm' | 's3' | 'sts' | 'iam' | 'pricing'>(k: K) =>
          (...a: Parameters<AwsContext[K]>) =>
            instrument((real[k] as (...x: unknown[]) => object)(...a));
        return Object.assign(Object.create(real) as AwsContext, {
          ec2: wrap('ec2'),
          ssm: wrap('ssm'),
          s3: wrap('s3'),
          sts: wrap('sts'),
          iam: wrap('iam'),
          pricing: wrap('pricing'),
        });
      };
      return ctx;
    },
  };
});

const LOOKUPS = [
  'GetCallerIdentity',
  'DescribeInstanceTypes',
  'GetParameter',
  'DescribeVpcs',
  'DescribeKeyPairs',
  'GetInstanceProfile',
  'GetProducts',
  'GetObject',
];
const WRITES = ['CreateSecurityGroup', 'AuthorizeSecurityGroupIngress', 'RunInstances'];
const overlaps = (a: Call, b: Call) => a.start < b.end && b.start < a.end;

describe('flags-mode launch: independent lookups run concurrently, writes in order (moto)', () => {
  it('overlaps the lookups and never a write with anything', async () => {
    // An existing key so the key pair lookup has something to find, as on a second launch.
    const home = (await import('./_launch-test-io.ts')).tempHome();
    const { findOrCreateSshKey } = await import('@truffle-spawn/core/launch');
    await findOrCreateSshKey({ homedir: home, platform: 'linux' });
    const run = await runSpawn(
      ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'none'],
      { home },
    );
    expect(run.code, run.stderr).toBe(0);
    // The first call of each lookup (the role is looked up again right before it is created).
    const lookups = LOOKUPS.flatMap((op) => calls.find((c) => c.op === op) ?? []);
    expect(lookups.map((c) => c.op)).toEqual(LOOKUPS);
    const overlapping = lookups.flatMap((a) =>
      lookups.filter((b) => a !== b && overlaps(a, b)).map((b) => `${a.op}|${b.op}`),
    );
    expect(overlapping.length, 'pairs of lookups in flight together').toBeGreaterThan(0);
    // Every independent lookup starts before the first one ends: they are issued at once (the AMI
    // parameter waits for the type's architecture, so it is the one exception).
    const independent = lookups.filter((c) => c.op !== 'GetParameter');
    const firstEnd = Math.min(...independent.map((c) => c.end));
    for (const c of independent) expect(c.start, c.op).toBeLessThan(firstEnd);
    // Writes: each starts after everything before it has ended.
    const writes = calls.filter((c) => WRITES.includes(c.op));
    expect(writes.map((c) => c.op)).toEqual(WRITES);
    for (const w of writes) {
      for (const other of calls.filter((c) => c !== w))
        expect(overlaps(w, other), `${w.op} vs ${other.op}`).toBe(false);
    }
  });
});
