import { EC2Client } from '@aws-sdk/client-ec2';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { runSpawn } from './_launch-test-io.ts';

// `spawn status` and `spawn list` show the job, in process against moto; the test plays spawnd
// by writing the job tags as it would.
useMoto();
const ec2 = () => new EC2Client({ region: 'us-east-1' });
const now = new Date('2030-01-01T12:00:00Z');
const managed = (name: string, tags: Record<string, string> = {}) =>
  launchTestInstance(ec2(), { Name: name, 'spawn:managed': 'true', ...tags });

describe('spawn status and list: the job', () => {
  it('status: state, exit code, started/ended and what happens on completion; the record has it', {
    timeout: 60_000,
  }, async () => {
    await managed('j-failed', {
      'spawn:job': 'failed',
      'spawn:job-exit': '137',
      'spawn:job-started-at': '2030-01-01T11:00:00Z',
      'spawn:job-ended-at': '2030-01-01T11:42:00Z',
      'spawn:on-complete': 'stop',
      'spawn:complete-delay': '5m',
    });
    const run = await runSpawn(['status', 'j-failed', '--region', 'us-east-1', '-o', 'ndjson'], { now });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/Job\s+failed \(exit 137\)/);
    expect(run.stderr).toMatch(
      /Job times\s+started 2030-01-01T11:00:00Z, ended 2030-01-01T11:42:00Z \(took 42m\)/,
    );
    expect(run.stderr).toMatch(/On complete\s+stop 5m after the job ends/);
    expect(run.records[0]?.job).toEqual({
      state: 'failed',
      exitCode: 137,
      startedAt: '2030-01-01T11:00:00Z',
      endedAt: '2030-01-01T11:42:00Z',
      onComplete: 'stop',
      completeDelay: '5m',
    });
  });

  it('status of a running job; an instance without a job has no job lines', { timeout: 60_000 }, async () => {
    await managed('j-run', { 'spawn:job': 'running', 'spawn:job-started-at': '2030-01-01T11:48:00Z' });
    await managed('plain');
    const running = await runSpawn(['status', 'j-run', '--region', 'us-east-1'], { now });
    expect(running.stderr).toMatch(/Job\s+running\n/);
    expect(running.stderr).toMatch(/Job times\s+started 2030-01-01T11:48:00Z, running for 12m/);
    expect(running.stderr).toMatch(/On complete\s+terminate 1m after the job ends/);
    const plain = await runSpawn(['status', 'plain', '--region', 'us-east-1'], { now });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toMatch(/^Job/m);
  });

  it('list: a JOB column only when some instance has a job', { timeout: 60_000 }, async () => {
    await managed('plain');
    const without = await runSpawn(['list', '--region', 'us-east-1', '-o', 'table'], {
      now,
      rawStdout: true,
    });
    expect(without.code, without.stderr).toBe(0);
    expect(without.stdout.split('\n')[0]).not.toContain('JOB');

    await managed('j-ok', { 'spawn:job': 'succeeded', 'spawn:job-exit': '0' });
    const withJob = await runSpawn(['list', '--region', 'us-east-1', '-o', 'table'], {
      now,
      rawStdout: true,
    });
    expect(withJob.code, withJob.stderr).toBe(0);
    const lines = withJob.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+.*STATE\s+JOB\s/);
    expect(lines.find((l) => l.startsWith('j-ok'))).toMatch(/running\s+ok\s/);
    expect(lines.find((l) => l.startsWith('plain'))).toMatch(/running\s+-\s/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(100);
  });
});
