import { describe, expect, it } from 'vitest';
import { testInstance } from './_test-instance.ts';
import { explainStatus } from './explain-status.ts';
import { instanceColumns } from './instance-columns.ts';
import { toInstanceRecord } from './instance-record.ts';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const lines = (...args: Parameters<typeof explainStatus>) =>
  Object.fromEntries(explainStatus(...args).map((l) => [l.label, l.value]));

describe('explainStatus', () => {
  it('running with spawnd reporting: why alive and what happens next, from spawnd', () => {
    const out = lines(
      testInstance({
        tags: {
          Name: 'box',
          'spawn:expires-at': '2030-01-01T15:00:00Z',
          'spawn:idle-timeout': '30m',
          'spawn:on-idle': 'hibernate',
          'spawn:status':
            'v1;s=idle;i=2030-01-01T11:50:00Z;a=hibernate;t=2030-01-01T12:20:00Z;u=2030-01-01T11:59:00Z;r=idle 10m of 30m',
        },
      }),
      { now: NOW, price: { usdPerHour: 0.0104, source: 'on-demand, offline catalog as of 2026-07-20' } },
    );
    expect(out).toMatchObject({
      State: 'running for 2h',
      TTL: 'terminate at 2030-01-01T15:00:00Z (in 3h)',
      'Idle policy': 'hibernate after 30m idle',
      spawnd: 'idle, idle for 10m (reported 1m ago)',
      'Why alive': 'idle 10m of 30m',
      Next: 'hibernate at 2030-01-01T12:20:00Z (in 20m), per spawnd',
      'Cost (est.)': '$0.01/h (on-demand, offline catalog as of 2026-07-20); this run so far $0.02',
    });
  });

  it('stale spawnd report, no status reason: derives the next action from the TTL tag', () => {
    const out = lines(
      testInstance({
        tags: {
          'spawn:expires-at': '2030-01-01T13:00:00Z',
          'spawn:status': 'v1;s=active;u=2030-01-01T10:00:00Z',
        },
      }),
      { now: NOW },
    );
    expect(out.spawnd).toBe('active (reported 2h ago) - stale: spawnd may not be running');
    expect(out.Next).toBe('terminate at 2030-01-01T13:00:00Z (in 1h), from the TTL tag');
    expect(out['Why alive']).toBe('TTL not reached and not idle long enough');
  });

  it('stopped: TTL paused and the disk still billed', () => {
    const out = lines(testInstance({ state: 'stopped', tags: { 'spawn:ttl-remaining': '2h30m' } }), {
      now: NOW,
      diskMonthlyUsd: 0.64,
    });
    expect(out).toMatchObject({
      State: 'stopped',
      TTL: 'paused with 2h30m left; `spawn start` resumes it',
      'Disk (est.)': expect.stringMatching(/^\$0\.64\/month while it exists, even stopped/),
    });
    expect(out.Next).toBeUndefined();
  });

  it('no TTL and no report yet, within the grace after start', () => {
    const out = lines(testInstance({ tags: {}, launchedAt: '2030-01-01T11:55:00.000Z' }), { now: NOW });
    expect(out).toMatchObject({
      TTL: 'none (no time limit)',
      spawnd: 'no report yet (it reports within minutes of boot)',
      'Why alive': 'no TTL; only the idle timeout can end it',
    });
  });
});

describe('instance record and list columns', () => {
  it.each([
    [
      'running with a TTL and an idle report',
      testInstance({
        tags: {
          Name: 'box',
          'spawn:expires-at': '2030-01-01T14:30:00Z',
          'spawn:status': 'v1;s=idle;i=2030-01-01T11:48:00Z;u=2030-01-01T11:59:00Z',
        },
      }),
      ['2h', '2h30m', 'idle 12m', '$0.21'],
    ],
    [
      'expired',
      testInstance({ tags: { 'spawn:expires-at': '2030-01-01T11:00:00Z' } }),
      ['2h', 'expired', '-', '$0.21'],
    ],
    [
      'stopped with a paused TTL',
      testInstance({ state: 'stopped', tags: { 'spawn:ttl-remaining': '45m' } }),
      ['-', '45m paused', '-', '$0.00'],
    ],
    ['no TTL', testInstance({ tags: {} }), ['2h', 'no TTL', '-', '$0.21']],
  ])('%s', (_name, instance, [uptime, left, idle, cost]) => {
    const record = toInstanceRecord(instance, NOW, { usdPerHour: 0.1056, source: 'test' });
    const cells = Object.fromEntries(instanceColumns(NOW).map((c) => [c.header, c.value(record)]));
    expect(cells).toMatchObject({
      UPTIME: uptime,
      'TIME LEFT': left,
      IDLE: idle,
      'COST (EST.)': cost,
    });
    expect(record).toMatchObject({
      v: 1,
      type: 'instance',
      instanceId: instance.instanceId,
      launchedAt: instance.launchedAt,
    });
  });
});
