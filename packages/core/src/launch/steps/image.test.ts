import {
  DescribeImagesCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
  type Image,
  type InstanceTypeInfo,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { testStepContext } from '../_test-step-context.ts';
import type { LaunchSpec } from '../types.ts';
import { ALL_AMI_PARAMETER_NAMES } from './ami-parameter-batch.ts';
import { resolveImage } from './image.ts';

// DescribeInstanceTypes entries as AWS returns them (trimmed to what the image step reads).
const TYPES: Record<string, InstanceTypeInfo> = {
  'g6.xlarge': {
    InstanceType: 'g6.xlarge',
    ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
    VCpuInfo: { DefaultVCpus: 4 },
    MemoryInfo: { SizeInMiB: 16384 },
    GpuInfo: {
      Gpus: [{ Name: 'L4', Manufacturer: 'NVIDIA', Count: 1, MemoryInfo: { SizeInMiB: 22888 } }],
      TotalGpuMemoryInMiB: 22888,
    },
  },
  'g5g.xlarge': {
    InstanceType: 'g5g.xlarge',
    ProcessorInfo: { SupportedArchitectures: ['arm64'] },
    VCpuInfo: { DefaultVCpus: 4 },
    MemoryInfo: { SizeInMiB: 8192 },
    GpuInfo: { Gpus: [{ Name: 'T4g', Manufacturer: 'NVIDIA', Count: 1, MemoryInfo: { SizeInMiB: 16384 } }] },
  },
  'inf2.xlarge': {
    InstanceType: 'inf2.xlarge',
    ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
    VCpuInfo: { DefaultVCpus: 4 },
    MemoryInfo: { SizeInMiB: 16384 },
    NeuronInfo: { NeuronDevices: [{ Name: 'Inferentia2', Count: 1, MemoryInfo: { SizeInMiB: 32768 } }] },
  },
  'g4ad.xlarge': {
    InstanceType: 'g4ad.xlarge',
    ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
    VCpuInfo: { DefaultVCpus: 4 },
    MemoryInfo: { SizeInMiB: 16384 },
    GpuInfo: { Gpus: [{ Name: 'Radeon Pro V520', Manufacturer: 'AMD', Count: 1 }] },
  },
  't3.micro': {
    InstanceType: 't3.micro',
    ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
    VCpuInfo: { DefaultVCpus: 2 },
    MemoryInfo: { SizeInMiB: 1024 },
  },
};

const NVIDIA_X86 =
  '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id';
const NVIDIA_ARM =
  '/aws/service/deeplearning/ami/arm64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id';
const NEURON_BASE = '/aws/service/neuron/dlami/base/amazon-linux-2023/latest/image_id';
const NEURON_MULTI = '/aws/service/neuron/dlami/multi-framework/amazon-linux-2023/latest/image_id';
const ECS_GPU = '/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id';
const AL2023_X86 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

const image = (id: string, gib: number, type = 'gp3', device = '/dev/xvda'): Image => ({
  ImageId: id,
  Name: `${id} image`,
  RootDeviceName: device,
  BlockDeviceMappings: [
    { DeviceName: device, Ebs: { SnapshotId: 'snap-1', VolumeSize: gib, VolumeType: type as 'gp3' } },
  ],
});

const notFound = () => Object.assign(new Error('not found'), { name: 'ParameterNotFound' });

describe('resolveImage', () => {
  const ec2 = mockClient(EC2Client);
  const ssm = mockClient(SSMClient);
  beforeEach(() => {
    ec2.reset();
    ssm.reset();
    ec2.on(DescribeInstanceTypesCommand).callsFake((input: { InstanceTypes?: string[] }) => ({
      InstanceTypes: [TYPES[input.InstanceTypes?.[0] ?? '']].filter(Boolean),
    }));
    ssm.on(GetParameterCommand).rejects(notFound());
  });

  /** Serves `parameters` (name -> ami id) and `images` (id -> Image); everything else is not found. */
  function world(parameters: Record<string, string>, images: Image[]): void {
    for (const [name, value] of Object.entries(parameters)) {
      ssm.on(GetParameterCommand, { Name: name }).resolves({ Parameter: { Name: name, Value: value } });
    }
    ec2.on(DescribeImagesCommand).callsFake((input: { ImageIds?: string[] }) => {
      const found = images.filter((i) => input.ImageIds?.includes(i.ImageId ?? ''));
      if (found.length === 0) {
        throw Object.assign(new Error(`The image id '[${input.ImageIds}]' does not exist`), {
          name: 'InvalidAMIID.NotFound',
        });
      }
      return { Images: found };
    });
  }

  const asked = () => ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input.Name);

  const run = (spec: Partial<LaunchSpec>) =>
    resolveImage(testStepContext({ spec, clients: { ec2: new EC2Client({}), ssm: new SSMClient({}) } }));

  it('NVIDIA x86_64 (g6): the Deep Learning Base OSS NVIDIA AMI and its 75 GiB root', async () => {
    world({ [NVIDIA_X86]: 'ami-dl', [ECS_GPU]: 'ami-ecs', [AL2023_X86]: 'ami-al' }, [image('ami-dl', 75)]);
    const { value, line } = await run({ instanceType: 'g6.xlarge' });
    expect(value.image).toEqual({
      imageId: 'ami-dl',
      name: 'ami-dl image',
      source: NVIDIA_X86,
      rootDeviceName: '/dev/xvda',
      rootSnapshotGiB: 75,
      rootVolumeType: 'gp3',
    });
    expect(value.warnings).toEqual([]);
    expect(value.type.accelerator).toMatchObject({ manufacturer: 'NVIDIA', model: 'L4' });
    expect(line).toBe(`Image ami-dl (x86_64, NVIDIA L4) from ${NVIDIA_X86}; root snapshot 75 GiB`);
    expect(asked()).toEqual([NVIDIA_X86]);
  });

  it('NVIDIA arm64 (g5g): the arm64 variant', async () => {
    world({ [NVIDIA_ARM]: 'ami-dlarm' }, [image('ami-dlarm', 75)]);
    const { value } = await run({ instanceType: 'g5g.xlarge' });
    expect(value.image).toMatchObject({ imageId: 'ami-dlarm', source: NVIDIA_ARM, rootSnapshotGiB: 75 });
    expect(asked()).toEqual([NVIDIA_ARM]);
  });

  it('Neuron (inf2): the base Neuron DLAMI, else the multi-framework one', async () => {
    world({ [NEURON_MULTI]: 'ami-nmulti' }, [image('ami-nmulti', 100)]);
    const { value } = await run({ instanceType: 'inf2.xlarge' });
    expect(value.image).toMatchObject({ imageId: 'ami-nmulti', source: NEURON_MULTI, rootSnapshotGiB: 100 });
    expect(asked()).toEqual([NEURON_BASE, NEURON_MULTI]);
    expect(value.warnings).toEqual([]);
  });

  it('NVIDIA with no driver image parameter in the region: plain AL2023 and a warning', async () => {
    world({ [AL2023_X86]: 'ami-al' }, [image('ami-al', 8)]);
    const { value } = await run({ instanceType: 'g6.xlarge' });
    expect(value.image.source).toBe(AL2023_X86);
    expect(asked()).toEqual([NVIDIA_X86, ECS_GPU, AL2023_X86]);
    expect(value.warnings).toEqual([
      expect.stringMatching(
        /^No NVIDIA driver .* image is published in us-east-1 for g6\.xlarge: .*without the driver/,
      ),
    ]);
  });

  it('an accelerator without a driver image (AMD g4ad): plain AL2023 and a warning naming it', async () => {
    world({ [AL2023_X86]: 'ami-al' }, [image('ami-al', 8)]);
    const { value } = await run({ instanceType: 'g4ad.xlarge' });
    expect(value.image.source).toBe(AL2023_X86);
    expect(value.warnings).toEqual([expect.stringContaining('g4ad.xlarge has AMD Radeon Pro V520')]);
  });

  it('a plain type gets AL2023 without a warning; an 8 GiB root snapshot is recorded as such', async () => {
    world({ [AL2023_X86]: 'ami-al' }, [image('ami-al', 8)]);
    const { value } = await run({ instanceType: 't3.micro' });
    expect(value.image).toMatchObject({ imageId: 'ami-al', rootSnapshotGiB: 8, rootVolumeType: 'gp3' });
    expect(value.warnings).toEqual([]);
  });

  it('--disk smaller than the image snapshot is refused before anything is created, with the fix', async () => {
    world({ [NVIDIA_X86]: 'ami-dl' }, [image('ami-dl', 75)]);
    const error = await run({ instanceType: 'g6.xlarge', diskGiB: 10 }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining("--disk 10 is smaller than the image's root snapshot (75 GiB)"),
      hint: 'Use --disk 75 or more, or leave --disk out (spawn then uses 75 GiB).',
    });
  });

  it('--disk at or above the snapshot is accepted', async () => {
    world({ [NVIDIA_X86]: 'ami-dl' }, [image('ami-dl', 75)]);
    await expect(run({ instanceType: 'g6.xlarge', diskGiB: 75 })).resolves.toBeDefined();
  });

  it('keeps a gp2 image gp2; types needing IOPS or magnetic become gp3', async () => {
    world({}, [
      image('ami-gp2', 30, 'gp2', '/dev/sda1'),
      image('ami-io1', 30, 'io1'),
      image('ami-mag', 15, 'standard'),
    ]);
    const root = async (ami: string) => (await run({ instanceType: 't3.micro', ami })).value.image;
    expect(await root('ami-gp2')).toMatchObject({ rootDeviceName: '/dev/sda1', rootVolumeType: 'gp2' });
    expect((await root('ami-io1')).rootVolumeType).toBe('gp3');
    expect((await root('ami-mag')).rootVolumeType).toBe('gp3');
  });

  it('--ami that does not exist: NOT_FOUND before anything is created', async () => {
    world({}, []);
    await expect(run({ instanceType: 't3.micro', ami: 'ami-0missing' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Image ami-0missing does not exist in us-east-1.',
    });
  });

  it('DescribeImages denied: the launch goes on at 20 GiB and the plan says the size is unknown', async () => {
    world({ [AL2023_X86]: 'ami-al' }, []);
    ec2
      .on(DescribeImagesCommand)
      .rejects(Object.assign(new Error('You are not authorized'), { name: 'UnauthorizedOperation' }));
    const { value } = await run({ instanceType: 't3.micro' });
    expect(value.image).toEqual({
      imageId: 'ami-al',
      source: AL2023_X86,
      rootDeviceName: '/dev/xvda',
      rootVolumeType: 'gp3',
    });
    expect(value.warnings).toEqual([
      expect.stringMatching(/^Could not read the root size of image ami-al .*pass a larger --disk\.$/),
    ]);
  });

  describe('every image parameter in one GetParameters, alongside the type (one round less)', () => {
    /** GetParameters answers `parameters`; the one-by-one GetParameter is never needed. */
    function batch(parameters: Record<string, string>): void {
      ssm.on(GetParametersCommand).callsFake((input: { Names?: string[] }) => ({
        Parameters: (input.Names ?? [])
          .filter((n) => parameters[n])
          .map((n) => ({ Name: n, Value: parameters[n] })),
        InvalidParameters: (input.Names ?? []).filter((n) => !parameters[n]),
      }));
    }

    it('asks all seven names at once and picks plain AL2023 for a plain type', async () => {
      batch({ [AL2023_X86]: 'ami-al', [NVIDIA_X86]: 'ami-dl' });
      world({}, [image('ami-al', 8)]);
      const { value } = await run({ instanceType: 't3.micro' });
      expect(value.image).toMatchObject({ imageId: 'ami-al', source: AL2023_X86 });
      expect(ssm.commandCalls(GetParametersCommand)[0]?.args[0].input.Names).toEqual(ALL_AMI_PARAMETER_NAMES);
      expect(ALL_AMI_PARAMETER_NAMES.length).toBeLessThanOrEqual(10);
      expect(asked()).toEqual([]);
    });

    it('keeps the family order: the DLAMI for NVIDIA x86_64, else the ECS GPU image, else plain with a warning', async () => {
      batch({ [NVIDIA_X86]: 'ami-dl', [ECS_GPU]: 'ami-ecs', [AL2023_X86]: 'ami-al' });
      world({}, [image('ami-dl', 75), image('ami-ecs', 30), image('ami-al', 8)]);
      expect((await run({ instanceType: 'g6.xlarge' })).value.image.imageId).toBe('ami-dl');
      ssm.reset();
      batch({ [ECS_GPU]: 'ami-ecs', [AL2023_X86]: 'ami-al' });
      expect((await run({ instanceType: 'g6.xlarge' })).value.image.imageId).toBe('ami-ecs');
      ssm.reset();
      batch({ [AL2023_X86]: 'ami-al' });
      const plain = await run({ instanceType: 'g6.xlarge' });
      expect(plain.value.image.imageId).toBe('ami-al');
      expect(plain.value.warnings.join(' ')).toMatch(/without the driver/);
      expect(asked()).toEqual([]);
    });

    it('a policy without ssm:GetParameters falls back to one GetParameter per name', async () => {
      ssm
        .on(GetParametersCommand)
        .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
      world({ [NEURON_BASE]: 'ami-neuron' }, [image('ami-neuron', 100)]);
      const { value } = await run({ instanceType: 'inf2.xlarge' });
      expect(value.image).toMatchObject({ imageId: 'ami-neuron', source: NEURON_BASE });
      expect(asked()).toEqual([NEURON_BASE]);
    });
  });
});
