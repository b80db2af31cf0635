import { randomUUID } from 'node:crypto';
import {
  RunInstancesCommand,
  TerminateInstancesCommand,
  waitUntilInstanceTerminated,
} from '@aws-sdk/client-ec2';
import { buildUserData, DEFAULT_BUCKET_PREFIX, DEFAULT_HOME_REGION } from '../../agent/index.ts';
import type { UserError } from '../../errors/user-error.ts';
import { buildRunInstancesInput } from '../build-run-instances-input.ts';
import { buildInstanceTags } from '../build-tags.ts';
import { awsCall, dryRunCheck, type StepContext } from '../context.ts';

// A fresh instance profile takes seconds to be visible to EC2; RunInstances says so with this text.
const PROFILE_NOT_READY = /iamInstanceProfile|instance profile/i;

/** RunInstances (ClientToken-idempotent), then `spawn:parent` on everything else this run created. */
export async function runInstance(ctx: StepContext): Promise<string> {
  const { spec, state, environment: env } = ctx;
  const now = env.now();
  const input = buildRunInstancesInput({
    spec,
    type: state.type!,
    imageId: state.imageId!,
    rootDeviceName: state.rootDeviceName ?? '/dev/xvda',
    keyName: state.keyName!,
    subnetId: state.subnetId ?? '',
    securityGroupId: state.securityGroupId ?? '',
    instanceProfileName: state.instanceProfileName!,
    userData: buildUserData({
      bucketPrefix: DEFAULT_BUCKET_PREFIX,
      homeRegion: DEFAULT_HOME_REGION,
      version: env.version,
      sha256: state.spawndSha256,
      // The same deadline as the spawn:expires-at tag: armed as an OS timer before anything else.
      expiresAt: spec.ttlMs === undefined ? undefined : new Date(now.getTime() + spec.ttlMs).toISOString(),
    }),
    clientToken: randomUUID(),
    tags: buildInstanceTags({
      spec,
      now,
      createdBy: state.callerArn ?? 'unknown',
      version: env.version,
      keyName: state.keyName,
    }),
    dryRun: env.dryRun,
  });
  if (env.dryRun) {
    // Resources that do not exist yet cannot be referenced; the permission check still runs.
    if (!state.subnetId) delete input.SubnetId;
    if (!state.securityGroupId) delete input.SecurityGroupIds;
    if (state.missing?.includes('key')) delete input.KeyName;
    if (state.missing?.includes('profile')) delete input.IamInstanceProfile;
    await dryRunCheck(ctx, 'RunInstances', () => ctx.clients.ec2.send(new RunInstancesCommand(input))).catch(
      (error: UserError) => {
        if (error.code === 'UNAUTHORIZED_OPERATION') throw error;
        state.notes.push(`RunInstances dry run: ${error.message}`);
      },
    );
    return `Instance ${spec.instanceType} (${spec.market}) would be launched in ${state.availabilityZone ?? spec.region}`;
  }
  let out: Awaited<ReturnType<typeof send>> | undefined;
  const send = () => ctx.clients.ec2.send(new RunInstancesCommand(input));
  for (let attempt = 1; !out; attempt++) {
    out = await awsCall(ctx, 'RunInstances', send).catch(async (error: UserError) => {
      if (attempt >= 6 || error.code !== 'INVALID_PARAMETER' || !PROFILE_NOT_READY.test(error.message))
        throw error;
      await (env.sleep ?? defaultSleep)(5000);
      return undefined;
    });
  }
  const instance = out.Instances?.[0];
  const instanceId = instance?.InstanceId ?? '';
  state.instanceId = instanceId;
  state.privateIp = instance?.PrivateIpAddress;
  ctx.created.add({
    kind: 'instance',
    id: instanceId,
    remove: async () => {
      await awsCall(ctx, 'TerminateInstances', () =>
        ctx.clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instanceId] })),
      );
      // Its security group and network can only be deleted once it is gone.
      await waitUntilInstanceTerminated(
        { client: ctx.clients.ec2, maxWaitTime: 600, minDelay: 2 },
        { InstanceIds: [instanceId] },
      );
    },
  });
  for (const resource of ctx.created.list()) await resource.tag?.(instanceId);
  return `Instance ${instanceId} (${spec.instanceType}, ${spec.market}) launched`;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
