import { randomUUID } from 'node:crypto';
import {
  DescribeInstancesCommand,
  type Instance,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  TerminateInstancesCommand,
  waitUntilInstanceTerminated,
} from '@aws-sdk/client-ec2';
import type { UserError } from '../../errors/user-error.ts';
import { buildRunInstancesInput } from '../build-run-instances-input.ts';
import { buildInstanceTags } from '../build-tags.ts';
import { awsCall, dryRunCheck, launchIdOf, type StepContext } from '../context.ts';
import type { CreatedResource } from '../created-resources.ts';
import { type Prepared, type PreparedKey, preparedZone, type StartedInstance } from '../launch-result.ts';
import { launchUserData } from '../launch-user-data.ts';
import type { LaunchPlan } from '../plan.ts';
import type { Done } from '../step.ts';
import { importKeyPair } from './key-pair.ts';

// A fresh instance profile takes seconds to be visible to EC2; RunInstances says so with this text.
const PROFILE_NOT_READY = /iamInstanceProfile|instance profile/i;

/** What RunInstances references: everything the preparation group made ready. */
export interface ReadyResources {
  keyName: string;
  subnetId: string;
  /** `--security-group` ids, then spawn's SSH group if it made one. */
  securityGroupIds: readonly string[];
  profileName: string;
  /** The local key, imported again if a concurrent launch's rollback deleted the shared key pair. */
  key: PreparedKey;
}

/** The one RunInstances request of a launch (pure but for the fresh client token). */
function runInput(ctx: StepContext, plan: LaunchPlan, refs: Omit<ReadyResources, 'key'>) {
  const { spec } = plan;
  const env = ctx.environment;
  const now = env.now();
  return buildRunInstancesInput({
    spec,
    type: plan.type,
    imageId: plan.image.imageId,
    rootDeviceName: plan.image.rootDeviceName,
    root: plan.image,
    keyName: refs.keyName,
    subnetId: refs.subnetId,
    securityGroupIds: refs.securityGroupIds,
    instanceProfileName: refs.profileName,
    userData: launchUserData(plan, { version: env.version, now }),
    clientToken: randomUUID(),
    tags: buildInstanceTags({
      spec,
      now,
      createdBy: plan.account.callerArn,
      version: env.version,
      keyName: refs.keyName,
      launchId: launchIdOf(ctx),
    }),
    dryRun: env.dryRun,
  });
}

/**
 * Dry run: RunInstances with DryRun. Resources that do not exist yet cannot be referenced, so
 * they are left out; the permission check still runs.
 */
export async function dryRunInstance(
  ctx: StepContext,
  plan: LaunchPlan,
  prepared: Prepared,
): Promise<Done<undefined>> {
  const { spec } = plan;
  const { key, network, securityGroup, profile } = prepared;
  const input = runInput(ctx, plan, {
    keyName: key.name,
    subnetId: network.kind === 'ready' ? network.subnetId : '',
    securityGroupIds: [
      ...(spec.securityGroupIds ?? []),
      ...(securityGroup.kind === 'created' ? [securityGroup.groupId] : []),
    ],
    profileName: profile.name,
  });
  if (network.kind !== 'ready') delete input.SubnetId;
  if (input.SecurityGroupIds?.length === 0) delete input.SecurityGroupIds;
  if (!key.exists) delete input.KeyName;
  if (!profile.exists) delete input.IamInstanceProfile;
  await dryRunCheck(ctx, 'RunInstances', (o) =>
    ctx.clients.ec2.send(new RunInstancesCommand(input), o),
  ).catch((error: UserError) => {
    if (error.code === 'UNAUTHORIZED_OPERATION') throw error;
    ctx.notes.push(`RunInstances dry run: ${error.message}`);
  });
  return {
    line: `Instance ${spec.instanceType} (${spec.market}) would be launched in ${preparedZone(network)}`,
    value: undefined,
  };
}

/** What says "no Spot capacity for this request here": the codes `--fallback-on-demand` acts on. */
export const SPOT_UNAVAILABLE = new Set(['EC2_CAPACITY_UNAVAILABLE', 'SPOT_MAX_PRICE_TOO_LOW']);

/**
 * RunInstances (ClientToken-idempotent). `spawn:parent` on everything else this run created is
 * {@link tagCreated}'s, in the next round alongside the backstop and the wait. With `fallbackOnDemand`, a Spot request EC2 refuses for capacity (or the cap) is sent again
 * on-demand: the refused request started nothing, so there is nothing of it to roll back.
 */
export async function runInstance(
  ctx: StepContext,
  plan: LaunchPlan,
  ready: ReadyResources,
): Promise<Done<StartedInstance>> {
  const { spec } = plan;
  const { instances, market, spotFallback } = await startInstances(ctx, plan, ready, { count: 1 });
  const [instance = {}, ...extra] = instances;
  if (extra.length > 0) throw new Error('RunInstances started more than the one instance asked for');
  const instanceId = instance.InstanceId ?? '';
  const fell = spotFallback ? ' (no Spot capacity: on-demand instead)' : '';
  return {
    line: `Instance ${instanceId} (${spec.instanceType}, ${market}) launched${fell}`,
    value: { instanceId, privateIp: instance.PrivateIpAddress, market, spotFallback },
  };
}

/**
 * `spawn:parent` = the instance (and with `group`, `spawn:group`) on what this launch created that
 * takes it: ONE CreateTags (parent-tag.ts). It needs only the instance id, so it runs in the same
 * round as the backstop and the wait; its failure cancels them (no schedule is created after it is
 * seen) and rolls everything back.
 */
