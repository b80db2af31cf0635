import { describe, expect, it } from 'vitest';
import { testInstance } from './_test-instance.ts';
import { explainJob, instanceJob } from './instance-job.ts';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const withTags = (tags: Record<string, string>, state = 'running') =>
  testInstance({ state, tags: { 'spawn:managed': 'true', ...tags } });

describe('instanceJob: the job tags, each validated', () => {
  it('no spawn:job tag: no job', () => {
    expect(instanceJob(withTags({}))).toBeUndefined();
  });

  it('forged values are left out or marked, never passed on', () => {
    expect(
      instanceJob(
        withTags({
          'spawn:job': 'failed',
          'spawn:job-exit': '999',
          'spawn:job-started-at': '$(reboot)',
          'spawn:on-complete': 'rm -rf',
          'spawn:complete-delay': 'soon',
        }),
      ),
    ).toEqual({ state: 'failed' });
    expect(instanceJob(withTags({ 'spawn:job': 'pwned' }))).toMatchObject({ state: 'unreadable' });
  });

  it('defaults as spawnd applies them; a job not ended on a stopped instance is lost', () => {
    expect(instanceJob(withTags({ 'spawn:job': 'running' }, 'stopped'))).toEqual({
      state: 'lost',
      onComplete: 'terminate',
      completeDelay: '1m',
    });
  });
});

describe('explainJob', () => {
  it('keep says what still ends it; a job ended before it started says so', () => {
    const lines = explainJob(
      { state: 'failed', exitCode: 125, endedAt: '2030-01-01T11:30:00Z', onComplete: 'keep' },
      NOW,
    );
    expect(lines).toEqual([
      { label: 'Job', value: 'failed (exit 125)' },
      { label: 'Job times', value: 'ended 2030-01-01T11:30:00Z (never started)' },
      { label: 'On complete', value: 'keep (the TTL and idle timeout end it)' },
    ]);
  });
});
