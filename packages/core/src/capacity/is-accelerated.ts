import type { InstanceTypeInfo } from '@aws-sdk/client-ec2';
import type { GpuInfo } from '../protocol/schemas.ts';

/**
 * True when an instance type carries GPUs or other accelerators (Neuron/Trainium/Inferentia,
 * Elastic Inference, FPGAs, media accelerators). Decided from the type's accelerator info, never
 * from a list of family names, so new families (p5e, g6e, trn2...) count from day one.
 */
export function isAccelerated(t: { gpus?: GpuInfo } | InstanceTypeInfo): boolean {
  if ('gpus' in t) return (t.gpus?.count ?? 0) > 0;
  const info = t as InstanceTypeInfo;
  const counts = [
    ...(info.GpuInfo?.Gpus ?? []).map((g) => g.Count),
    ...(info.NeuronInfo?.NeuronDevices ?? []).map((d) => d.Count),
    ...(info.InferenceAcceleratorInfo?.Accelerators ?? []).map((a) => a.Count),
    ...(info.FpgaInfo?.Fpgas ?? []).map((f) => f.Count),
    ...(info.MediaAcceleratorInfo?.Accelerators ?? []).map((a) => a.Count),
  ];
  return counts.some((count) => (count ?? 0) > 0);
}
