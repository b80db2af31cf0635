import { CreateTagsCommand, type Instance } from '@aws-sdk/client-ec2';
import type { UserError } from '../errors/user-error.ts';
import { TAG } from '../tags.ts';
import { awsCall, type StepContext } from './context.ts';
import { dryRunSteps, prepareLaunch, readyResources } from './create-launch.ts';
import type { LaunchedInstance, PreparedKey, StartedInstance } from './launch-result.ts';
import { launchedInstance } from './launched-instance.ts';
import type { LaunchPlan } from './plan.ts';
import type { Done, Step, StepRunner } from './step.ts';
import { armBackstop, type BackstopReady } from './steps/cloud-backstop.ts';
import { tagCreated } from './steps/run-instance.ts';
import { startGroup } from './steps/start-group.ts';
import { type WaitFor, waitRunning } from './steps/wait-ready.ts';

export interface GroupLaunchOptions {
  waitFor: WaitFor;
  /** N: the instances wanted, named `NAME-0..N-1` (NAME is the plan's name, the spawn:group). */
  count: number;
  /** Keep what launched when capacity ran out before N (otherwise everything is rolled back). */
  partial: boolean;
  /** Ask other AZs of the region for what the plan's AZ had no room for (false when the place is pinned). */
  moveZones: boolean;
  /** Told when an AZ had no room (or too little) and the rest is asked for elsewhere. */
  onZoneFull?: (message: string) => void;
}

/** One instance of the group, with its own name (`NAME-i`) and index i. */
export interface LaunchedMember {
  name: string;
  index: number;
  instance: LaunchedInstance;
}

export type GroupOutcome =
  | {
      readonly kind: 'launched';
      readonly members: LaunchedMember[];
      /** With `partial`: the names capacity ran out for (empty when all N launched). */
      readonly missing: string[];
      /** Why the group is short (the last AZ's refusal). */
      readonly shortBecause?: UserError;
    }
  | { readonly kind: 'dry-run' };

const CONCURRENCY = 8;

/**
 * `--count N` as ONE launch: one key, one security group and one role for the group, then
 * RunInstances with MaxCount N in the plan's AZ; what EC2 did not start there (fewer, or a
 * capacity refusal) is asked for in the region's next AZ offering the type, and so on. Each call's
 * user-data carries its index offset (the job adds the instance's ami-launch-index). Every
 * instance is journalled as it is known, so a group still short of N without `partial` rolls back
 * all of it (and what the preparation created). Then each instance gets its name and its own
 * cloud backstop, and the shared resources `spawn:group` (they go with the group's last instance).
 */
export async function createGroupLaunch(
  ctx: StepContext,
  plan: LaunchPlan,
  run: StepRunner,
  o: GroupLaunchOptions,
): Promise<GroupOutcome> {
  const { prepared, backstopReady } = await prepareLaunch(plan, run);
  if (ctx.environment.dryRun) {
    await dryRunSteps(plan, run, prepared);
    return { kind: 'dry-run' };
  }
  const ready = readyResources(prepared, plan.spec.securityGroupIds ?? []);
  const firstZone = prepared.network.kind === 'ready' ? prepared.network.zone : '';
  const vpcId = prepared.network.kind === 'ready' ? prepared.network.vpcId : '';
  const batches = await run.step({
    id: 'instance',
    title: `Launching ${o.count} instances`,
    run: (c) => startGroup(c, plan, ready, { ...o, firstZone, vpcId }),
  });
  const name = plan.spec.name;
  const started = batches.calls.flatMap((b) =>
    b.instances.map((i) => ({ zone: b.zone, market: b.market, spotFallback: b.spotFallback, instance: i })),
  );
  const names = started.map((_, i) => `${name}-${i}`);
  const ids = started.map((s) => s.instance.InstanceId ?? '');
  // The names, the shared resources' spawn:parent/spawn:group, the backstops and the waits need
  // only the instance ids: one round. A failed tag cancels the rest (no schedule is written after
  // it is seen; one on the wire is journalled) and everything rolls back.
  const arm: Step<LaunchedMember[]> = {
    id: 'backstop',
    title:
      o.waitFor === 'none' ? 'Arming the cloud backstops' : 'Arming the cloud backstops, waiting for running',
    run: (c) =>
      armEach(c, plan, o.waitFor, prepared.key, started, names, backstopReady).then((value) => ({
        line: backstopsLine(value),
        value,
      })),
  };
  const [, , members] = await run.group(`Naming, tagging and arming ${started.length} instances`, [
    { id: 'names', title: 'Naming the instances', run: (c) => nameMembers(c, name, ids) },
    {
      id: 'tags',
      title: "Tagging the group's key and security group",
      run: (c) => tagCreated(c, ids[0] ?? '', name),
    },
    arm,
  ] as const);
  const missing = Array.from({ length: o.count - started.length }, (_, i) => `${name}-${started.length + i}`);
  return { kind: 'launched', members, missing, shortBecause: batches.short };
}

/** `Name` = NAME-i on each instance (RunInstances gave them all the group's name). */
async function nameMembers(ctx: StepContext, group: string, ids: string[]): Promise<Done<undefined>> {
  await mapLimited(ids, CONCURRENCY, (id, i) =>
    awsCall(ctx, 'CreateTags', (o) =>
      ctx.clients.ec2.send(
        new CreateTagsCommand({ Resources: [id], Tags: [{ Key: TAG.name, Value: `${group}-${i}` }] }),
        o,
      ),
    ),
  );
  return { line: `Named ${group}-0..${group}-${ids.length - 1} (spawn:group ${group})`, value: undefined };
}

/** Each member's cloud backstop (one schedule per instance, as `spawn status` checks), then its wait. */
async function armEach(
  ctx: StepContext,
  plan: LaunchPlan,
  waitFor: WaitFor,
  key: PreparedKey,
  started: { zone: string; market: 'on-demand' | 'spot'; spotFallback?: string; instance: Instance }[],
  names: string[],
  backstopReady: BackstopReady,
): Promise<LaunchedMember[]> {
  return mapLimited(started, CONCURRENCY, async (s, index) => {
    const instanceId = s.instance.InstanceId ?? '';
    const name = names[index] ?? '';
    const spec = { ...plan.spec, name };
    const backstop = (await armBackstop(ctx, { spec, accountId: plan.account.id, instanceId }, backstopReady))
      .value;
    const one: StartedInstance = {
      instanceId,
      privateIp: s.instance.PrivateIpAddress,
      market: s.market,
      spotFallback: s.spotFallback,
    };
    const running =
      waitFor === 'none'
        ? { publicIp: undefined, privateIp: one.privateIp }
        : (await waitRunning(ctx, one)).value;
    return {
      name,
      index,
      instance: launchedInstance({ started: one, zone: s.zone, key, running, backstop }),
    };
  });
}

function backstopsLine(members: LaunchedMember[]): string {
  const armed = members.filter((m) => m.instance.backstop.kind === 'armed').length;
  return `Cloud backstop armed for ${armed} of ${members.length} instances`;
}

/** `fn` over `items`, at most `limit` at a time; results in order; the first failure is thrown. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
