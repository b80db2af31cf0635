import {
  CreateScheduleCommand,
  GetScheduleGroupCommand,
  SchedulerClient,
  UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import 'aws-sdk-client-mock-vitest/extend';
import { withAwsErrorTranslation } from '../aws/aws-error-middleware.ts';
import { putTerminationSchedule } from './termination-schedule.ts';

// moto accepts any role at once; real Scheduler rejects a role IAM has not propagated yet with a
// ValidationException, and answers ConflictException for an existing name: both need a mock.
const mock = mockClient(SchedulerClient);
// The mock replaces `send`, so the client's translating middleware is re-applied around it.
const scheduler = withAwsErrorTranslation(new SchedulerClient({ region: 'us-east-1' }), {
  region: 'us-east-1',
});
const NOW = Date.parse('2030-01-01T12:00:00Z');
const options = {
  instanceId: 'i-0123456789abcdef0',
  region: 'us-east-1',
  atMs: NOW + 3_600_000,
  roleArn: 'arn:aws:iam::123456789012:role/spawn-scheduler',
  now: NOW,
  sleep: async () => {},
};
const error = (name: string, message: string) => Object.assign(new Error(message), { name });

beforeEach(() => {
  mock.reset();
  mock.on(GetScheduleGroupCommand).resolves({ Name: 'spawn' });
});

describe('putTerminationSchedule', () => {
  it('retries while a fresh role is not yet assumable, then creates the schedule', async () => {
    mock
      .on(CreateScheduleCommand)
      .rejectsOnce(
        error(
          'ValidationException',
          'The execution role you provide must allow AWS EventBridge Scheduler to assume the role.',
        ),
      )
      .resolves({
        ScheduleArn: 'arn:aws:scheduler:us-east-1:123456789012:schedule/spawn/spawn-i-0123456789abcdef0',
      });
    const s = await putTerminationSchedule(scheduler, options);
    expect(s.at).toBe('2030-01-01T13:00:00Z');
    expect(mock).toHaveReceivedCommandTimes(CreateScheduleCommand, 2);
  });

  it('gives up after the retries and reports the error (no endless loop)', async () => {
    mock
      .on(CreateScheduleCommand)
      .rejects(error('ValidationException', 'must allow EventBridge Scheduler to assume the role'));
    await expect(putTerminationSchedule(scheduler, { ...options, roleRetries: 2 })).rejects.toMatchObject({
      name: 'UserError',
    });
    expect(mock).toHaveReceivedCommandTimes(CreateScheduleCommand, 3);
  });

  it('an existing schedule of the same name is updated in place with the full definition', async () => {
    mock.on(CreateScheduleCommand).rejects(error('ConflictException', 'Schedule already exists.'));
    mock.on(UpdateScheduleCommand).resolves({});
    await putTerminationSchedule(scheduler, options);
    expect(mock).toHaveReceivedCommandWith(UpdateScheduleCommand, {
      Name: 'spawn-i-0123456789abcdef0',
      GroupName: 'spawn',
      ScheduleExpression: 'at(2030-01-01T13:00:00)',
      ActionAfterCompletion: 'DELETE',
      FlexibleTimeWindow: { Mode: 'OFF' },
    });
  });

  it('other validation errors are not retried', async () => {
    mock.on(CreateScheduleCommand).rejects(error('ValidationException', 'Invalid Schedule Expression'));
    await expect(putTerminationSchedule(scheduler, options)).rejects.toMatchObject({ name: 'UserError' });
    expect(mock).toHaveReceivedCommandTimes(CreateScheduleCommand, 1);
  });
});
