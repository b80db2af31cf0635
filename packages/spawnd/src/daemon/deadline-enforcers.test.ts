import {
  type ActivitySample,
  type AgentEc2Client,
  createImdsClient,
  decodeStatusTag,
  HEARTBEAT_PERIOD_MS,
  OS_TIMER_GRACE_MS,
} from '@truffle-spawn/core/agent';
import { type FakeImds, startFakeImds } from '@truffle-spawn/test-utils/fake-imds';
import { afterEach, describe, expect, it } from 'vitest';
import type { OsTimer } from '../io/os-timer.ts';
import { TERMINATE_SHUTDOWN_AFTER_MS } from './acting.ts';
import { createAgent } from './agent.ts';

// The agent in process with a fake EC2 (tags served or the API unreachable), a fake IMDS with
// instance metadata tags, a recording OS timer and shutdown: what enforces the deadline when.
const T0 = Date.parse('2030-01-01T00:00:00Z');
const MIN = 60_000;
const ID = 'i-0123456789abcdef0';
let imds: FakeImds | undefined;
afterEach(async () => {
  await imds?.close();
  imds = undefined;
});

function fakeEc2(state: { tags: Record<string, string>; down: boolean; calls: string[] }): AgentEc2Client {
  return {
    async send(action, params) {
      state.calls.push(`${action} ${JSON.stringify(params)}`);
      if (state.down) throw Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' });
      if (action === 'CreateTags') {
        for (let i = 1; params[`Tag.${i}.Key`]; i++)
          state.tags[params[`Tag.${i}.Key`] ?? ''] = params[`Tag.${i}.Value`] ?? '';
      }
      if (action !== 'DescribeTags') return '<ok/>';
      const items = Object.entries(state.tags)
        .map(([k, v]) => `<item><key>${k}</key><value>${v}</value></item>`)
        .join('');
      return `<DescribeTagsResponse><tagSet>${items}</tagSet></DescribeTagsResponse>`;
    },
  };
}

async function setup(o: { tags: Record<string, string>; down?: boolean; imdsTags?: boolean; now?: number }) {
  imds = await startFakeImds({ instanceId: ID, tags: o.imdsTags === false ? undefined : o.tags });
  const ec2State = { tags: { ...o.tags }, down: o.down ?? false, calls: [] as string[] };
  const clock = { now: o.now ?? T0 };
  const timer: string[] = [];
  const shutdowns: number[] = [];
  const logs: string[] = [];
  const osTimer: OsTimer = {
    arm: async (at) => void timer.push(`arm ${new Date(at).toISOString()}`),
    disarm: async () => void timer.push('disarm'),
  };
  const sample = (at: number): ActivitySample => ({
    at,
    cpu: { busy: at, total: at },
    networkBytes: 0,
    sessions: 1,
    gpu: null,
  });
  const make = () =>
    createAgent({
      now: () => clock.now,
      imds: createImdsClient({ endpoint: imds?.endpoint }),
      ec2For: () => fakeEc2(ec2State),
      readSample: async (now) => sample(now),
      notifier: { notify: async () => undefined, clear: async () => undefined },
      loadState: async () => undefined,
      saveState: async () => undefined,
      writeStatusFile: async () => undefined,
      shutdown: async () => void shutdowns.push(clock.now),
      osTimer,
      log: {
        info: (m) => logs.push(`info ${m}`),
        warn: (m) => logs.push(`warn ${m}`),
        error: (m, e) => logs.push(`error ${m} ${e ?? ''}`),
      },
      intervalMs: MIN,
      warningLeadsMs: [],
      statusTagEveryMs: HEARTBEAT_PERIOD_MS,
    });
  return { agent: make(), make, clock, timer, shutdowns, logs, ec2: ec2State };
}

const iso = (ms: number) => new Date(ms).toISOString();
const expires = (ms: number) => ({ 'spawn:managed': 'true', 'spawn:expires-at': iso(ms) });

