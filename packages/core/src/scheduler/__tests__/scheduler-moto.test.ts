import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { GetRoleCommand, GetRolePolicyCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { testStepContext } from '../../launch/_test-step-context.ts';
import { backstopPlanLine } from '../../launch/backstop-text.ts';
import { armBackstop } from '../../launch/steps/cloud-backstop.ts';
import { createInstance, ec2 } from '../../lifecycle/_moto-fixtures.ts';
import { syncCloudBackstop } from '../../lifecycle/sync-cloud-backstop.ts';
import { pointTerminationSchedule } from '../backstop.ts';
import { ensureSchedulerRole } from '../ensure-scheduler-role.ts';
import { findOrphanSchedules } from '../find-orphan-schedules.ts';
import { SCHEDULER_POLICY_NAME, SCHEDULER_ROLE_NAME } from '../names.ts';
import { schedulerPolicyDocument } from '../scheduler-policy.ts';
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
  it('creates the role once with a Scheduler-only trust and a tag-scoped Terminate/StopInstances policy', async () => {
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
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'ec2:StopInstances',
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

const raw = async (name: string) =>
  scheduler()
    .send(new GetScheduleCommand({ Name: name, GroupName: 'spawn' }))
    .catch((error: { name?: string }) => {
      if (error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    });
const names = async () =>
  ((await scheduler().send(new ListSchedulesCommand({ GroupName: 'spawn' }))).Schedules ?? [])
    .map((s) => s.Name)
    .sort();

describe('stop schedule (on-expire/on-idle stop or hibernate keeps the disk)', () => {
  const clients = () => ({ scheduler: scheduler(), iam: iam(), accountId: async () => ACCOUNT });
  const tags = (extra: Record<string, string>) => ({
    'spawn:managed': 'true',
    'spawn:expires-at': '2030-01-01T13:00:00Z',
    'spawn:max-stopped': '2d',
    ...extra,
  });
  const inst = (instanceId: string) => ({ instanceId, region: 'us-east-1', name: 'box' });

  it('on-expire stop: stop at deadline + 5m (StopInstances), terminate 2d (max-stopped) later', async () => {
    const id = 'i-0123456789abcdef4';
    const out = await syncCloudBackstop(clients(), inst(id), {
      tags: tags({ 'spawn:on-expire': 'stop', 'spawn:on-idle': 'terminate' }),
      stopped: false,
      now: NOW,
    });
    expect(out).toEqual({ state: 'armed', stopAt: '2030-01-01T13:05:00Z', at: '2030-01-03T13:05:00Z' });
    const stop = await raw(`spawn-${id}-stop`);
    expect(stop).toMatchObject({
      ScheduleExpression: 'at(2030-01-01T13:05:00)',
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: 'arn:aws:scheduler:::aws-sdk:ec2:stopInstances',
        RoleArn: `arn:aws:iam::${ACCOUNT}:role/${SCHEDULER_ROLE_NAME}`,
      },
    });
    expect(JSON.parse(stop?.Target?.Input ?? '')).toEqual({ InstanceIds: [id] });
    expect(await raw(`spawn-${id}`)).toMatchObject({
      ScheduleExpression: 'at(2030-01-03T13:05:00)',
      Target: { Arn: 'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances' },
    });
  });

  it('on-idle stop (the default) also stops first; on-idle and on-expire terminate keep one terminate schedule', async () => {
    const idle = 'i-0123456789abcdef5';
    await syncCloudBackstop(clients(), inst(idle), {
      tags: tags({ 'spawn:on-expire': 'terminate', 'spawn:on-idle': 'stop', 'spawn:idle-timeout': '1h' }),
      stopped: false,
      now: NOW,
    });
    const plain = 'i-0123456789abcdef6';
    const out = await syncCloudBackstop(clients(), inst(plain), {
      tags: tags({ 'spawn:on-expire': 'terminate', 'spawn:on-idle': 'terminate' }),
      stopped: false,
      now: NOW,
    });
    expect(out).toEqual({ state: 'armed', at: '2030-01-01T13:05:00Z' });
    // An idle timeout that is off never stops, so on-idle stop does not matter then.
    const noIdle = 'i-0123456789abcdef7';
    await syncCloudBackstop(clients(), inst(noIdle), {
      tags: tags({ 'spawn:on-expire': 'terminate', 'spawn:on-idle': 'stop', 'spawn:idle-timeout': 'off' }),
      stopped: false,
      now: NOW,
    });
    expect(await names()).toEqual(
      [`spawn-${idle}`, `spawn-${idle}-stop`, `spawn-${plain}`, `spawn-${noIdle}`].sort(),
    );
    expect((await raw(`spawn-${idle}-stop`))?.ScheduleExpression).toBe('at(2030-01-01T13:05:00)');
  });

  it('extend moves both; stop deletes the stop schedule and points terminate at now + max-stopped; start re-creates both; delete removes both', async () => {
    const id = 'i-0123456789abcdef8';
    const t = tags({ 'spawn:on-expire': 'hibernate' });
    await syncCloudBackstop(clients(), inst(id), { tags: t, stopped: false, now: NOW });
    const extended = { ...t, 'spawn:expires-at': '2030-01-01T15:00:00Z' };
    // A move needs Scheduler calls only (no IAM client).
    const moved = await syncCloudBackstop({ scheduler: scheduler() }, inst(id), {
      tags: extended,
      stopped: false,
      now: NOW,
    });
    expect(moved).toEqual({ state: 'armed', stopAt: '2030-01-01T15:05:00Z', at: '2030-01-03T15:05:00Z' });
    expect((await raw(`spawn-${id}-stop`))?.ScheduleExpression).toBe('at(2030-01-01T15:05:00)');

    const stopped = await syncCloudBackstop({ scheduler: scheduler() }, inst(id), {
      tags: extended,
      stopped: true,
      now: NOW,
    });
    expect(stopped).toEqual({ state: 'armed', at: '2030-01-03T12:00:00Z' });
    expect(await names()).toEqual([`spawn-${id}`]);

    const later = NOW + 86_400_000;
    const started = await syncCloudBackstop(clients(), inst(id), {
      tags: { ...t, 'spawn:expires-at': '2030-01-02T15:00:00Z' },
      stopped: false,
      now: later,
    });
    expect(started).toEqual({ state: 'armed', stopAt: '2030-01-02T15:05:00Z', at: '2030-01-04T15:05:00Z' });
    expect(await names()).toEqual([`spawn-${id}`, `spawn-${id}-stop`]);

    expect(await deleteTerminationSchedule(scheduler(), id, 'us-east-1')).toBe(true);
    expect(await names()).toEqual([]);
  });

  it('a role made by an older spawn (terminate only) gets ec2:StopInstances before a stop schedule is made', async () => {
    const { roleArn } = await ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' });
    const id = 'i-0123456789abcdef9';
    // Its terminate schedule exists already (launched by the older spawn): a move would reuse its role.
    await putTerminationSchedule(scheduler(), {
      instanceId: id,
      region: 'us-east-1',
      atMs: NOW + 3_600_000,
      roleArn,
      now: NOW,
    });
    const old = schedulerPolicyDocument({ partition: 'aws', accountId: ACCOUNT }) as {
      Statement: { Action: string }[];
    };
    await iam().send(
      new PutRolePolicyCommand({
        RoleName: SCHEDULER_ROLE_NAME,
        PolicyName: SCHEDULER_POLICY_NAME,
        PolicyDocument: JSON.stringify({
          ...old,
          Statement: old.Statement.filter((s) => s.Action === 'ec2:TerminateInstances'),
        }),
      }),
    );
    await pointTerminationSchedule(clients(), {
      instanceId: id,
      region: 'us-east-1',
      atMs: NOW + 7_200_000,
      stopAtMs: NOW + 3_600_000,
      now: NOW,
    });
    const policy = await iam().send(
      new GetRolePolicyCommand({ RoleName: SCHEDULER_ROLE_NAME, PolicyName: SCHEDULER_POLICY_NAME }),
    );
    const actions = JSON.parse(decodeURIComponent(policy.PolicyDocument ?? '')).Statement.map(
      (s: { Action: string }) => s.Action,
    );
    expect(actions).toContain('ec2:StopInstances');
  });

  it('findOrphanSchedules finds a -stop schedule whose instance is gone, never a live one', async () => {
    const { roleArn } = await ensureSchedulerRole(iam(), { accountId: ACCOUNT, partition: 'aws' });
    const live = await createInstance({ name: 'live' });
    const dead = await createInstance({ name: 'dead' });
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [dead] }));
    for (const id of [live, dead]) {
      await putTerminationSchedule(scheduler(), {
        instanceId: id,
        region: 'us-east-1',
        atMs: NOW + 3_600_000,
        roleArn,
        now: NOW,
        action: 'stop',
      });
    }
    const orphans = await findOrphanSchedules(scheduler(), ec2(), 'us-east-1');
    expect(orphans).toEqual([
      { name: `spawn-${dead}-stop`, instanceId: dead, action: 'stop', state: 'ENABLED' },
    ]);
    // Cleanup deletes by instance: both of its schedules go.
    expect(await deleteTerminationSchedule(scheduler(), dead, 'us-east-1')).toBe(true);
    expect(await names()).toEqual([`spawn-${live}-stop`]);
  });
});

