import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { useMoto } from '../../../../scripts/test/moto.ts';
import { deleteDefaultVpc } from './_delete-default-vpc.ts';
import { TEST_SPEC } from './_test-step-context.ts';
import type { LaunchClients, StepContext } from './context.ts';
import { CreatedResources } from './created-resources.ts';
import { describeLaunchInventory } from './inventory.ts';
import { createSteps, lookupSteps, runConcurrently, runStepItems, withRollback } from './launch-steps.ts';
import type { LaunchSpec } from './types.ts';

useMoto();

const MUTATING = /^(Create|Import|Run|Put|Add|Authorize|Attach|Associate|Modify)/;
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
function clients(failAt: { op: string; nth: number } | undefined, seen: string[]): LaunchClients {
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

async function launch(failAt: { op: string; nth: number } | undefined) {
  const seen: string[] = [];
  const ctx: StepContext = {
    spec,
    state: { notes: [], warnings: [] },
    clients: clients(failAt, seen),
    environment: {
      homedir: mkdtempSync(join(tmpdir(), 'spawn-rb-')),
      platform: 'linux',
      env: {},
      now: () => new Date(),
      version: '0.1.0',
      dryRun: false,
      sleep: async () => {},
    },
    created: new CreatedResources(),
  };
  const reports: unknown[] = [];
  const run = withRollback(
    ctx,
    async () => {
      await runConcurrently(lookupSteps(), ctx);
      await runStepItems(createSteps({ waitFor: 'running', dryRun: false }), ctx);
    },
    (r) => reports.push(r),
  );
  return { run, seen, reports, ctx };
}

async function inventoryNow() {
  return describeLaunchInventory(new EC2Client({}), new IAMClient({}));
}

const EMPTY = {
  instances: [],
  keyPairs: [],
  securityGroups: [],
  vpcs: [],
  subnets: [],
  routeTables: [],
  internetGateways: [],
  roles: [],
  instanceProfiles: [],
};

/** Launches once cleanly to learn the mutating calls, then fails at each one in turn. */
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
    const inv = await inventoryNow();
    expect({ at, ...inv, instances: inv.instances.map((x) => x.InstanceId) }).toEqual({ at, ...EMPTY });
  }
}

describe('rollback on an injected failure at every mutating call (moto)', () => {
  it('leaves zero resources behind, whichever call fails', async () => {
    await failAtEveryCall(async () => {}, [
      'ImportKeyPair',
      'CreateSecurityGroup',
      'CreateRole',
      'RunInstances',
      'CreateTags',
    ]);
  }, 240_000);

  it('without a default VPC, also deletes the VPC, subnet, gateway and route table it made', async () => {
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
