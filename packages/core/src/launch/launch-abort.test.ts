import {
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  ImportKeyPairCommand,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { testPlan, testStepContext } from './_test-step-context.ts';
import { awsCall, type StepContext } from './context.ts';
import { runConcurrently, withRollback } from './launch-steps.ts';
import { type ReadyResources, runInstance } from './steps/run-instance.ts';

// Issue 12 (abort, deadlines, cancellation, lost answers) against a mocked client: the cases moto
// cannot stage deterministically. The same flows run end to end in launch-transaction.test.ts.
const ec2Mock = mockClient(EC2Client);
const never = () => new Promise<never>(() => {});

function context(o: { signal?: AbortSignal; callTimeoutMs?: number } = {}): StepContext {
  const ctx = testStepContext({
    clients: { ec2: new EC2Client({ region: 'us-east-1' }) },
    environment: { sleep: async () => {}, callTimeoutMs: o.callTimeoutMs },
  });
  return { ...ctx, signal: o.signal };
}

/** What the preparation group made ready (the plan's key pair exists). */
const plan = testPlan();
const ready: ReadyResources = {
  keyName: 'spawn-k',
  subnetId: 'subnet-1',
  securityGroupIds: ['sg-1'],
  profileName: 'spawnd-agent',
  key: { name: 'spawn-k', local: plan.key.local, exists: true },
};

beforeEach(() => {
  ec2Mock.reset();
  ec2Mock.on(CreateTagsCommand).resolves({});
});

describe('every launch call is abortable and bounded', () => {
  it('a call that never answers fails at its deadline as TIMEOUT naming the operation', async () => {
    ec2Mock.on(CreateSecurityGroupCommand).callsFake(never);
    const ctx = context({ callTimeoutMs: 200 });
    const started = Date.now();
    await expect(
      awsCall(ctx, 'CreateSecurityGroup', (o) =>
        ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'g', Description: 'd' }), o),
      ),
    ).rejects.toMatchObject({ code: 'TIMEOUT', details: { operation: 'CreateSecurityGroup' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('the launch signal (Ctrl-C) stops a call in flight at once, and the SDK gets it as abortSignal', async () => {
    let seen: AbortSignal | undefined;
    ec2Mock.on(CreateSecurityGroupCommand).callsFake(never);
    const controller = new AbortController();
    const ctx = context({ signal: controller.signal });
    const spy = ctx.clients.ec2.send.bind(ctx.clients.ec2);
    ctx.clients.ec2.send = ((command: never, options: { abortSignal?: AbortSignal }) => {
      seen = options?.abortSignal;
      return spy(command, options as never);
    }) as never;
    const call = awsCall(ctx, 'CreateSecurityGroup', (o) =>
      ctx.clients.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'g', Description: 'd' }), o),
    );
    setTimeout(() => controller.abort(), 20);
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen?.aborted).toBe(true);
  });

  it('a rollback delete is not stopped by the aborted launch signal', async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = context({ signal: controller.signal });
    let removed = false;
    ctx.created.add({
      kind: 'security group',
      id: 'sg-1',
      remove: (signal) =>
        awsCall(
          ctx,
          'DeleteSecurityGroup',
          async () => {
            removed = true;
          },
          { signal },
        ),
    });
    await expect(
      withRollback(
        ctx,
        async () => Promise.reject(new Error('boom')),
        () => {},
      ),
    ).rejects.toThrow('boom');
    expect(removed).toBe(true);
  });
});

describe('the first failure in a concurrent group cancels the rest', () => {
  it('a sibling that has not sent its call yet never sends it; the first real failure is thrown', async () => {
    const ctx = context();
    const sent: string[] = [];
    const failing = async () => {
      throw new Error('first');
    };
    const slow = async (c: StepContext) => {
      await new Promise((r) => setTimeout(r, 30));
      await awsCall(c, 'ImportKeyPair', async () => {
        sent.push('ImportKeyPair');
      });
      return { line: 'done', value: undefined };
    };
    await expect(
      runConcurrently(
        [
          { id: 'a', title: 'a', run: slow },
          { id: 'b', title: 'b', run: failing },
        ],
        ctx,
      ),
    ).rejects.toThrow('first');
    expect(sent).toEqual([]);
  });
});

describe('RunInstances answers that were lost', () => {
  it('a RunInstances whose answer was lost still journals the instance it started (found by client token)', async () => {
    ec2Mock
      .on(RunInstancesCommand)
      .rejects(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }));
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolvesOnce({})
      .resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-lost', State: { Name: 'pending' } }] }] });
    const ctx = context();
    const { value } = await runInstance(ctx, plan, ready);
    expect(value.instanceId).toBe('i-lost');
    expect(ctx.created.list().map((r) => `${r.kind} ${r.id}`)).toEqual(['instance i-lost']);
    const token = ec2Mock.commandCalls(RunInstancesCommand)[0]?.args[0].input.ClientToken;
    expect(ec2Mock.commandCalls(DescribeInstancesCommand)[0]?.args[0].input.Filters).toEqual([
      { Name: 'client-token', Values: [token] },
    ]);
  });

  it('a key pair deleted by a concurrent launch’s rollback is imported again (now ours) and the launch goes on', async () => {
    const notFound = Object.assign(new Error("The key pair 'spawn-k' does not exist"), {
      name: 'InvalidKeyPair.NotFound',
      $metadata: { httpStatusCode: 400 },
    });
    ec2Mock
      .on(RunInstancesCommand)
      .rejectsOnce(notFound)
      .resolves({ Instances: [{ InstanceId: 'i-ok' }] });
    ec2Mock.on(DescribeInstancesCommand).resolves({});
    ec2Mock.on(ImportKeyPairCommand).resolves({ KeyPairId: 'key-1' });
    const ctx = context();
    const { value } = await runInstance(ctx, plan, ready);
    expect(value.instanceId).toBe('i-ok');
    expect(ctx.created.list().map((r) => r.kind)).toEqual(['key pair', 'instance']);
    const [first, second] = ec2Mock.commandCalls(RunInstancesCommand).map((c) => c.args[0].input.ClientToken);
    expect(first).not.toBe(second);
  });
});
