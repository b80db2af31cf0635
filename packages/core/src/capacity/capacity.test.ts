import { readFileSync } from 'node:fs';
import {
  type CapacityBlockOffering,
  type CapacityReservation,
  DescribeCapacityBlockOfferingsCommand,
  DescribeCapacityReservationsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { capacitySchema } from '../protocol/schemas.ts';
import { isAccelerated } from './is-accelerated.ts';
import { listCapacityBlockOfferings } from './list-capacity-block-offerings.ts';
import { listCapacityReservations } from './list-capacity-reservations.ts';

// moto implements neither DescribeCapacityReservations nor DescribeCapacityBlockOfferings:
// these run on fixtures shaped like the AWS API reference.
const raw = JSON.parse(readFileSync(new URL('./fixtures/capacity.json', import.meta.url), 'utf8'));
const dates = <T>(o: Record<string, unknown>): T =>
  Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, /Date$/.test(k) && typeof v === 'string' ? new Date(v) : v]),
  ) as T;
const reservationPage = (i: number) => ({
  ...raw.reservationPages[i],
  CapacityReservations: raw.reservationPages[i].CapacityReservations.map(dates<CapacityReservation>),
});
const blocks = (type: string): CapacityBlockOffering[] =>
  (raw.blockOfferings[type] ?? []).map(dates<CapacityBlockOffering>);

const ec2 = mockClient(EC2Client);
const client = () => new EC2Client({ region: 'us-east-1' });
beforeEach(() => ec2.reset());
afterEach(() => ec2.reset());

describe('listCapacityReservations', () => {
  beforeEach(() => {
    ec2
      .on(DescribeCapacityReservationsCommand)
      .resolvesOnce(reservationPage(0))
      .resolvesOnce(reservationPage(1));
  });

  it('pages through reservations and maps them to capacity records with the reservation id', async () => {
    const records = await listCapacityReservations(client(), { region: 'us-east-1' });
    expect(
      records.map((r) => [
        r.reservationId,
        r.instanceType,
        r.availabilityZone,
        r.availableCount,
        r.totalCount,
        r.state,
      ]),
    ).toEqual([
      ['cr-0b1a2c3d4e5f60718', 'g5.12xlarge', 'us-east-1a', 1, 4, 'active'],
      ['cr-0f9e8d7c6b5a43210', 'm7i.large', 'us-east-1b', 0, 2, 'active'],
      ['cr-0123456789abcdef0', 'p5.48xlarge', 'us-east-1d', 1, 1, 'scheduled'],
    ]);
    expect(records[0]).toMatchObject({
      kind: 'odcr',
      tenancy: 'default',
      endDate: '2026-08-15T00:00:00.000Z',
      instanceMatchCriteria: 'targeted',
    });
    expect(records[1]?.endDate).toBeUndefined();
    for (const r of records) capacitySchema.parse(r);
    expect(ec2).toHaveReceivedNthCommandWith(DescribeCapacityReservationsCommand, 2, {
      NextToken: 'cr-page-2',
    });
  });

  it('--available-only asks for active ones and drops full reservations', async () => {
    const records = await listCapacityReservations(client(), {
      region: 'us-east-1',
      availableOnly: true,
      instanceTypes: ['g5.12xlarge', 'm7i.large'],
    });
    expect(records.map((r) => r.reservationId)).toEqual(['cr-0b1a2c3d4e5f60718']);
    expect(ec2).toHaveReceivedNthCommandWith(DescribeCapacityReservationsCommand, 1, {
      Filters: [
        { Name: 'state', Values: ['active'] },
        { Name: 'instance-type', Values: ['g5.12xlarge', 'm7i.large'] },
      ],
    });
  });
});

describe('listCapacityBlockOfferings', () => {
  it('asks once per type with count, duration and window, and keeps fee and dates', async () => {
    ec2
      .on(DescribeCapacityBlockOfferingsCommand, { InstanceType: 'p5.48xlarge' })
      .resolves({ CapacityBlockOfferings: blocks('p5.48xlarge') });
    ec2
      .on(DescribeCapacityBlockOfferingsCommand, { InstanceType: 'trn2.48xlarge' })
      .resolves({ CapacityBlockOfferings: [] });
    const start = new Date('2026-08-02T00:00:00Z');
    const records = await listCapacityBlockOfferings(client(), {
      region: 'us-east-1',
      instanceTypes: ['p5.48xlarge', 'trn2.48xlarge'],
      count: 1,
      durationHours: 24,
      start,
    });
    expect(records).toEqual([
      expect.objectContaining({
        kind: 'capacity-block',
        offeringId: 'cb-0123456789abcdefg',
        upfrontFee: 749.76,
        currency: 'USD',
        durationHours: 24,
        startDate: '2026-08-05T11:30:00.000Z',
        endDate: '2026-08-06T11:30:00.000Z',
        totalCount: 1,
      }),
      expect.objectContaining({
        offeringId: 'cb-0fedcba9876543210',
        availabilityZone: 'us-east-1c',
        upfrontFee: 765.12,
      }),
    ]);
    for (const r of records) capacitySchema.parse(r);
    expect(ec2).toHaveReceivedCommandWith(DescribeCapacityBlockOfferingsCommand, {
      InstanceType: 'p5.48xlarge',
      InstanceCount: 1,
      CapacityDurationHours: 24,
      StartDateRange: start,
    });
  });

  it('skips types AWS does not sell as blocks only when asked to', async () => {
    const unsupported = Object.assign(new Error('The instance type m5.large is not supported.'), {
      name: 'InvalidParameterValue',
    });
    ec2.on(DescribeCapacityBlockOfferingsCommand).rejects(unsupported);
    const o = { region: 'us-east-1', instanceTypes: ['m5.large'], count: 1, durationHours: 24 };
    expect(await listCapacityBlockOfferings(client(), { ...o, skipUnsupported: true })).toEqual([]);
    await expect(listCapacityBlockOfferings(client(), o)).rejects.toThrow('not supported');
  });
});

describe('isAccelerated', () => {
  it.each([
    [
      'GPU (g6e)',
      { InstanceType: 'g6e.xlarge', GpuInfo: { Gpus: [{ Name: 'L40S', Manufacturer: 'NVIDIA', Count: 1 }] } },
      true,
    ],
    [
      'Neuron (trn2)',
      { InstanceType: 'trn2.48xlarge', NeuronInfo: { NeuronDevices: [{ Name: 'Trainium2', Count: 16 }] } },
      true,
    ],
    [
      'Inferentia (inf1, legacy field)',
      {
        InstanceType: 'inf1.xlarge',
        InferenceAcceleratorInfo: { Accelerators: [{ Name: 'Inferentia', Count: 1 }] },
      },
      true,
    ],
    [
      'FPGA (f2)',
      {
        InstanceType: 'f2.12xlarge',
        FpgaInfo: { Fpgas: [{ Name: 'Virtex UltraScale+ HBM VU47P', Count: 2 }] },
      },
      true,
    ],
    [
      'media (vt1)',
      { InstanceType: 'vt1.3xlarge', MediaAcceleratorInfo: { Accelerators: [{ Name: 'U30', Count: 1 }] } },
      true,
    ],
    ['plain (m7i)', { InstanceType: 'm7i.large' }, false],
    ['catalog shape with GPUs', { gpus: { count: 8, model: 'H100' } }, true],
    ['catalog shape without', { gpus: undefined }, false],
  ] as const)('%s', (_label, t, expected) => {
    expect(isAccelerated(t as Parameters<typeof isAccelerated>[0])).toBe(expected);
  });
});
