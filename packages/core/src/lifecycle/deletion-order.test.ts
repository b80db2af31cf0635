import { describe, expect, it } from 'vitest';
import { orderForDeletion } from './deletion-order.ts';
import type { ResourceKind, SpawnResource } from './spawn-resource.ts';

const r = (kind: ResourceKind, id: string, extra: Partial<SpawnResource> = {}): SpawnResource => ({
  kind,
  id,
  region: 'us-east-1',
  ...extra,
});

describe('orderForDeletion', () => {
  it.each([
    [
      'a whole launch network, listed in creation order',
      [
        r('vpc', 'vpc-1'),
        r('internet-gateway', 'igw-1'),
        r('subnet', 'subnet-1'),
        r('route-table', 'rtb-1'),
        r('security-group', 'sg-1'),
        r('key-pair', 'key-1'),
        r('volume', 'vol-1'),
      ],
      ['sg-1', 'key-1', 'igw-1', 'subnet-1', 'rtb-1', 'vpc-1', 'vol-1'],
    ],
    [
      'main route tables go with their VPC, not directly',
      [r('vpc', 'vpc-1'), r('route-table', 'rtb-main', { isMain: true }), r('route-table', 'rtb-2')],
      ['rtb-2', 'vpc-1'],
    ],
    [
      'stable within a kind',
      [
        r('security-group', 'sg-b'),
        r('security-group', 'sg-a'),
        r('subnet', 'subnet-z'),
        r('subnet', 'subnet-y'),
      ],
      ['sg-b', 'sg-a', 'subnet-z', 'subnet-y'],
    ],
    [
      'schedules first; the shared IAM profile before its role, after everything in EC2',
      [
        r('iam-role', 'spawnd-agent'),
        r('instance-profile', 'spawnd-agent-p'),
        r('volume', 'vol-1'),
        r('schedule', 'spawn-i-1'),
      ],
      ['spawn-i-1', 'vol-1', 'spawnd-agent-p', 'spawnd-agent'],
    ],
    ['nothing', [], []],
  ])('%s', (_name, input, ids) => {
    expect(orderForDeletion(input).map((x) => x.id)).toEqual(ids);
  });
});
