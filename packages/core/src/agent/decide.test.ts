import { describe, expect, it } from 'vitest';
import { TAG } from '../tags.ts';
import type { ActivitySample } from './activity.ts';
import { type AgentState, type DecideInput, decide } from './decide.ts';

const T0 = Date.parse('2030-01-01T00:00:00Z');
const MIN = 60_000;
const GAP = 3 * MIN;

/** A sample `dt` ms after `base`: `busy` jiffies of 100 per interval, `bytes` of traffic, sessions. */
function sample(
  at: number,
  o: { busy?: number; bytes?: number; sessions?: number; gpu?: number | null } = {},
): ActivitySample {
  const n = at / MIN;
  return {
    at,
    cpu: { busy: n * (o.busy ?? 0), total: n * 100 },
    networkBytes: n * (o.bytes ?? 0),
    sessions: o.sessions ?? 0,
    gpu: o.gpu === undefined ? null : o.gpu,
  };
}
const quiet = (at: number) => sample(at);
const idleState = (since: number, lastAt: number): AgentState => ({
  idleSince: since,
  lastSample: quiet(lastAt),
});

function run(partial: Partial<DecideInput> & { now: number }) {
  return decide({ tags: {}, sample: quiet(partial.now), previous: {}, maxGapMs: GAP, ...partial });
}

const ttl = (at: number, extra: Record<string, string> = {}) => ({
  [TAG.expiresAt]: new Date(at).toISOString(),
  ...extra,
});

