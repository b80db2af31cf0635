import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TAG } from '../../packages/core/src/tags.ts';
import { type FakeImds, startFakeImds } from '../../packages/test-utils/src/fake-imds.ts';
import { loadEc2Sdk } from './_ec2-sdk.ts';
import type { BenchMoto } from './_moto.ts';
import { sdkEnv } from './_paths.ts';

/** An instance in moto that spawnd must leave alone for the whole run, its IMDS, and a sandbox. */
export interface SpawndTarget {
  instanceId: string;
  imds: FakeImds;
  /** Env for `spawnd run`: moto, the fake IMDS, state/runtime dirs in a temp dir, no wall/shutdown. */
  env: Record<string, string>;
  runtimeDir: string;
  dispose(): Promise<void>;
}

export async function prepareSpawndTarget(moto: BenchMoto): Promise<SpawndTarget> {
  Object.assign(process.env, moto.env, sdkEnv());
  const sdk = await loadEc2Sdk();
  const ec2 = new sdk.EC2Client({ region: 'us-east-1' });
  const images = (await ec2.send(new sdk.DescribeImagesCommand({ Owners: ['amazon'] }))) as {
    Images?: { ImageId?: string }[];
  };
  const day = new Date(Date.now() + 86_400_000).toISOString();
  const tags = {
    [TAG.managed]: 'true',
    [TAG.expiresAt]: day,
    [TAG.idleTimeout]: '24h',
    [TAG.onIdle]: 'stop',
  };
  const out = (await ec2.send(
    new sdk.RunInstancesCommand({
      ImageId: images.Images?.[0]?.ImageId ?? 'ami-12c6146b',
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      TagSpecifications: [
        { ResourceType: 'instance', Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
      ],
    }),
  )) as { Instances?: { InstanceId?: string }[] };
  ec2.destroy();
  const instanceId = out.Instances?.[0]?.InstanceId;
  if (!instanceId) throw new Error('moto did not return an instance id');
  const imds = await startFakeImds({ instanceId, region: 'us-east-1', tags });
  const dir = await mkdtemp(join(tmpdir(), 'bench-spawnd-'));
  const runtimeDir = join(dir, 'run');
  return {
    instanceId,
    imds,
    runtimeDir,
    env: {
      ...moto.env,
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.endpoint,
      SPAWND_STATE_DIR: join(dir, 'state'),
      SPAWND_RUNTIME_DIR: runtimeDir,
      SPAWND_MOTD_PATH: join(dir, 'motd.d/spawnd'),
      SPAWND_WALL_COMMAND: 'off',
      // Never a real shutdown, whatever the agent decides.
      SPAWND_SHUTDOWN_COMMAND: 'true',
      SPAWND_NVIDIA_SMI: join(dir, 'no-nvidia-smi'),
    },
    dispose: async () => {
      await imds.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
