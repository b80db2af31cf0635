import { CreateTagsCommand, EC2Client, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { launchTestInstance } from '@truffle-spawn/test-utils/launch-test-instance';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { beforeAll, describe, expect, it } from 'vitest';
import { runSpawn } from './_launch-test-io.ts';

// `spawn wait` in process against moto: the test plays spawnd, changing the job tags with the
// SDK while wait polls (every second), and checks what wait reports and how it exits.
useMoto();
const ec2 = () => new EC2Client({ region: 'us-east-1' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function jobInstance(name: string, job = 'queued') {
  return launchTestInstance(ec2(), { Name: name, 'spawn:managed': 'true', 'spawn:job': job });
}
const tag = (id: string, tags: Record<string, string>) =>
  ec2().send(
    new CreateTagsCommand({
      Resources: [id],
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
const wait = (name: string) => runSpawn(['wait', name, '--interval', '1s', '--output', 'ndjson']);

describe('spawn wait (in-process, moto)', () => {
  // The first in-process run loads the whole CLI (seconds): warm up, so the timed tag changes
  // below happen while wait polls, not before its first read.
  beforeAll(async () => {
    await runSpawn(['list']);
  }, 60_000);

  it('prints each state change on stderr and exits 0 when the job succeeded', {
    timeout: 30_000,
  }, async () => {
    const id = await jobInstance('w-ok');
    const waiting = wait('w-ok');
    await sleep(2500);
    await tag(id, { 'spawn:job': 'running', 'spawn:job-started-at': '2030-01-01T00:00:00Z' });
    await sleep(2500);
    await tag(id, {
      'spawn:job': 'succeeded',
      'spawn:job-exit': '0',
      'spawn:job-ended-at': '2030-01-01T00:05:00Z',
    });
    const run = await waiting;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      /w-ok: job queued\n(.|\n)*w-ok: job running\n(.|\n)*w-ok: job succeeded \(exit 0\)/,
    );
    expect(run.records).toEqual([
      {
        v: 1,
        type: 'job',
        instanceId: id,
        name: 'w-ok',
        state: 'succeeded',
        exitCode: 0,
        startedAt: '2030-01-01T00:00:00Z',
        endedAt: '2030-01-01T00:05:00Z',
        instanceState: 'running',
      },
    ]);
  });

  it("exits with the job's own exit code when it failed", { timeout: 30_000 }, async () => {
    const id = await jobInstance('w-fail', 'running');
    const waiting = wait('w-fail');
    await sleep(1200);
    await tag(id, { 'spawn:job': 'failed', 'spawn:job-exit': '42' });
    const run = await waiting;
    expect(run.code).toBe(42);
    expect(run.records[0]).toMatchObject({ type: 'job', state: 'failed', exitCode: 42 });
    expect(run.records[1]).toMatchObject({ type: 'error', code: 'JOB_FAILED' });
    expect(run.stderr).toContain('failed with exit code 42');
  });

  it('exits 9 (JOB_LOST) when the instance ends before the job does', { timeout: 30_000 }, async () => {
    const id = await jobInstance('w-lost', 'running');
    const waiting = wait('w-lost');
    await sleep(1200);
    await ec2().send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    const run = await waiting;
    expect(run.code).toBe(9);
    expect(run.records[0]).toMatchObject({ type: 'job', state: 'lost' });
    expect(run.records[1]).toMatchObject({ type: 'error', code: 'JOB_LOST' });
  });

  it('a failed job whose exit tag is not a number exits 1, never 0 or the text', async () => {
    await launchTestInstance(ec2(), {
      Name: 'w-odd',
      'spawn:managed': 'true',
      'spawn:job': 'failed',
      'spawn:job-exit': '0; reboot',
    });
    const run = await wait('w-odd');
    expect(run.code).toBe(1);
    expect(run.records[0]).toMatchObject({ type: 'job', state: 'failed' });
    expect(run.records[0]).not.toHaveProperty('exitCode');
  });

  it.each([
    ['no spawn:job tag', { Name: 'w-none', 'spawn:managed': 'true' }, 'w-none', /has no job/],
    [
      'a spawn:job tag that is not a state',
      { Name: 'w-bad', 'spawn:managed': 'true', 'spawn:job': '$(reboot)' },
      'w-bad',
      /is not a job state/,
    ],
  ])('%s: a clean error, no polling', async (_, tags, name, message) => {
    await launchTestInstance(ec2(), tags);
    const run = await wait(name);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
  });
});