describe('the OS timer, owned by spawnd', () => {
  it('armed at start for deadline + grace, moved on extend, removed when the TTL is paused, re-armed by a restart', async () => {
    const t = await setup({ tags: expires(T0 + 60 * MIN) });
    await t.agent.cycle();
    expect(t.timer).toEqual([`arm ${iso(T0 + 60 * MIN + OS_TIMER_GRACE_MS)}`]);
    await t.agent.cycle();
    expect(t.timer).toHaveLength(1);
    t.ec2.tags['spawn:expires-at'] = iso(T0 + 180 * MIN);
    await t.agent.cycle();
    expect(t.timer.at(-1)).toBe(`arm ${iso(T0 + 180 * MIN + OS_TIMER_GRACE_MS)}`);
    delete t.ec2.tags['spawn:expires-at'];
    t.ec2.tags['spawn:ttl-remaining'] = '2h';
    // The pause `spawn stop` writes is seen while the instance still runs (the resume is only at start).
    const restarted = t.make();
    await t.agent.cycle();
    expect(t.timer.at(-1)).toBe('disarm');
    t.ec2.tags['spawn:expires-at'] = iso(T0 + 240 * MIN);
    await restarted.cycle();
    await restarted.cycle();
    expect(t.timer.at(-1)).toBe(`arm ${iso(T0 + 240 * MIN + OS_TIMER_GRACE_MS)}`);
  });

  it('an unreadable expires-at ("1") moves nothing and is reported', async () => {
    const t = await setup({ tags: expires(T0 + 60 * MIN) });
    await t.agent.cycle();
    t.ec2.tags['spawn:expires-at'] = '1';
    t.clock.now += 16 * MIN;
    const d = await t.agent.cycle();
    expect(d?.act).toBeUndefined();
    expect(t.timer).toHaveLength(1);
    expect(d?.problems.join()).toContain('keeping the last valid deadline');
    expect(t.logs.join('\n')).toContain('spawn:expires-at="1" is not an ISO-8601 time with a zone');
  });
});

describe('EC2 API unreachable', () => {
  it('reads the deadline from instance metadata tags, says why, and an overdue one ends the OS within minutes', async () => {
    const deadline = T0 - 10 * MIN;
    const t = await setup({ tags: expires(deadline), down: true, now: T0 });
    const d = await t.agent.cycle();
    expect(d?.act).toMatchObject({ reason: 'ttl', action: 'terminate' });
    expect(t.logs.join('\n')).toMatch(
      /warn EC2 API unreachable \(DescribeTags: TimeoutError.*\): using the spawn:\* tags from instance metadata/,
    );
    // Overdue: the OS timer fires after the warning period, not at a past time.
    expect(t.timer).toEqual([`arm ${iso(T0 + MIN)}`]);
    while (t.shutdowns.length === 0 && t.clock.now < T0 + 15 * MIN) {
      t.clock.now += MIN;
      await t.agent.cycle();
    }
    expect(t.shutdowns[0]).toBeLessThanOrEqual(T0 + TERMINATE_SHUTDOWN_AFTER_MS);
  });

  it('with neither EC2 nor metadata tags: never disarms the timer user-data armed, and says why', async () => {
    const t = await setup({ tags: expires(T0 + 60 * MIN), down: true, imdsTags: false });
    const d = await t.agent.cycle();
    expect(d?.next).toBeUndefined();
    expect(t.timer).toEqual([]);
    expect(t.logs.join('\n')).toContain('instance metadata tags are disabled');
  });
});

describe('a paused TTL at boot with EC2 unreachable', () => {
  it('is resumed locally from the start, does not creep, and is written as it was once EC2 answers', async () => {
    const paused = { 'spawn:managed': 'true', 'spawn:ttl-remaining': '2h' };
    const t = await setup({ tags: paused, down: true });
    const d = await t.agent.cycle();
    expect(d?.next).toMatchObject({ reason: 'ttl', at: T0 + 120 * MIN });
    expect(t.timer).toEqual([`arm ${iso(T0 + 120 * MIN + OS_TIMER_GRACE_MS)}`]);
    t.clock.now += 5 * MIN;
    expect((await t.agent.cycle())?.next?.at).toBe(T0 + 120 * MIN);
    t.ec2.down = false;
    t.clock.now += 5 * MIN;
    await t.agent.cycle();
    expect(t.ec2.tags['spawn:expires-at']).toBe(iso(T0 + 120 * MIN).replace('.000Z', 'Z'));
    expect(t.timer).toHaveLength(1);
  });
});

describe('heartbeat', () => {
  it('rewrites spawn:status every 15 minutes when nothing changes, with the OS timer in o=', async () => {
    const t = await setup({ tags: expires(T0 + 600 * MIN) });
    const writes = () => t.ec2.calls.filter((c) => c.startsWith('CreateTags')).length;
    await t.agent.cycle();
    expect(writes()).toBe(1);
    expect(decodeStatusTag(t.ec2.tags['spawn:status'] ?? '')?.osTimerAt).toBe(
      iso(T0 + 600 * MIN + OS_TIMER_GRACE_MS).replace('.000Z', 'Z'),
    );
    for (let i = 0; i < 14; i++) {
      t.clock.now += MIN;
      await t.agent.cycle();
    }
    expect(writes()).toBe(1);
    t.clock.now += MIN;
    await t.agent.cycle();
    expect(writes()).toBe(2);
    expect(decodeStatusTag(t.ec2.tags['spawn:status'] ?? '')?.updatedAt).toBe(
      iso(T0 + 15 * MIN).replace('.000Z', 'Z'),
    );
  });
});
