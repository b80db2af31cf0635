import { describe, expect, it } from 'vitest';
import { testInstance } from './_test-instance.ts';
import { explainStatus } from './explain-status.ts';
import { enforcersCell } from './instance-columns.ts';
import { assessProtection } from './instance-protection.ts';
import { toInstanceRecord } from './instance-record.ts';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const status = (u: string, extra = '') => ({ 'spawn:status': `v1;s=active;${extra}u=${u}` });

describe('assessProtection (a silent agent is an alarm, not silence)', () => {
  it.each([
    ['no report 5 min after start', '2030-01-01T11:55:00.000Z', {}, 'starting', true],
    ['no report 11 min after start', '2030-01-01T11:49:00.000Z', {}, 'silent', false],
    [
      'report 20 min old (within two 15-min heartbeats)',
      '2030-01-01T10:00:00.000Z',
      status('2030-01-01T11:40:00Z'),
      'reporting',
      true,
    ],
    ['report 31 min old', '2030-01-01T10:00:00.000Z', status('2030-01-01T11:29:00Z'), 'stale', false],
    [
      'a report from before the last start does not count',
      '2030-01-01T11:30:00.000Z',
      status('2030-01-01T09:00:00Z'),
      'silent',
      false,
    ],
  ] as const)('%s', (_name, launchedAt, tags, agent, isProtected) => {
    const p = assessProtection(testInstance({ launchedAt, tags: { ...tags } }), { now: NOW });
    expect(p.agent).toBe(agent);
    expect(p.protected).toBe(isProtected);
  });

  it('a stopped instance is neither protected nor unprotected; its agent is off', () => {
    const p = assessProtection(testInstance({ state: 'stopped' }), { now: NOW });
    expect(p).toMatchObject({ agent: 'off', protected: undefined });
  });

  it("reads the OS timer from spawnd's o= field, and the cloud schedule from the caller", () => {
    const p = assessProtection(
      testInstance({ tags: status('2030-01-01T11:59:00Z', 'o=2030-01-01T14:02:00Z;') }),
      { now: NOW, cloud: { state: 'armed', at: '2030-01-01T14:05:00Z' } },
    );
    expect(p).toMatchObject({ osTimer: 'armed', osTimerAt: '2030-01-01T14:02:00Z', cloudSchedule: 'armed' });
    const r = toInstanceRecord(
      testInstance({ tags: status('2030-01-01T11:59:00Z', 'o=2030-01-01T14:02:00Z;') }),
      NOW,
      undefined,
      { cloud: { state: 'armed', at: '2030-01-01T14:05:00Z' } },
    );
    expect(enforcersCell(r)).toBe('timer+agent+cloud');
  });

  it('the record of an unprotected instance says protected: false and names the enforcers', () => {
    const r = toInstanceRecord(testInstance({ tags: {} }), NOW, undefined, { cloud: { state: 'absent' } });
    expect(r).toMatchObject({
      protected: false,
      enforcers: { osTimer: 'unknown', agent: 'silent', cloudSchedule: 'absent' },
    });
    expect(enforcersCell(r)).toBe('UNPROTECTED (none)');
    const stopped = toInstanceRecord(testInstance({ state: 'stopped', tags: {} }), NOW);
    expect(enforcersCell(stopped)).toBe('cloud?');
  });

  it('status warns when the schedule fires before the deadline (spawnd extended the tag alone)', () => {
    const out = Object.fromEntries(
      explainStatus(
        testInstance({
          tags: { 'spawn:expires-at': '2030-01-01T18:00:00Z', ...status('2030-01-01T11:59:00Z') },
        }),
        { now: NOW, cloud: { state: 'armed', at: '2030-01-01T14:05:00Z' } },
      ).map((l) => [l.label, l.value]),
    );
    expect(out.Cloud).toBe(
      'the schedule fires at 2030-01-01T14:05:00Z, before the deadline 2030-01-01T18:00:00Z (moved on the instance with `spawnd extend`?): `spawn extend box --to 2030-01-01T18:00:00Z` moves it',
    );
  });

  it('status of an agent that never reported after the grace says UNPROTECTED, what still protects it and what to do', () => {
    const out = Object.fromEntries(
      explainStatus(testInstance({ name: 'box', tags: { 'spawn:expires-at': '2030-01-01T14:00:00Z' } }), {
        now: NOW,
        cloud: { state: 'armed', at: '2030-01-01T14:05:00Z' },
      }).map((l) => [l.label, l.value]),
    );
    expect(out.spawnd).toBe('NO REPORT 2h after start: spawnd is not running');
    expect(out.Enforcers).toBe(
      'OS timer unknown; agent SILENT; cloud schedule armed for 2030-01-01T14:05:00Z',
    );
    expect(out.ALARM).toContain('UNPROTECTED: spawnd has never reported');
    expect(out.ALARM).toContain('cloud schedule armed for 2030-01-01T14:05:00Z');
    expect(out.ALARM).toContain('`spawn terminate box`');
    expect(out.ALARM).toContain('`journalctl -u spawnd`');
  });
});
