import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  EC2Client,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { withAwsErrorTranslation } from '../aws/aws-error-middleware.ts';
import { testInstance } from './_test-instance.ts';
import { startManagedInstance } from './start-instance.ts';
import { stopManagedInstance } from './stop-instance.ts';

// moto accepts but ignores StopInstances' Hibernate flag and cannot fail StartInstances on
// capacity, so these request shapes are checked against a mocked client.
const ec2Mock = mockClient(EC2Client);
// The mock replaces `send`, so the client's translating middleware is re-applied around it.
const ec2 = withAwsErrorTranslation(new EC2Client({ region: 'us-east-1' }), { region: 'us-east-1' });
const NOW = Date.parse('2030-01-01T12:00:00Z');

beforeEach(() => {
  ec2Mock.reset();
  ec2Mock.on(CreateTagsCommand).resolves({});
  ec2Mock.on(DeleteTagsCommand).resolves({});
  ec2Mock.on(StopInstancesCommand).resolves({});
  ec2Mock.on(DescribeInstancesCommand).resolves({
    Reservations: [{ Instances: [{ InstanceId: 'i-0123456789abcdef0', State: { Name: 'stopped' } }] }],
  });
});

describe('stopManagedInstance', () => {
  it('hibernates with Hibernate=true, then pauses the TTL', async () => {
    const instance = testInstance({
      hibernationConfigured: true,
      tags: { 'spawn:expires-at': '2030-01-01T14:00:00Z' },
    });
    await stopManagedInstance(ec2, instance, { hibernate: true, now: NOW, waitSeconds: 0 });
    expect(ec2Mock).toHaveReceivedCommandWith(StopInstancesCommand, {
      InstanceIds: ['i-0123456789abcdef0'],
      Hibernate: true,
    });
    expect(ec2Mock).toHaveReceivedCommandWith(CreateTagsCommand, {
      Tags: [{ Key: 'spawn:ttl-remaining', Value: '2h' }],
    });
    expect(ec2Mock).toHaveReceivedCommandWith(DeleteTagsCommand, { Tags: [{ Key: 'spawn:expires-at' }] });
  });

  it('refuses to hibernate an instance launched without hibernation, before any call', async () => {
    await expect(
      stopManagedInstance(ec2, testInstance(), { hibernate: true, now: NOW, waitSeconds: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE', hint: expect.stringContaining('spawn stop box') });
    expect(ec2Mock.calls()).toHaveLength(0);
  });
});

describe('startManagedInstance', () => {
  it('puts the paused TTL back when the start fails for capacity', async () => {
    ec2Mock.on(StartInstancesCommand).rejects(
      Object.assign(new Error('We currently do not have sufficient p5.48xlarge capacity'), {
        name: 'InsufficientInstanceCapacity',
      }),
    );
    const stopped = testInstance({ state: 'stopped', tags: { 'spawn:ttl-remaining': '3h' } });
    await expect(startManagedInstance(ec2, stopped, { now: NOW, waitSeconds: 0 })).rejects.toMatchObject({
      code: 'EC2_CAPACITY_UNAVAILABLE',
    });
    const tagCalls = ec2Mock.calls().map((c) => [c.args[0].constructor.name, c.args[0].input]);
    expect(tagCalls).toEqual([
      [
        'CreateTagsCommand',
        {
          Resources: ['i-0123456789abcdef0'],
          Tags: [{ Key: 'spawn:expires-at', Value: '2030-01-01T15:00:00Z' }],
        },
      ],
      ['DeleteTagsCommand', { Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'spawn:ttl-remaining' }] }],
      ['StartInstancesCommand', { InstanceIds: ['i-0123456789abcdef0'] }],
      [
        'CreateTagsCommand',
        { Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'spawn:ttl-remaining', Value: '3h' }] },
      ],
      ['DeleteTagsCommand', { Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'spawn:expires-at' }] }],
    ]);
  });

  it('refuses an instance that is still stopping', async () => {
    await expect(
      startManagedInstance(ec2, testInstance({ state: 'stopping' }), { now: NOW, waitSeconds: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });
});
