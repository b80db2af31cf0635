import type { AwsContext } from '@truffle-spawn/core/aws';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it, vi } from 'vitest';
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
  'GetParameters',
  'DescribeVpcs',
  'DescribeKeyPairs',
  'GetInstanceProfile',
  'GetProducts',
  'GetObject',
];
const IAM_WRITES = ['CreateRole', 'PutRolePolicy', 'CreateInstanceProfile', 'AddRoleToInstanceProfile'];
const SG_WRITES = ['CreateSecurityGroup', 'AuthorizeSecurityGroupIngress'];
const overlaps = (a: Call, b: Call) => a.start < b.end && b.start < a.end;
const inOrder = (chain: Call[]) => chain.every((c, i) => i === 0 || (chain[i - 1]?.end ?? 0) < c.start);

describe('flags-mode launch: lookups concurrently, independent writes concurrently, then the instance (moto)', () => {
  it('overlaps the lookups, then the role and security group chains, and runs the instance alone', async () => {
    // An existing key so the key pair lookup has something to find, as on a second launch; the
    // spawnd role does not exist yet, as on an account's first launch.
    const home = (await import('./_launch-test-io.ts')).tempHome();
    const { findOrCreateSshKey } = await import('@truffle-spawn/core/launch');
    await findOrCreateSshKey({ homedir: home, platform: 'linux' });
    const run = await runSpawn(
      ['--instance-type', 't3.micro', '--yes', '--ssh-cidr', '203.0.113.7/32', '--wait', 'none'],
      { home },
    );
    expect(run.code, run.stderr).toBe(0);
    // Each lookup is made once (the role's answer is reused when the role is created).
    expect(calls.filter((c) => c.op === 'GetInstanceProfile')).toHaveLength(1);
    const lookups = LOOKUPS.flatMap((op) => calls.find((c) => c.op === op) ?? []);
    expect(lookups.map((c) => c.op)).toEqual(LOOKUPS);
    const overlapping = lookups.flatMap((a) =>
      lookups.filter((b) => a !== b && overlaps(a, b)).map((b) => `${a.op}|${b.op}`),
    );
    expect(overlapping.length, 'pairs of lookups in flight together').toBeGreaterThan(0);
    // Every independent lookup starts before the first one ends: they are issued at once (the AMI
    // parameters too: all candidates in one call, before the type's architecture is known).
    const independent = lookups;
    const firstEnd = Math.min(...independent.map((c) => c.end));
    for (const c of independent) expect(c.start, c.op).toBeLessThan(firstEnd);

    // Nothing is created before every lookup is done (the plan is shown first). The live price and
    // the spawnd checksums are best effort: after 5 s the plan goes on without them (a loaded CI
    // machine got there once), so a call of theirs may still be in flight; it does not count.
    const BEST_EFFORT = ['GetProducts', 'GetObject'];
    const settled = calls.filter((c) => !BEST_EFFORT.includes(c.op));
    const lastLookupEnd = Math.max(...settled.filter((c) => LOOKUPS.includes(c.op)).map((c) => c.end));
    const writes = calls.filter((c) => [...IAM_WRITES, ...SG_WRITES, 'RunInstances'].includes(c.op));
    for (const w of writes) expect(w.start, w.op).toBeGreaterThan(lastLookupEnd);
    // Each chain keeps its own order, and the chains are in flight together. Both roles (spawnd's
    // and the cloud backstop's scheduler role, issue 13) are made before the instance, each in two
    // rounds: the CreateRoles with CreateInstanceProfile, then the policies with the attachment.
    const runStart = calls.find((c) => c.op === 'RunInstances')?.start ?? Number.POSITIVE_INFINITY;
    const iam = calls.filter((c) => IAM_WRITES.includes(c.op) && c.start < runStart);
    const sg = calls.filter((c) => SG_WRITES.includes(c.op));
    expect(iam.map((c) => c.op).sort()).toEqual([
      'AddRoleToInstanceProfile',
      'CreateInstanceProfile',
      'CreateRole',
      'CreateRole',
      'PutRolePolicy',
      'PutRolePolicy',
    ]);
    expect(sg.map((c) => c.op)).toEqual(SG_WRITES);
    expect(inOrder(sg)).toBe(true);
    const creates = iam.filter((c) => c.op.startsWith('Create'));
    for (const a of creates)
      for (const b of creates) if (a !== b) expect(overlaps(a, b), `${a.op} with ${b.op}`).toBe(true);
    const profile = creates.find((c) => c.op === 'CreateInstanceProfile');
    const attach = iam.find((c) => c.op === 'AddRoleToInstanceProfile');
    expect((attach?.start ?? 0) > (profile?.end ?? Number.POSITIVE_INFINITY)).toBe(true);
    const firstRoleEnd = Math.min(...creates.filter((c) => c.op === 'CreateRole').map((c) => c.end));
    for (const put of iam.filter((c) => c.op === 'PutRolePolicy'))
      expect(put.start, 'PutRolePolicy after a CreateRole').toBeGreaterThan(firstRoleEnd);
    expect(
      iam.some((a) => sg.some((b) => overlaps(a, b))),
      'role and security group chains overlap',
    ).toBe(true);
    // RunInstances needs all of them: it starts after every earlier call ended and overlaps nothing.
    const runInstances = calls.find((c) => c.op === 'RunInstances');
    if (!runInstances) throw new Error('no RunInstances');
    for (const other of settled.filter((c) => c !== runInstances)) {
      expect(overlaps(runInstances, other), `RunInstances vs ${other.op}`).toBe(false);
    }
    for (const w of [...iam, ...sg]) expect(w.end, w.op).toBeLessThan(runInstances.start);
  });
});
