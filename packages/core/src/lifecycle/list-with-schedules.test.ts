import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { listWithSchedules } from './list-with-schedules.ts';

// When each call is sent relative to another region's answer cannot be staged against moto (it
// answers in its own order), so this uses mocked clients with AWS's response shapes.
const ec2Mock = mockClient(EC2Client);
const schedulerMock = mockClient(SchedulerClient);
const events: string[] = [];

const instance = (id: string, state: string, tags: Record<string, string> = {}) => ({
  InstanceId: id,
  InstanceType: 't3.micro',
  State: { Name: state },
  LaunchTime: new Date('2030-01-01T10:00:00Z'),
  Placement: { AvailabilityZone: 'us-east-1a' },
  Tags: Object.entries({ Name: id, 'spawn:managed': 'true', ...tags }).map(([Key, Value]) => ({
    Key,
    Value,
  })),
});

const FOUND: Record<string, ReturnType<typeof instance>[]> = {
  'us-east-1': [instance('i-0aaaaaaaaaaaaaaa1', 'running', { 'spawn:expires-at': '2030-01-01T11:00:00Z' })],
  // Slow, and only a terminated instance: it must not be asked for schedules.
  'eu-west-1': [instance('i-0bbbbbbbbbbbbbbb1', 'terminated')],
  'ap-south-1': [],
};

beforeEach(() => {
  ec2Mock.reset();
  schedulerMock.reset();
  events.length = 0;
  ec2Mock.on(DescribeInstancesCommand).callsFake(async (_input, getClient) => {
    const region = await getClient().config.region();
    if (region === 'eu-west-1') await new Promise((r) => setTimeout(r, 200));
    events.push(`DescribeInstances ${region} answered`);
    return { Reservations: [{ Instances: FOUND[region] ?? [] }] };
  });
  schedulerMock.on(ListSchedulesCommand).callsFake(async (_input, getClient) => {
    events.push(`ListSchedules ${await getClient().config.region()} sent`);
    return { Schedules: [{ Name: 'spawn-i-0aaaaaaaaaaaaaaa1', GroupName: 'spawn', State: 'ENABLED' }] };
  });
});

const list = () =>
  listWithSchedules(
    {
      ec2For: (region) => new EC2Client({ region }),
      schedulerFor: (region) => new SchedulerClient({ region }),
      keep: (i) => i.state !== 'terminated',
    },
    ['us-east-1', 'eu-west-1', 'ap-south-1'],
  );

describe('listWithSchedules', () => {
  it("sends a region's ListSchedules as soon as its instances are known, before a slower region answers", async () => {
    const out = await list();
    expect(events.indexOf('ListSchedules us-east-1 sent')).toBeGreaterThan(-1);
    expect(events.indexOf('ListSchedules us-east-1 sent')).toBeLessThan(
      events.indexOf('DescribeInstances eu-west-1 answered'),
    );
    expect(out.views.get('i-0aaaaaaaaaaaaaaa1')).toEqual({ state: 'armed' });
    expect(out.instances.map((i) => i.instanceId).sort()).toEqual([
      'i-0aaaaaaaaaaaaaaa1',
      'i-0bbbbbbbbbbbbbbb1',
    ]);
  });

  it('asks no region for schedules where no kept instance is (none, or only filtered-out ones)', async () => {
    const out = await list();
    expect(events.filter((e) => e.startsWith('ListSchedules'))).toEqual(['ListSchedules us-east-1 sent']);
    expect(out.views.has('i-0bbbbbbbbbbbbbbb1')).toBe(false);
  });

  it('a ListSchedules that fails leaves the views unknown, not the listing failed', async () => {
    schedulerMock
      .on(ListSchedulesCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const out = await list();
    expect(out.views.get('i-0aaaaaaaaaaaaaaa1')).toEqual({ state: 'unknown' });
    expect(out.failed).toEqual([]);
  });
});