describe('launch step armBackstop by end action', () => {
  const launch = (spec: { onExpire: 'stop' | 'terminate' | 'hibernate'; onIdle: 'stop' | 'terminate' }) =>
    testStepContext({
      spec: { ...spec, maxStoppedMs: 3 * 86_400_000 },
      clients: { scheduler: scheduler(), iam: iam() },
      environment: { now: () => new Date(NOW), sleep: async () => {} },
    });

  it('on-expire stop (on-idle terminate): stop at deadline + 5m, terminate max-stopped later; the plan says both; rollback deletes both', async () => {
    const id = 'i-0123456789abcde10';
    const ctx = launch({ onExpire: 'stop', onIdle: 'terminate' });
    expect(backstopPlanLine(ctx.spec)).toMatch(
      /^EventBridge Scheduler stops it 5m after the deadline and terminates it 3d later if nothing else has/,
    );
    const { line, value } = await armBackstop(ctx, { spec: ctx.spec, accountId: ACCOUNT, instanceId: id });
    expect(line).toBe(
      'Cloud backstop armed: EventBridge Scheduler stops it at 2030-01-01T13:05:00Z and terminates it at 2030-01-04T13:05:00Z if nothing else has',
    );
    expect(value).toMatchObject({
      kind: 'armed',
      stopAt: '2030-01-01T13:05:00Z',
      at: '2030-01-04T13:05:00Z',
    });
    expect((await raw(`spawn-${id}-stop`))?.Target?.Arn).toBe(
      'arn:aws:scheduler:::aws-sdk:ec2:stopInstances',
    );
    expect((await raw(`spawn-${id}`))?.Target?.Arn).toBe(
      'arn:aws:scheduler:::aws-sdk:ec2:terminateInstances',
    );
    await ctx.created.rollback();
    expect(await names()).toEqual([]);
  });

  it('on-expire and on-idle terminate: one terminate schedule at deadline + 5m', async () => {
    const id = 'i-0123456789abcde11';
    const ctx = launch({ onExpire: 'terminate', onIdle: 'terminate' });
    expect(backstopPlanLine(ctx.spec)).toMatch(/^EventBridge Scheduler terminates it 5m after the deadline/);
    const { value } = await armBackstop(ctx, { spec: ctx.spec, accountId: ACCOUNT, instanceId: id });
    expect(value).toMatchObject({ kind: 'armed', at: '2030-01-01T13:05:00Z' });
    expect((value as { stopAt?: string }).stopAt).toBeUndefined();
    expect(await names()).toEqual([`spawn-${id}`]);
  });
});
