import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { useMoto } from '../../../../../scripts/test/moto.ts';
import { createInstance, ec2 } from '../../lifecycle/_moto-fixtures.ts';
import { pointTerminationSchedule } from '../backstop.ts';
import { ensureSchedulerRole } from '../ensure-scheduler-role.ts';
import { findOrphanSchedules } from '../find-orphan-schedules.ts';
import { SCHEDULER_POLICY_NAME, SCHEDULER_ROLE_NAME } from '../names.ts';
import {
  deleteTerminationSchedule,
  getTerminationSchedule,
  putTerminationSchedule,
} from '../termination-schedule.ts';

// moto 5.2.1 stores schedules and groups like EventBridge Scheduler but never fires them, and
// it does not enforce the role's policy: these tests prove the definitions, not the firing.
useMoto();
const ACCOUNT = '123456789012';
const NOW = Date.parse('2030-01-01T12:00:00Z');
const scheduler = () => new SchedulerClient({ region: 'us-east-1' });
const iam = () => new IAMClient({ region: 'us-east-1' });

describe('scheduler role', () => {
  it('creates the role once with a Scheduler-only trust and a tag-scoped TerminateInstances policy', async () => {
    const first = await ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' });
    const second = await ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' });
    expect(first.outcome).toBe('created');
    expect(second).toEqual({ roleArn: first.roleArn, outcome: 'reused' });
    expect(first.roleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/${SCHEDULER_ROLE_NAME}`);
    const role = await iam().send(new GetRoleCommand({ RoleName: SCHEDULER_ROLE_NAME }));
    const trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? ''));
    expect(trust.Statement[0].Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    expect(trust.Statement[0].Condition.StringEquals).toEqual({ 'aws:SourceAccount': ACCOUNT });
    const policy = await iam().send(
      new GetRolePolicyCommand({ RoleName: SCHEDULER_ROLE_NAME, PolicyName: SCHEDULER_POLICY_NAME }),
    );
    const doc = JSON.parse(decodeURIComponent(policy.PolicyDocument ?? ''));
    expect(doc.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'ec2:TerminateInstances',
        Condition: { StringEquals: { 'aws:ResourceTag/spawn:managed': 'true' } },
      }),
    ]);
  });

  it('concurrent first launches share one role (the loser adopts it)', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' })),
    );
    expect(new Set(results.map((r) => r.roleArn)).size).toBe(1);
  });

  it('repairs a half-made role: a wrong policy is replaced with the current one', async () => {
    await ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' });
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: SCHEDULER_ROLE_NAME,
        PolicyName: SCHEDULER_POLICY_NAME,
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }],
        }),
      }),
    );
    const repaired = await ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' });
    expect(repaired.outcome).toBe('repaired');
    const policy = await iam().send(
      new GetRolePolicyCommand({ RoleName: SCHEDULER_ROLE_NAME, PolicyName: SCHEDULER_POLICY_NAME }),
    );
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument ?? '')).Statement[0].Action).toBe(
      'ec2:TerminateInstances',
    );
  });
});

describe('termination schedule', () => {
  it('creates a one-time schedule in group spawn that terminates exactly this instance, then moves and deletes it', async () => {
    const { roleArn } = await ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' });
    const id = 'i-0123456789abcdef0';
    const at = Date.parse('2030-01-01T20:05:00Z');
    await putTerminationSchedule(scheduler(), {
      instanceId: id,
      region: 'us-east-1',
      atMs: at,
      roleArn,
      now: NOW,
    });
    const raw = await scheduler().send(new GetScheduleCommand({ Name: `spawn-${id}`, GroupName: 'spawn' }));
    expect(raw).toMatchObject({
      ScheduleExpression: 'at(2030-01-01T20:05:00)',
      ScheduleExpressionTimezone: 'UTC',
      ActionAfterCompletion: 'DELETE',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: 'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances', RoleArn: roleArn },
    });
    expect(JSON.parse(raw.Target?.Input ?? '')).toEqual({ InstanceIds: [id] });

    await putTerminationSchedule(scheduler(), {
      instanceId: id,
      region: 'us-east-1',
      atMs: at + 2 * 3_600_000,
      roleArn,
      now: NOW,
    });
    expect((await getTerminationSchedule(scheduler(), id, 'us-east-1'))?.at).toBe('2030-01-01T22:05:00Z');
    const listed = await scheduler().send(new ListSchedulesCommand({ GroupName: 'spawn' }));
    expect(listed.Schedules?.map((s) => s.Name)).toEqual([`spawn-${id}`]);

    expect(await deleteTerminationSchedule(scheduler(), id, 'us-east-1')).toBe(true);
    expect(await getTerminationSchedule(scheduler(), id, 'us-east-1')).toBeUndefined();
    expect(await deleteTerminationSchedule(scheduler(), id, 'us-east-1')).toBe(false);
  });

  it('never schedules in the past: an overdue time fires a minute from now', async () => {
    const { roleArn } = await ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' });
    const s = await putTerminationSchedule(scheduler(), {
      instanceId: 'i-0123456789abcdef1',
      region: 'us-east-1',
      atMs: NOW - 3_600_000,
      roleArn,
      now: NOW,
    });
    expect(s.at).toBe('2030-01-01T12:01:00Z');
  });

  it('pointTerminationSchedule creates the role when needed, then moves with Scheduler calls only', async () => {
    const id = 'i-0123456789abcdef2';
    const clients = { scheduler: scheduler(), iam: iam(), accountId: async () => ACCOUNT };
    const first = await pointTerminationSchedule(clients, {
      instanceId: id,
      region: 'us-east-1',
      atMs: NOW + 3_600_000,
      now: NOW,
    });
    expect(first).toEqual({ state: 'armed', at: '2030-01-01T13:00:00Z' });
    const moved = await pointTerminationSchedule(
      { scheduler: scheduler() },
      { instanceId: id, region: 'us-east-1', atMs: NOW + 7_200_000, now: NOW },
    );
    expect(moved).toEqual({ state: 'armed', at: '2030-01-01T14:00:00Z' });
    const none = await pointTerminationSchedule(
      { scheduler: scheduler() },
      { instanceId: 'i-0123456789abcdef3', region: 'us-east-1', atMs: NOW + 7_200_000, now: NOW },
    );
    expect(none.state).toBe('absent');
  });

  it('findOrphanSchedules returns schedules whose instance is terminated or unknown, never a live one', async () => {
    const { roleArn } = await ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' });
    const live = await createInstance({ name: 'live' });
    const dead = await createInstance({ name: 'dead' });
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [dead] }));
    const ghost = 'i-0000000000000dead';
    for (const id of [live, dead, ghost]) {
      await putTerminationSchedule(scheduler(), {
        instanceId: id,
        region: 'us-east-1',
        atMs: NOW + 3_600_000,
        roleArn,
        now: NOW,
      });
    }
    const orphans = await findOrphanSchedules(scheduler(), ec2(), 'us-east-1');
    expect(orphans.map((o) => o.instanceId).sort()).toEqual([dead, ghost].sort());
  });

  it('a region without the spawn group has no schedules to list', async () => {
    expect(await findOrphanSchedules(scheduler(), ec2(), 'us-east-1')).toEqual([]);
  });
});