export async function tagCreated(
  ctx: StepContext,
  instanceId: string,
  group?: string,
): Promise<Done<undefined>> {
  const taking = ctx.created.list().filter((r) => r.tag);
  for (const r of taking) await r.tag?.(instanceId, group);
  const what = taking.map((r) => `${r.kind} ${r.id}`).join(', ');
  return {
    line: what
      ? `Tagged ${what} with spawn:parent ${instanceId}${group ? ` and spawn:group ${group}` : ''}`
      : 'Nothing of this launch to tag',
    value: undefined,
  };
}

/** What one RunInstances call started (ordered by launch index) and on which market. */
export interface StartedBatch {
  instances: Instance[];
  market: 'on-demand' | 'spot';
  spotFallback?: string;
}

/**
 * One RunInstances call for up to `count` instances (MinCount 1, so EC2 may start fewer), each
 * journalled as it is known. With `fallbackOnDemand`, a Spot request EC2 refuses for capacity (or
 * the cap) is sent again on-demand: the refused request started nothing, so nothing to roll back.
 * `plan` carries the user-data's index offset (`spec.job.indexOffset`) of this call.
 */
export async function startInstances(
  ctx: StepContext,
  plan: LaunchPlan,
  ready: ReadyResources,
  o: { count: number },
): Promise<StartedBatch> {
  const { spec } = plan;
  let market = spec.market;
  let spotFallback: string | undefined;
  const counted = (p: LaunchPlan) => ({ ...runInput(ctx, p, ready), MinCount: 1, MaxCount: o.count });
  const instances = await sendRunInstances(ctx, counted(plan), ready).catch(async (error: UserError) => {
    if (spec.market !== 'spot' || !spec.fallbackOnDemand || !SPOT_UNAVAILABLE.has(error.code)) throw error;
    market = 'on-demand';
    spotFallback = `${error.code}: ${error.message}`;
    const onDemand = { ...plan, spec: { ...spec, market, maxPrice: undefined, maxPriceText: undefined } };
    return sendRunInstances(ctx, counted(onDemand), ready);
  });
  const ordered = instances
    .filter((i) => i.InstanceId)
    .sort((a, b) => (a.AmiLaunchIndex ?? 0) - (b.AmiLaunchIndex ?? 0));
  for (const i of ordered) ctx.created.add(instanceResource(ctx, i.InstanceId ?? ''));
  return { instances: ordered, market, spotFallback };
}

async function sendRunInstances(
  ctx: StepContext,
  input: RunInstancesCommandInput,
  ready: ReadyResources,
): Promise<Instance[]> {
  let clientToken = input.ClientToken ?? randomUUID();
  const send = (o: { abortSignal: AbortSignal }) =>
    ctx.clients.ec2.send(new RunInstancesCommand({ ...input, ClientToken: clientToken }), o);
  let instances: Instance[] | undefined;
  let reimported = false;
  for (let attempt = 1; !instances; attempt++) {
    instances = await awsCall(ctx, 'RunInstances', send).then(
      (out) => (out.Instances?.length ? out.Instances : [{}]),
      async (error: UserError) => {
        // An answer lost to a timeout or Ctrl-C may still have started them: find them by the token.
        const started = await findByClientToken(ctx, clientToken, AMBIGUOUS.has(error.code));
        if (started.length > 0) return started;
        if (!reimported && !ready.key.external && error.details?.awsErrorName === 'InvalidKeyPair.NotFound') {
          // A concurrent launch sharing this key imported it, then rolled back and deleted it: import it again (ours now).
          reimported = true;
          await importKeyPair(ctx, ready.key.local, ready.key.local.privatePath);
          clientToken = randomUUID();
          return undefined;
        }
        if (attempt >= 6 || error.code !== 'INVALID_PARAMETER' || !PROFILE_NOT_READY.test(error.message))
          throw error;
        await (ctx.environment.sleep ?? defaultSleep)(5000);
        return undefined;
      },
    );
  }
  return instances;
}

/** The journal entry of this launch's instance: terminate, then wait until it is gone. */
export function instanceResource(ctx: StepContext, instanceId: string): CreatedResource {
  return {
    kind: 'instance',
    id: instanceId,
    remove: async (signal) => {
      await awsCall(
        ctx,
        'TerminateInstances',
        (o) => ctx.clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }), o),
        { signal },
      );
      // Its security group can only be deleted once it is gone.
      await waitUntilInstanceTerminated(
        { client: ctx.clients.ec2, maxWaitTime: 600, minDelay: 2, abortSignal: signal },
        { InstanceIds: [instanceId] },
      );
    },
  };
}

/** Failures after which RunInstances may still have started the instance (the answer was lost). */
const AMBIGUOUS = new Set(['TIMEOUT', 'CANCELLED', 'INTERRUPTED', 'NETWORK_ERROR', 'AWS_ERROR']);

/**
 * The instances RunInstances started with this token, if any, read with the rollback's own deadline.
 * After an ambiguous failure it looks a few times: a request that reached EC2 before the abort
 * may take a moment to show.
 */
async function findByClientToken(
  ctx: StepContext,
  clientToken: string,
  ambiguous: boolean,
): Promise<Instance[]> {
  for (let i = 0; i < (ambiguous ? 3 : 1); i++) {
    if (i > 0) await (ctx.environment.sleep ?? defaultSleep)(2000);
    const out = await awsCall(
      ctx,
      'DescribeInstances',
      (o) =>
        ctx.clients.ec2.send(
          new DescribeInstancesCommand({ Filters: [{ Name: 'client-token', Values: [clientToken] }] }),
          o,
        ),
      { signal: AbortSignal.timeout(30_000) },
    ).catch(() => undefined);
    const found = (out?.Reservations?.flatMap((r) => r.Instances ?? []) ?? []).filter(
      (x) => x.State?.Name !== 'terminated' && x.State?.Name !== 'shutting-down',
    );
    if (found.length > 0) return found;
  }
  return [];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