describe('decide', () => {
  it.each([
    {
      name: 'TTL reached: acts with the on-expire action',
      now: T0 + 10 * MIN,
      tags: ttl(T0 + 10 * MIN),
      act: 'terminate',
    },
    { name: 'TTL not reached: no action', now: T0, tags: ttl(T0 + 60 * MIN), act: undefined },
    {
      name: 'TTL reached with on-expire=stop',
      now: T0 + 1,
      tags: ttl(T0, { [TAG.onExpire]: 'stop' }),
      act: 'stop',
    },
    {
      name: 'TTL reached with on-expire=hibernate',
      now: T0 + 1,
      tags: ttl(T0, { [TAG.onExpire]: 'hibernate' }),
      act: 'hibernate',
    },
  ])('$name', ({ now, tags, act }) => {
    expect(run({ now, tags }).act?.action).toBe(act);
  });

  it.each([
    { left: 31, lead: undefined },
    { left: 30, lead: 30 },
    { left: 10, lead: 10 },
    { left: 5, lead: 5 },
    { left: 1, lead: 1 },
  ])('warning due with $left min left: lead $lead', ({ left, lead }) => {
    const d = run({ now: T0, tags: ttl(T0 + left * MIN) });
    expect(d.warning?.leadMs).toBe(lead === undefined ? undefined : lead * MIN);
    if (lead) expect(d.warning?.message).toMatch(/TERMINATED.*spawnd extend/s);
  });

  it('does not repeat a warning already given for the same deadline', () => {
    const first = run({ now: T0, tags: ttl(T0 + 29 * MIN) });
    const second = run({ now: T0 + MIN, tags: ttl(T0 + 29 * MIN), previous: first.state });
    expect(first.warning).toBeDefined();
    expect(second.warning).toBeUndefined();
    const third = run({ now: T0 + 20 * MIN, tags: ttl(T0 + 29 * MIN), previous: second.state });
    expect(third.warning?.leadMs).toBe(10 * MIN);
  });

  it('TTL shorter than the warning lead: one warning at once, action still on time', () => {
    const first = run({ now: T0, tags: ttl(T0 + 2 * MIN) });
    expect(first.warning?.leadMs).toBe(5 * MIN);
    expect(first.act).toBeUndefined();
    const later = run({ now: T0 + 2 * MIN, tags: ttl(T0 + 2 * MIN), previous: first.state });
    expect(later.act?.at).toBe(T0 + 2 * MIN);
  });

  it('configurable warning leads', () => {
    const d = run({ now: T0, tags: ttl(T0 + 50 * MIN), warningLeadsMs: [60 * MIN] });
    expect(d.warning?.leadMs).toBe(60 * MIN);
  });

  it('idle accumulates across consecutive idle samples and acts with on-idle', () => {
    const tags = { [TAG.idleTimeout]: '3m', [TAG.onIdle]: 'stop' };
    let state: AgentState = { lastSample: quiet(T0) };
    let d = run({ now: T0 + MIN, tags, previous: state });
    expect(d.state.idleSince).toBe(T0);
    for (let i = 2; i <= 3; i++) {
      state = d.state;
      d = run({ now: T0 + i * MIN, tags, previous: state });
    }
    expect(d.act).toEqual({ action: 'stop', at: T0 + 3 * MIN, reason: 'idle' });
  });

  it.each([
    { signal: 'cpu', s: { busy: 50 } },
    { signal: 'network', s: { bytes: 10_000_000 } },
    { signal: 'sessions', s: { sessions: 1 } },
    { signal: 'gpu', s: { gpu: 0.9 } },
  ])('activity on $signal resets the idle run', ({ signal, s }) => {
    const now = T0 + 10 * MIN;
    const d = run({ now, sample: sample(now, s), previous: idleState(T0, now - MIN) });
    expect(d.idle).toBe(false);
    expect(d.state.idleSince).toBeUndefined();
    expect(d.signals.find((x) => x.name === signal)?.active).toBe(true);
  });

  it.each([
    { field: 'cpu' as const },
    { field: 'networkBytes' as const },
    { field: 'sessions' as const },
    { field: 'gpu' as const },
  ])('an unreadable $field counts as active', ({ field }) => {
    const now = T0 + 10 * MIN;
    const d = run({ now, sample: { ...quiet(now), [field]: undefined }, previous: idleState(T0, now - MIN) });
    expect(d.idle).toBe(false);
  });

  it('the first sample has no delta: counts as active', () => {
    expect(run({ now: T0 }).idle).toBe(false);
  });

  it.each([
    {
      tag: TAG.expiresAt,
      value: 'tomorrow',
      check: (d: ReturnType<typeof run>) => expect(d.config.expiresAt).toBeUndefined(),
    },
    {
      tag: TAG.idleTimeout,
      value: 'soon',
      check: (d: ReturnType<typeof run>) => expect(d.config.idleTimeoutMs).toBe(60 * MIN),
    },
    {
      tag: TAG.onIdle,
      value: 'explode',
      check: (d: ReturnType<typeof run>) => expect(d.config.onIdle).toBe('stop'),
    },
    {
      tag: TAG.onExpire,
      value: '',
      check: (d: ReturnType<typeof run>) => expect(d.config.onExpire).toBe('terminate'),
    },
  ])('malformed $tag="$value" falls back to a safe default and is reported', ({ tag, value, check }) => {
    const d = run({ now: T0, tags: { [tag]: value } });
    check(d);
    expect(d.problems.join()).toContain(tag);
    expect(d.status.reason).toContain(tag);
  });

  it('missing tags: idle timeout 1h with stop, no TTL, no problems', () => {
    const d = run({ now: T0 });
    expect(d.config).toMatchObject({ expiresAt: undefined, idleTimeoutMs: 60 * MIN, onIdle: 'stop' });
    expect(d.problems).toEqual([]);
  });

  it('clock jumping backwards breaks the idle run instead of counting it', () => {
    const d = run({ now: T0, previous: idleState(T0 - 50 * MIN, T0 + 5 * MIN) });
    expect(d.state.idleSince).toBeUndefined();
    expect(d.act).toBeUndefined();
  });

  it('a big forward jump (suspend, hibernation) does not count as idle time', () => {
    const now = T0 + 5 * 60 * MIN;
    const d = run({ now, previous: idleState(T0, T0) });
    expect(d.idle).toBe(false);
    expect(d.act).toBeUndefined();
  });

  it('a big forward jump past the TTL acts: the deadline is absolute', () => {
    const d = run({ now: T0 + 5 * 60 * MIN, tags: ttl(T0 + 60 * MIN), previous: idleState(T0, T0) });
    expect(d.act?.reason).toBe('ttl');
  });

  it('extension: a later expires-at cancels the action and re-arms warnings', () => {
    const ttl = (at: number) => ({ [TAG.expiresAt]: new Date(at).toISOString(), [TAG.idleTimeout]: 'off' });
    const before = run({ now: T0, tags: ttl(T0 + 4 * MIN) });
    expect(before.warning).toBeDefined();
    const after = run({ now: T0 + MIN, tags: ttl(T0 + 124 * MIN), previous: before.state });
    expect(after.act).toBeUndefined();
    expect(after.warning).toBeUndefined();
    expect(after.next?.at).toBe(T0 + 124 * MIN);
    const near = run({ now: T0 + 100 * MIN, tags: ttl(T0 + 124 * MIN), previous: after.state });
    expect(near.warning?.leadMs).toBe(30 * MIN);
  });

  it('the earlier of idle and TTL deadlines wins', () => {
    const now = T0 + MIN;
    const tags = ttl(T0 + 10 * MIN, { [TAG.idleTimeout]: '5m', [TAG.onIdle]: 'hibernate' });
    const d = run({ now, tags, previous: idleState(T0, T0) });
    expect(d.next).toEqual({ action: 'hibernate', at: T0 + 5 * MIN, reason: 'idle' });
  });

  it('idle-timeout=off disables idle actions', () => {
    const d = run({
      now: T0 + 10 * 60 * MIN,
      tags: { [TAG.idleTimeout]: 'off' },
      previous: idleState(T0, T0 + 599 * MIN),
    });
    expect(d.idle).toBe(true);
    expect(d.next).toBeUndefined();
  });

  it('status explains what keeps the instance alive', () => {
    const now = T0 + MIN;
    const d = run({ now, sample: sample(now, { sessions: 2 }), previous: { lastSample: quiet(T0) } });
    expect(d.status.state).toBe('active');
    expect(d.status.reason).toContain('2 interactive session(s)');
  });

  describe('strict spawn:expires-at (issue 12: "1" was read as 2001 and terminated at once)', () => {
    it.each(['1', '2030', '2030-01-01', '2030-01-01T01:00:00', 'tomorrow', 'Tue, 01 Jan 2030 01:00:00 GMT'])(
      '%j is a problem, never a deadline',
      (value) => {
        const d = run({ now: T0, tags: { [TAG.expiresAt]: value } });
        expect(d.act).toBeUndefined();
        expect(d.next).toBeUndefined();
        expect(d.problems.join()).toContain('is not an ISO-8601 time with a zone');
      },
    );

    it('keeps the last valid deadline when the tag turns unreadable, and says so', () => {
      const first = run({ now: T0, tags: ttl(T0 + 30 * MIN) });
      const d = run({ now: T0 + MIN, tags: { [TAG.expiresAt]: '1' }, previous: first.state });
      expect(d.next).toMatchObject({ reason: 'ttl', at: T0 + 30 * MIN });
      expect(d.act).toBeUndefined();
      expect(d.problems.join()).toMatch(/keeping the last valid deadline 2030-01-01T00:30:00/);
      const later = run({ now: T0 + 31 * MIN, tags: { [TAG.expiresAt]: '1' }, previous: d.state });
      expect(later.act).toMatchObject({ reason: 'ttl', action: 'terminate' });
    });

    it('accepts offsets and fractions', () => {
      const d = run({ now: T0, tags: { [TAG.expiresAt]: '2030-01-01T02:00:00.5+01:00' } });
      expect(d.next?.at).toBe(T0 + 60 * MIN + 500);
    });
  });
});
