import type { CatalogInstanceType } from '../catalog/types.ts';

type Predicate = (t: CatalogInstanceType) => boolean;

const arm = (t: CatalogInstanceType) => t.architectures.includes('arm64');
// Every arm64 processor AWS makes for EC2 is a Graviton; EC2 reports its manufacturer as "AWS".
const graviton: Predicate = (t) => arm(t) && t.processor === 'AWS';
const kind =
  (...kinds: string[]): Predicate =>
  (t) =>
    t.gpus !== undefined && kinds.includes(t.gpus.kind ?? 'gpu');

/** Words that select types by their specs rather than their names. */
export const KEYWORDS: Readonly<Record<string, Predicate>> = {
  gpu: kind('gpu'),
  gpus: kind('gpu'),
  accelerator: (t) => t.gpus !== undefined,
  accelerated: (t) => t.gpus !== undefined,
  nvidia: (t) => t.gpus?.manufacturer === 'NVIDIA',
  neuron: (t) => t.gpus?.manufacturer === 'AWS' && kind('training', 'inference')(t),
  training: kind('training'),
  inference: kind('inference'),
  fpga: kind('fpga'),
  graviton,
  arm: arm,
  arm64: arm,
  aarch64: arm,
  intel: (t) => t.processor === 'Intel',
  amd: (t) => t.processor === 'AMD',
  x86: (t) => t.architectures.includes('x86_64'),
  x86_64: (t) => t.architectures.includes('x86_64'),
  mac: (t) => t.architectures.some((a) => a.endsWith('_mac')),
  burstable: (t) => t.burstable === true,
  metal: (t) => t.instanceType.endsWith('.metal') || /\.metal-/.test(t.instanceType),
  hibernation: (t) => t.supportsHibernation,
};
