import {
  DescribeInstancesCommand,
  DescribeKeyPairsCommand,
  DescribeVolumesCommand,
  EC2Client,
  type RunInstancesCommandInput,
} from '@aws-sdk/client-ec2';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { DLAMI_FIXTURE, startMotoWithPublicImages } from '@truffle-spawn/test-utils/moto-public-images';
import type { MotoServer } from '@truffle-spawn/test-utils/moto-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectLaunched, motoLaunch } from './_moto-launch.ts';
import type { LaunchSpec } from './types.ts';

// moto has no Deep Learning / Neuron public parameters and only 15 GiB images: a private moto
// server is given them (DLAMI_FIXTURE: the real parameter names, 75 GiB / 100 GiB gp3 roots).
useMoto();
let server: MotoServer;
beforeAll(async () => {
  server = await startMotoWithPublicImages(DLAMI_FIXTURE);
});
afterAll(() => server?.stop());
beforeEach(async () => {
  await fetch(`${server.endpoint}/moto-api/reset`, { method: 'POST' });
});

const ids = {
  nvidiaX86: 'ami-0d1a0e5f1a2b3c4d5',
  nvidiaArm: 'ami-0a64a64a64a64a64a',
  neuron: 'ami-0e0e0e0e0e0e0e0e0',
};

type Handler = (args: { input: unknown }) => Promise<unknown>;
interface MiddlewareHost {
  middlewareStack: {
    add(mw: (next: Handler, context: { commandName?: string }) => Handler, o: object): void;
  };
}

/** One launch against the fixtured moto; what RunInstances was sent, and the outcome. */
async function launch(spec: Partial<LaunchSpec>) {
  const sent: RunInstancesCommandInput[] = [];
  const l = motoLaunch({ endpoint: server.endpoint, spec: { name: 'gpu', ...spec } });
  (l.ctx.clients.ec2 as unknown as MiddlewareHost).middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'RunInstancesCommand') sent.push(args.input as RunInstancesCommandInput);
      return next(args);
    },
    { step: 'initialize', name: 'captureRunInstances' },
  );
  const outcome = await l.run.catch((error: unknown) => ({ error }));
  return { sent, outcome, ctx: l.ctx };
}

const ec2 = () => new EC2Client({ endpoint: server.endpoint });

/** The root volume moto made for the instance. */
async function rootVolume(instanceId: string) {
  const out = await ec2().send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  const instance = out.Reservations?.[0]?.Instances?.[0];
  const volumeId = instance?.BlockDeviceMappings?.find((m) => m.DeviceName === instance.RootDeviceName)?.Ebs
    ?.VolumeId;
  const volumes = await ec2().send(new DescribeVolumesCommand({ VolumeIds: [volumeId ?? 'vol-none'] }));
  return { imageId: instance?.ImageId, volume: volumes.Volumes?.[0] };
}

describe('GPU and accelerator images reach RunInstances (moto with fixtured public parameters)', () => {
  it.each([
    ['g6.xlarge (NVIDIA, x86_64)', 'g6.xlarge', ids.nvidiaX86, 75],
    ['g5g.xlarge (NVIDIA, arm64)', 'g5g.xlarge', ids.nvidiaArm, 75],
    ['inf2.xlarge (Inferentia2)', 'inf2.xlarge', ids.neuron, 100],
  ])('%s: its driver image and a root as large as the image', async (_, instanceType, imageId, gib) => {
    const { sent, outcome } = await launch({ instanceType });
    if ('error' in outcome) throw outcome.error;
    expect(sent).toHaveLength(1);
    expect(sent[0]?.ImageId).toBe(imageId);
    expect(sent[0]?.BlockDeviceMappings).toEqual([
      {
        DeviceName: '/dev/xvda',
        Ebs: { VolumeSize: gib, VolumeType: 'gp3', DeleteOnTermination: true, Encrypted: true },
      },
    ]);
    const root = await rootVolume(expectLaunched(outcome).instanceId);
    expect(root.imageId).toBe(imageId);
    expect(root.volume).toMatchObject({ Size: gib, VolumeType: 'gp3' });
  });

  it('a plain type keeps the 20 GiB default over a smaller image (moto AL2023: 15 GiB standard -> gp3)', async () => {
    const { sent, outcome } = await launch({ instanceType: 't3.micro' });
    if ('error' in outcome) throw outcome.error;
    expect(sent[0]?.BlockDeviceMappings?.[0]?.Ebs).toMatchObject({ VolumeSize: 20, VolumeType: 'gp3' });
  });

  it('--disk 10 with a 75 GiB image: a usage error with the fix, and nothing is created', async () => {
    const { sent, outcome, ctx } = await launch({ instanceType: 'g6.xlarge', diskGiB: 10 });
    expect(outcome).toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        hint: 'Use --disk 75 or more, or leave --disk out (spawn then uses 75 GiB).',
      },
    });
    expect(sent).toEqual([]);
    expect(ctx.created.list()).toEqual([]);
    const instances = await ec2().send(new DescribeInstancesCommand({}));
    expect(instances.Reservations ?? []).toEqual([]);
    expect((await ec2().send(new DescribeKeyPairsCommand({}))).KeyPairs ?? []).toEqual([]);
  });
});
