import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { runSpawn } from './_launch-test-io.ts';
import { createInstance, describeInstance } from './_lifecycle-fixtures.ts';

// Instances made directly in moto carry moto's LaunchTime (now); the runs look at them from a
// clock `minutes` later, as a user would after waiting. No spawnd runs in moto: only the status tag
// written here stands for its reports.
useMoto();
const later = async (id: string, minutes: number) =>
  new Date(((await describeInstance(id)).LaunchTime ?? new Date()).getTime() + minutes * 60_000);
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

describe('a missing agent is an alarm (issue 13 §3, moto)', { timeout: 120_000 }, () => {
  it('status on an instance with no spawnd report 11 min after start says UNPROTECTED, what still protects it and what to do', async () => {
    const id = await createInstance({ name: 'quiet', tags: { 'spawn:expires-at': '2099-01-01T00:00:00Z' } });
    const run = await runSpawn(['status', 'quiet', '-o', 'ndjson'], { now: await later(id, 11) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('NO REPORT 11m after start: spawnd is not running');
    expect(run.stderr).toMatch(
      /ALARM\s+UNPROTECTED: spawnd has never reported\. Still protecting it: OS timer unknown; cloud schedule absent\./,
    );
    expect(run.stderr).toContain('`spawn terminate quiet`');
    expect(run.stderr).toContain('`journalctl -u spawnd`');
    expect(run.records).toEqual([
      expect.objectContaining({
        type: 'instance',
        instanceId: id,
        protected: false,
        enforcers: expect.objectContaining({ agent: 'silent', cloudSchedule: 'absent' }),
      }),
    ]);
  });

  it('within the grace it is not yet an alarm', async () => {
    const id = await createInstance({ name: 'young' });
    const run = await runSpawn(['status', 'young', '-o', 'ndjson'], { now: await later(id, 5) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('no report yet');
    expect(run.stderr).not.toContain('UNPROTECTED');
    expect(run.records[0]).toMatchObject({ protected: true });
  });

  it('list --unprotected keeps only the silent and stale ones, exit 0, protected: false', async () => {
    const quiet = await createInstance({ name: 'quiet' });
    const now = await later(quiet, 40);
    await createInstance({
      name: 'fresh',
      tags: { 'spawn:status': `v1;s=active;u=${iso(new Date(now.getTime() - 60_000))}` },
    });
    const stale = await createInstance({
      name: 'stale',
      tags: { 'spawn:status': `v1;s=active;u=${iso(new Date(now.getTime() - 31 * 60_000))}` },
    });
    const all = await runSpawn(['list', '-o', 'ndjson', '--region', 'us-east-1'], { now });
    expect(all.code, all.stderr).toBe(0);
    expect(all.records.map((r) => [r.name, r.protected])).toEqual([
      ['fresh', true],
      ['quiet', false],
      ['stale', false],
    ]);
    const only = await runSpawn(['list', '--unprotected', '-o', 'ndjson', '--region', 'us-east-1'], { now });
    expect(only.code, only.stderr).toBe(0);
    expect(only.records.map((r) => r.instanceId).sort()).toEqual([quiet, stale].sort());
    expect(only.stderr).toContain('quiet is UNPROTECTED');
  });
});
