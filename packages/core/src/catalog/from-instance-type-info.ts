import type { InstanceTypeInfo } from '@aws-sdk/client-ec2';
import type { Architecture, GpuInfo } from '../protocol/schemas.ts';
import type { CatalogInstanceType } from './types.ts';

const ARCHITECTURES = new Set<string>(['x86_64', 'arm64', 'i386', 'x86_64_mac', 'arm64_mac']);

/** Translates one DescribeInstanceTypes entry into our catalog shape (undefined if unusable). */
export function fromInstanceTypeInfo(info: InstanceTypeInfo): CatalogInstanceType | undefined {
  const name = info.InstanceType;
  const vcpus = info.VCpuInfo?.DefaultVCpus;
  const memoryMiB = info.MemoryInfo?.SizeInMiB;
  if (!name || !vcpus || !memoryMiB) return undefined;
  const family = name.split('.')[0] ?? name;
  const generation = /^[a-z]+(\d+)/.exec(family)?.[1];
  const architectures = (info.ProcessorInfo?.SupportedArchitectures ?? []).filter((a): a is Architecture =>
    ARCHITECTURES.has(a),
  );
  const gpus = acceleratorOf(info);
  const t: CatalogInstanceType = {
    instanceType: name,
    family,
    ...(generation ? { generation } : {}),
    vcpus,
    memoryMiB,
    architectures,
    ...(gpus ? { gpus } : {}),
    ...(info.ProcessorInfo?.Manufacturer ? { processor: info.ProcessorInfo.Manufacturer } : {}),
    ...(info.ProcessorInfo?.SustainedClockSpeedInGhz
      ? { clockGHz: info.ProcessorInfo.SustainedClockSpeedInGhz }
      : {}),
    supportsHibernation: info.HibernationSupported === true,
    ...(info.NetworkInfo?.NetworkPerformance
      ? { networkPerformance: info.NetworkInfo.NetworkPerformance }
      : {}),
    currentGeneration: info.CurrentGeneration === true,
    ...(info.BurstablePerformanceSupported ? { burstable: true } : {}),
  };
  return t;
}

type Device = { Count?: number; Name?: string; Manufacturer?: string; MemoryInfo?: { SizeInMiB?: number } };

/** The type's accelerator from whichever info block EC2 fills in; GPUs first, then Neuron, etc. */
function acceleratorOf(info: InstanceTypeInfo): GpuInfo | undefined {
  const neuronKind = (name: string) => (/train/i.test(name) ? 'training' : 'inference');
  const gpu = info.GpuInfo?.Gpus?.[0];
  if (gpu) return device(gpu, 'gpu');
  const neuron = info.NeuronInfo?.NeuronDevices?.[0];
  if (neuron?.Name) return device({ ...neuron, Manufacturer: 'AWS' }, neuronKind(neuron.Name));
  const inference = info.InferenceAcceleratorInfo?.Accelerators?.[0];
  if (inference) return device(inference, 'inference');
  const fpga = info.FpgaInfo?.Fpgas?.[0];
  if (fpga) return device(fpga, 'fpga');
  const media = info.MediaAcceleratorInfo?.Accelerators?.[0];
  if (media) return device(media, 'media');
  return undefined;
}

function device(d: Device, kind: NonNullable<GpuInfo['kind']>): GpuInfo | undefined {
  if (!d.Name || !d.Count) return undefined;
  return {
    count: d.Count,
    model: d.Name,
    ...(d.Manufacturer ? { manufacturer: d.Manufacturer } : {}),
    ...(d.MemoryInfo?.SizeInMiB ? { memoryMiB: d.MemoryInfo.SizeInMiB } : {}),
    kind,
  };
}
