import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { deleteDefaultVpc } from './_delete-default-vpc.ts';
import { expectUsable } from './_expect-usable.ts';
import { expectLaunched } from './_moto-launch.ts';
import { TEST_SPEC } from './_test-step-context.ts';
import type { LaunchClients, LaunchEnvironment, StepContext } from './context.ts';
import { createLaunch } from './create-launch.ts';
import { CreatedResources } from './created-resources.ts';
import { describeLaunchInventory } from './inventory.ts';
import { LaunchId } from './launch-id.ts';
import { plainRunner, withRollback } from './launch-steps.ts';
import { planLaunch } from './plan-launch.ts';
import type { LaunchSpec } from './types.ts';

useMoto();

const MUTATING = /^(Create|Import|Run|Put|Add|Authorize|Attach|Associate|Modify|Replace|Update)/;
const DELETING = /^(Delete|Detach|Disassociate|Remove|Terminate)/;
const spec: LaunchSpec = { ...TEST_SPEC, instanceType: 't3.micro', name: 'rb' };

type Handler = (args: unknown) => Promise<unknown>;
interface MiddlewareHost {
  middlewareStack: {
    add(mw: (next: Handler, context: { commandName?: string }) => Handler, o: object): void;
  };
}

/**
 * Clients against moto that record every mutating call and throw at `failAt`: the n-th call (1-based)
 * of one operation. By name, not position: the key, network and role steps run concurrently, so
 * calls of different steps may interleave differently from run to run.
 */
function clients(
  failAt: { op: string; nth: number } | undefined,
  seen: string[],
  deletes: string[],
): LaunchClients {
  const all = {
    ec2: new EC2Client({}),
    ssm: new SSMClient({}),
    sts: new STSClient({}),
    iam: new IAMClient({}),
  };
  for (const client of Object.values(all) as unknown as MiddlewareHost[]) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const op = String(context.commandName ?? '').replace(/Command$/, '');
        if (DELETING.test(op)) deletes.push(op);
        if (MUTATING.test(op)) {
          seen.push(op);
          if (op === failAt?.op && seen.filter((s) => s === op).length === failAt.nth)
            throw Object.assign(new Error(`injected failure at ${op}`), { name: 'InjectedFailure' });
        }
        return next(args);
      },
      { step: 'initialize', name: 'injectFailure' },
    );
  }
  return all;
}

async function launch(failAt: { op: string; nth: number } | undefined, homedir?: string) {
  const seen: string[] = [];
  const deletes: string[] = [];
  const environment: LaunchEnvironment = {
    homedir: homedir ?? mkdtempSync(join(tmpdir(), 'spawn-rb-')),
    platform: 'linux',
    env: {},
    now: () => new Date(),
    version: '0.1.0',
    dryRun: false,
    sleep: async () => {},
  };
  const ctx: StepContext = {
    spec,
    clients: clients(failAt, seen, deletes),
    environment,
    created: new CreatedResources(),
    launchId: new LaunchId(environment.now),
    notes: [],
  };
  const reports: unknown[] = [];
  const runner = plainRunner(ctx);
  const run = withRollback(
    ctx,
    async () => createLaunch(ctx, await planLaunch(ctx, runner), runner, { waitFor: 'running' }),
    (r) => reports.push(r),
  );
  return { run, seen, deletes, reports, ctx };
}

async function inventoryNow() {
  return describeLaunchInventory(new EC2Client({}), new IAMClient({}));
}

/** This launch's OWN resources: none may survive a rollback. Shared ones (role, VPC...) may. */
async function ownLeft() {
  const inv = await inventoryNow();
  return {
    instances: inv.instances.map((x) => x.InstanceId),
    keyPairs: inv.keyPairs,
    securityGroups: inv.securityGroups.map((g) => g.GroupId),
  };
}

const NO_OWN = { instances: [], keyPairs: [], securityGroups: [] };

/** Before issue 12 a failure's rollback deleted the shared role and network; no call may send that now. */
const SHARED_DELETES =
  /^(DeleteRole|DeleteRolePolicy|DeleteInstanceProfile|RemoveRoleFromInstanceProfile|DeleteVpc|DeleteSubnet|DeleteRouteTable|DetachInternetGateway|DeleteInternetGateway|DisassociateRouteTable)$/;

/**
 * Launches once cleanly to learn the mutating calls, then fails at each one in turn: the failed
 * launch leaves none of its own resources and no shared one is deleted, and a next launch then
 * succeeds on what is left (shared resources intact, or half-made and repaired).
 */
async function failAtEveryCall(prepare: () => Promise<void>, expected: string[]) {
  await prepare();
  const clean = await launch(undefined);
  await clean.run;
  const ops = clean.seen.slice();
  expect(ops).toEqual(expect.arrayContaining(expected));
  for (const [i, op] of ops.entries()) {
    const at = { op, nth: ops.slice(0, i + 1).filter((o) => o === op).length };
    await fetch(`${process.env.AWS_ENDPOINT_URL}/moto-api/reset`, { method: 'POST' });
    await prepare();
    const attempt = await launch(at);
    await expect(attempt.run, `failing at ${op} #${at.nth}`).rejects.toThrow(/injected failure/);
    expect({ at, ...(await ownLeft()) }).toEqual({ at, ...NO_OWN });
    expect(
      attempt.deletes.filter((d) => SHARED_DELETES.test(d)),
      `at ${op}`,
    ).toEqual([]);
    // A preparation failure never reaches RunInstances.
    if (!/^(RunInstances|CreateTags)$/.test(op))
      expect(attempt.seen, `at ${op}`).not.toContain('RunInstances');
    const next = await launch(undefined);
    const outcome = await next.run;
    await expectUsable(expectLaunched(outcome).instanceId);
    await next.ctx.created.rollback();
  }
}

describe('rollback on an injected failure at every mutating call (moto)', () => {
  it('deletes only its own resources, whichever call fails; the next launch succeeds', async () => {
    await failAtEveryCall(async () => {}, [
      'ImportKeyPair',
      'CreateSecurityGroup',
      'CreateRole',
      'RunInstances',
      'CreateTags',
    ]);
  }, 300_000);

  it('without a default VPC, never deletes the shared VPC, subnet, gateway or route table', async () => {
    const ec2 = new EC2Client({});
    await failAtEveryCall(async () => {
      await deleteDefaultVpc(ec2);
    }, [
      'CreateVpc',
      'CreateInternetGateway',
      'AttachInternetGateway',
      'CreateRouteTable',
      'CreateRoute',
      'CreateSubnet',
      'ModifySubnetAttribute',
      'AssociateRouteTable',
      'RunInstances',
    ]);
  }, 300_000);
});
