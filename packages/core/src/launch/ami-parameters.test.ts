import { describe, expect, it } from 'vitest';
import type { GpuInfo } from '../protocol/schemas.ts';
import { amiParameterNames, imageFamily } from './ami-parameters.ts';

const AL2023_X86 = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';
const AL2023_ARM = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64';
const NVIDIA_X86 =
  '/aws/service/deeplearning/ami/x86_64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id';
const NVIDIA_ARM =
  '/aws/service/deeplearning/ami/arm64/base-oss-nvidia-driver-gpu-amazon-linux-2023/latest/ami-id';
const ECS_GPU = '/aws/service/ecs/optimized-ami/amazon-linux-2023/gpu/recommended/image_id';
const NEURON_BASE = '/aws/service/neuron/dlami/base/amazon-linux-2023/latest/image_id';
const NEURON_MULTI = '/aws/service/neuron/dlami/multi-framework/amazon-linux-2023/latest/image_id';

// The catalog's reading of real types (fromInstanceTypeInfo over DescribeInstanceTypes).
const L4: GpuInfo = { count: 1, model: 'L4', manufacturer: 'NVIDIA', kind: 'gpu' };
const T4G: GpuInfo = { count: 1, model: 'T4g', manufacturer: 'NVIDIA', kind: 'gpu' };
const INF2: GpuInfo = { count: 1, model: 'Inferentia2', manufacturer: 'AWS', kind: 'inference' };
const TRN1: GpuInfo = { count: 1, model: 'Trainium', manufacturer: 'AWS', kind: 'training' };
const INF1: GpuInfo = { count: 1, model: 'Inferentia', manufacturer: 'AWS', kind: 'inference' };
const AMD: GpuInfo = { count: 1, model: 'Radeon Pro V520', manufacturer: 'AMD', kind: 'gpu' };
const GAUDI: GpuInfo = { count: 8, model: 'Gaudi HL-205', manufacturer: 'Habana', kind: 'gpu' };

describe('imageFamily', () => {
  it.each([
    ['no accelerator', undefined, { kind: 'plain' }],
    ['NVIDIA L4 (g6)', L4, { kind: 'nvidia' }],
    ['NVIDIA T4g (g5g)', T4G, { kind: 'nvidia' }],
    ['Inferentia2 (inf2)', INF2, { kind: 'neuron' }],
    ['Trainium (trn1)', TRN1, { kind: 'neuron' }],
    [
      'Inferentia (inf1: no longer in Neuron DLAMIs)',
      INF1,
      { kind: 'no-driver-image', accelerator: 'AWS Inferentia' },
    ],
    ['AMD (g4ad)', AMD, { kind: 'no-driver-image', accelerator: 'AMD Radeon Pro V520' }],
    ['Habana (dl1)', GAUDI, { kind: 'no-driver-image', accelerator: 'Habana Gaudi HL-205' }],
  ] as const)('%s', (_, accelerator, expected) => {
    expect(imageFamily(accelerator)).toEqual(expected);
  });
});

describe('amiParameterNames', () => {
  it.each([
    ['plain x86_64', 'x86_64', undefined, [AL2023_X86]],
    ['plain arm64', 'arm64', undefined, [AL2023_ARM]],
    ['NVIDIA x86_64: DLAMI, ECS GPU, then plain', 'x86_64', L4, [NVIDIA_X86, ECS_GPU, AL2023_X86]],
    ['NVIDIA arm64 (g5g): the arm64 DLAMI', 'arm64', T4G, [NVIDIA_ARM, AL2023_ARM]],
    ['Neuron: base, multi-framework, then plain', 'x86_64', INF2, [NEURON_BASE, NEURON_MULTI, AL2023_X86]],
    ['AMD: plain only', 'x86_64', AMD, [AL2023_X86]],
  ] as const)('%s', (_, architecture, accelerator, expected) => {
    expect(amiParameterNames({ architecture, family: imageFamily(accelerator) })).toEqual(expected);
  });
});
