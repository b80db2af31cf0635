import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { LAUNCH_ARGS, withProxy } from './_fault-harness.ts';
import { runSpawn } from './_launch-test-io.ts';

// The cloud schedule follows the instance through extend, stop, start and terminate (moto 5.2.1
// stores schedules; it never fires them). Every run's clock is 2026-08-01T12:00:00Z.
const moto = useMoto();
const scheduler = () => new SchedulerClient({ region: 'us-east-1' });
const firesAt = async (id: string) =>
  (await scheduler().send(new GetScheduleCommand({ Name: `spawn-${id}`, GroupName: 'spawn' })))
    .ScheduleExpression;
const stopsAt = async (id: string) =>
  (await scheduler().send(new GetScheduleCommand({ Name: `spawn-${id}-stop`, GroupName: 'spawn' })))
    .ScheduleExpression;

describe('cloud backstop through the lifecycle (issue 13 acceptance, moto)', { timeout: 180_000 }, () => {
  it('on-idle terminate: launch arms it at deadline + 5m; extend +2h moves it by 2h; stop re-points it at max-stopped; start re-arms; terminate deletes', async () => {
    const launch = await runSpawn([
      ...LAUNCH_ARGS,
      '--ttl',
      '1h',
      '--on-idle',
      'terminate',
      '--wait',
      'running',
      '--max-stopped',
      '3d',
    ]);
    expect(launch.code, launch.stderr).toBe(0);
    const id = launch.records[0]?.instanceId as string;
    const home = { home: launch.home };
    expect(await firesAt(id)).toBe('at(2026-08-01T13:05:00)');
    await expect(stopsAt(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    const extend = await runSpawn(['extend', id, '2h', '-o', 'ndjson'], home);
    expect(extend.code, extend.stderr).toBe(0);
    expect(await firesAt(id)).toBe('at(2026-08-01T15:05:00)');
    expect(extend.stderr).toContain('Cloud backstop moved: EventBridge Scheduler terminates');
    expect(extend.records[0]).toMatchObject({
      enforcers: { cloudSchedule: 'armed', cloudScheduleAt: '2026-08-01T15:05:00Z' },
    });

    const stop = await runSpawn(['stop', id], home);
    expect(stop.code, stop.stderr).toBe(0);
    expect(await firesAt(id)).toBe('at(2026-08-04T12:00:00)');
    expect(stop.stderr).toContain('If it is still stopped at 2026-08-04T12:00:00Z (max stopped 3d)');
    expect(stop.stderr).toContain('its volumes are deleted with it');

    const status = await runSpawn(['status', id, '-o', 'ndjson'], home);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(
      /Enforcers\s+OS timer unknown; agent off \(not running\); cloud schedule armed for 2026-08-04T12:00:00Z \(max stopped 3d: terminated with its volumes then\)/,
    );
    expect(status.records[0]).toMatchObject({ state: 'stopped', enforcers: { cloudSchedule: 'armed' } });

    const start = await runSpawn(['start', id], home);
    expect(start.code, start.stderr).toBe(0);
    // 3h of TTL were left at the stop; they resume from the start.
    expect(await firesAt(id)).toBe('at(2026-08-01T15:05:00)');

    const terminate = await runSpawn(['terminate', id, '--yes'], home);
    expect(terminate.code, terminate.stderr).toBe(0);
    await expect(firesAt(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('on-idle stop (the default): launch makes stop + terminate; extend moves both; stop drops the stop schedule; start re-creates both; terminate deletes both', async () => {
    const launch = await runSpawn([
      ...LAUNCH_ARGS,
      '--ttl',
      '1h',
      '--wait',
      'running',
      '--max-stopped',
      '3d',
    ]);
    expect(launch.code, launch.stderr).toBe(0);
    const id = launch.records[0]?.instanceId as string;
    const home = { home: launch.home };
    expect(await stopsAt(id)).toBe('at(2026-08-01T13:05:00)');
    expect(await firesAt(id)).toBe('at(2026-08-04T13:05:00)');

    const extend = await runSpawn(['extend', id, '2h', '-o', 'ndjson'], home);
    expect(extend.code, extend.stderr).toBe(0);
    expect(await stopsAt(id)).toBe('at(2026-08-01T15:05:00)');
    expect(await firesAt(id)).toBe('at(2026-08-04T15:05:00)');
    expect(extend.stderr).toContain(
      `Cloud backstop moved: EventBridge Scheduler stops ${launch.records[0]?.name} at 2026-08-01T15:05:00Z and terminates it at 2026-08-04T15:05:00Z`,
    );
    expect(extend.records[0]).toMatchObject({
      enforcers: {
        cloudSchedule: 'armed',
        cloudScheduleStopAt: '2026-08-01T15:05:00Z',
        cloudScheduleAt: '2026-08-04T15:05:00Z',
      },
    });

    const stop = await runSpawn(['stop', id], home);
    expect(stop.code, stop.stderr).toBe(0);
    await expect(stopsAt(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await firesAt(id)).toBe('at(2026-08-04T12:00:00)');

    const start = await runSpawn(['start', id], home);
    expect(start.code, start.stderr).toBe(0);
    // 3h of TTL were left at the stop; they resume from the start.
    expect(await stopsAt(id)).toBe('at(2026-08-01T15:05:00)');
    expect(await firesAt(id)).toBe('at(2026-08-04T15:05:00)');

    const status = await runSpawn(['status', id, '-o', 'ndjson'], home);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(
      /Enforcers\s+.*cloud schedules armed: stops at 2026-08-01T15:05:00Z, terminates at 2026-08-04T15:05:00Z/,
    );
    expect(status.records[0]).toMatchObject({
      enforcers: { cloudScheduleStopAt: '2026-08-01T15:05:00Z', cloudScheduleAt: '2026-08-04T15:05:00Z' },
    });

    const terminate = await runSpawn(['terminate', id, '--yes'], home);
    expect(terminate.code, terminate.stderr).toBe(0);
    await expect(firesAt(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    await expect(stopsAt(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('an extension whose schedule cannot be moved still extends, and warns that the old schedule still fires', async () => {
    const launch = await runSpawn([
      ...LAUNCH_ARGS,
      '--ttl',
      '1h',
      '--on-idle',
      'terminate',
      '--wait',
      'running',
    ]);
    expect(launch.code, launch.stderr).toBe(0);
    const id = launch.records[0]?.instanceId as string;
    const extend = await withProxy(
      moto,
      [
        {
          match: (r) => r.service === 'scheduler' && r.method === 'PUT',
          fault: {
            kind: 'error',
            status: 403,
            code: 'AccessDeniedException',
            message: 'denied UpdateSchedule',
          },
        },
      ],
      () => runSpawn(['extend', id, '2h', '-o', 'ndjson'], { home: launch.home }),
    );
    expect(extend.code, extend.stderr).toBe(0);
    expect(extend.records[0]).toMatchObject({ expiresAt: '2026-08-01T15:00:00Z' });
    expect(extend.stderr).toContain('The cloud backstop could not be moved');
    expect(extend.stderr).toContain('still fires at its old time');
    expect(await firesAt(id)).toBe('at(2026-08-01T13:05:00)');
  });

  it('a stopped instance without a TTL still gets an end: the max-stopped schedule', async () => {
    const launch = await runSpawn([...LAUNCH_ARGS, '--no-ttl', '--wait', 'running']);
    expect(launch.code, launch.stderr).toBe(0);
    const id = launch.records[0]?.instanceId as string;
    await expect(firesAt(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const stop = await runSpawn(['stop', id], { home: launch.home });
    expect(stop.code, stop.stderr).toBe(0);
    expect(await firesAt(id)).toBe('at(2026-08-08T12:00:00)');
    const start = await runSpawn(['start', id], { home: launch.home });
    expect(start.code, start.stderr).toBe(0);
    await expect(firesAt(id)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
