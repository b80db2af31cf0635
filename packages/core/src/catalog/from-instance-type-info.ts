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
  // Multi-card types (p5: 32 cards of 100) reach the sum of their cards.
  const peakGbps = (info.NetworkInfo?.NetworkCards ?? []).reduce(
    (sum, c) => sum + (c.PeakBandwidthInGbps ?? 0),
    0,
  );
  const storage = info.InstanceStorageInfo;
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
    ...(peakGbps > 0 ? { networkGbps: peakGbps } : {}),
    ...(info.NetworkInfo?.EfaSupported ? { efa: true as const } : {}),
    ...(storage?.TotalSizeInGB ? { localStorageGB: storage.TotalSizeInGB } : {}),
    ...(storage?.TotalSizeInGB && storage.NvmeSupport && storage.NvmeSupport !== 'unsupported'
      ? { nvme: true as const }
      : {}),
  };
  return t;
}

type Device = {
  Count?: number;
  Name?: string;
  Manufacturer?: string;
  MemoryInfo?: { SizeInMiB?: number };
  /** Fractional GPUs (g6f, gr6f): Count 0, one logical GPU that is this share of a physical one. */
  GpuPartitionSize?: number;
  LogicalGpuCount?: number;
};

/** The type's accelerator from whichever info block EC2 fills in; GPUs first, then Neuron, etc. */
function acceleratorOf(info: InstanceTypeInfo): GpuInfo | undefined {
  const neuronKind = (name: string) => (/train/i.test(name) ? 'training' : 'inference');
  const gpu = info.GpuInfo?.Gpus?.[0] as Device | undefined;
  if (gpu) {
    const d = device(gpu, 'gpu');
    const total = info.GpuInfo?.TotalGpuMemoryInMiB;
    return d && total ? { ...d, totalMemoryMiB: total } : d;
  }
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
  const fraction = !d.Count && d.GpuPartitionSize && d.GpuPartitionSize < 1 ? d.GpuPartitionSize : undefined;
  const count = fraction ? (d.LogicalGpuCount ?? 1) : d.Count;
  if (!d.Name || !count) return undefined;
  return {
    count,
    ...(fraction ? { fraction } : {}),
    model: d.Name,
    ...(d.Manufacturer ? { manufacturer: d.Manufacturer } : {}),
    ...(d.MemoryInfo?.SizeInMiB ? { memoryMiB: d.MemoryInfo.SizeInMiB } : {}),
    kind,
  };
}
