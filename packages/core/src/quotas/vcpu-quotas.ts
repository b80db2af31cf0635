/**
 * EC2's vCPU-based quotas: one bucket per instance-family group, each with an on-demand and a spot
 * Service Quotas code (service code `ec2`). Codes and names as AWS publishes them in Service Quotas.
 * `families` are the instance-type prefixes (the letters before the generation digit) a bucket covers.
 */
export const VCPU_QUOTAS = {
  standard: {
    label: 'Standard (A, C, D, H, I, M, R, T, Z)',
    families: ['a', 'c', 'd', 'h', 'i', 'm', 'r', 't', 'z'],
    onDemand: {
      code: 'L-1216C47A',
      name: 'Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances',
    },
    spot: { code: 'L-34B43A08', name: 'All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests' },
  },
  g: {
    label: 'G and VT',
    families: ['g', 'vt'],
    onDemand: { code: 'L-DB2E81BA', name: 'Running On-Demand G and VT instances' },
    spot: { code: 'L-3819A6DF', name: 'All G and VT Spot Instance Requests' },
  },
  p: {
    label: 'P',
    families: ['p'],
    onDemand: { code: 'L-417A185B', name: 'Running On-Demand P instances' },
    spot: { code: 'L-7212CCBC', name: 'All P Spot Instance Requests' },
  },
  inf: {
    label: 'Inf',
    families: ['inf'],
    onDemand: { code: 'L-1945791B', name: 'Running On-Demand Inf instances' },
    spot: { code: 'L-B5D1601B', name: 'All Inf Spot Instance Requests' },
  },
  trn: {
    label: 'Trn',
    families: ['trn'],
    onDemand: { code: 'L-2C3B7624', name: 'Running On-Demand Trn instances' },
    spot: { code: 'L-6B0D517C', name: 'All Trn Spot Instance Requests' },
  },
  dl: {
    label: 'DL',
    families: ['dl'],
    onDemand: { code: 'L-6E869C2A', name: 'Running On-Demand DL instances' },
    spot: { code: 'L-85EED4F7', name: 'All DL Spot Instance Requests' },
  },
  f: {
    label: 'F',
    families: ['f'],
    onDemand: { code: 'L-74FC7D96', name: 'Running On-Demand F instances' },
    spot: { code: 'L-88CF9481', name: 'All F Spot Instance Requests' },
  },
  x: {
    label: 'X',
    families: ['x'],
    onDemand: { code: 'L-7295265B', name: 'Running On-Demand X instances' },
    spot: { code: 'L-E3A00192', name: 'All X Spot Instance Requests' },
  },
} as const;

export type Bucket = keyof typeof VCPU_QUOTAS;

export const BUCKETS = Object.keys(VCPU_QUOTAS) as Bucket[];

export function isBucket(value: string): value is Bucket {
  return Object.hasOwn(VCPU_QUOTAS, value);
}
