import { describe, expect, it } from 'vitest';
import { TAG } from '../tags.ts';
import { type AgentState, decide } from './decide.ts';
import { type JobFiles, jobTagChanges, observeJob } from './job-state.ts';

const NOW = Date.parse('2030-01-01T00:10:00Z');
const MIN = 60_000;

describe('observeJob: the runner files, every value validated', () => {
  it.each<[string, JobFiles, ReturnType<typeof observeJob>]>([
    ['nothing yet', {}, { state: 'queued' }],
    [
      'started',
      { startedAt: '2030-01-01T00:00:00Z' },
      { state: 'running', startedAt: Date.parse('2030-01-01T00:00:00Z') },
    ],
    ['garbage start time counts as not started', { startedAt: '$(reboot)' }, { state: 'queued' }],
    [
      'exit 0',
      { startedAt: '2030-01-01T00:00:00Z', endedAt: '2030-01-01T00:05:00Z', exit: '0\n' },
      {
        state: 'succeeded',
        startedAt: Date.parse('2030-01-01T00:00:00Z'),
        endedAt: Date.parse('2030-01-01T00:05:00Z'),
        exitCode: 0,
      },
    ],
    [
      'exit 3, no end time: now',
      { startedAt: '2030-01-01T00:00:00Z', exit: '3' },
      { state: 'failed', startedAt: Date.parse('2030-01-01T00:00:00Z'), endedAt: NOW, exitCode: 3 },
    ],
    [
      'install failed: exit 126 without a start',
      { exit: '126', endedAt: '2030-01-01T00:01:00Z' },
      {
        state: 'failed',
        endedAt: Date.parse('2030-01-01T00:01:00Z'),
        exitCode: 126,
      },
    ],
    [
      'an exit code above 255 is garbage: failed, code unknown',
      { exit: '256' },
      { state: 'failed', endedAt: NOW },
    ],
    [
      'text in the exit file: failed, never succeeded',
      { exit: '0; rm -rf /' },
      { state: 'failed', endedAt: NOW },
    ],
    ['an empty exit file: failed', { exit: '' }, { state: 'failed', endedAt: NOW }],
  ])('%s', (_, files, expected) => {
    expect(observeJob(files, NOW)).toEqual(expected);
  });

  it('jobTagChanges writes only what differs, times in seconds', () => {
    const job = observeJob(
      { startedAt: '2030-01-01T00:00:00Z', endedAt: '2030-01-01T00:05:00Z', exit: '2' },
      NOW,
    );
    expect(jobTagChanges(job, { [TAG.job]: 'running', [TAG.jobStartedAt]: '2030-01-01T00:00:00Z' })).toEqual({
      [TAG.job]: 'failed',
      [TAG.jobEndedAt]: '2030-01-01T00:05:00Z',
      [TAG.jobExit]: '2',
    });
    expect(
      jobTagChanges(job, {
        [TAG.job]: 'failed',
        [TAG.jobStartedAt]: '2030-01-01T00:00:00Z',
        [TAG.jobEndedAt]: '2030-01-01T00:05:00Z',
        [TAG.jobExit]: '2',
      }),
    ).toEqual({});
  });
});

describe('decide with a job', () => {
  const quiet = (at: number) => ({
    at,
    cpu: { busy: 0, total: at / 10 },
    networkBytes: 0,
    sessions: 0,
    gpu: null,
  });
  const idleLongAgo: AgentState = { idleSince: NOW - 120 * MIN, lastSample: quiet(NOW - MIN) };
  const jobTags = (extra: Record<string, string> = {}) => ({
    [TAG.job]: 'running',
    [TAG.idleTimeout]: '30m',
    ...extra,
  });
  const run = (tags: Record<string, string>, job: ReturnType<typeof observeJob>, previous = idleLongAgo) =>
    decide({ now: NOW, tags, sample: quiet(NOW), previous, maxGapMs: 3 * MIN, job });

  it('idle detection is off while the job is queued or running, even idle for two hours', () => {
    for (const job of [observeJob({}, NOW), observeJob({ startedAt: '2030-01-01T00:00:00Z' }, NOW)]) {
      const d = run(jobTags(), job);
      expect(d.act).toBeUndefined();
      expect(d.next).toBeUndefined();
      expect(d.idle).toBe(false);
      expect(d.signals.find((s) => s.name === 'job')).toMatchObject({ active: true });
    }
  });

  it('the same sample without the spawn:job tag: the idle timeout acts (the job files are ignored)', () => {
    const d = run({ [TAG.idleTimeout]: '30m' }, observeJob({ startedAt: '2030-01-01T00:00:00Z' }, NOW));
    expect(d.act).toMatchObject({ reason: 'idle' });
  });

  it('the TTL stays a hard limit while the job runs', () => {
    const d = run(
      jobTags({ [TAG.expiresAt]: '2030-01-01T00:09:00Z' }),
      observeJob({ startedAt: '2030-01-01T00:00:00Z' }, NOW),
    );
    expect(d.act).toMatchObject({ reason: 'ttl', action: 'terminate' });
  });

  it('ended: --on-complete after --complete-delay (default terminate after 1m), warned first', () => {
    const ended = observeJob({ exit: '0', endedAt: '2030-01-01T00:09:30Z' }, NOW);
    const d = run(jobTags(), ended, {});
    expect(d.act).toBeUndefined();
    expect(d.next).toEqual({ reason: 'job', action: 'terminate', at: Date.parse('2030-01-01T00:10:30Z') });
    expect(d.warning?.message).toContain(
      'will be TERMINATED at 2030-01-01T00:10:30Z (in 30s) because its job has ended',
    );
    const later = decide({
      now: Date.parse('2030-01-01T00:10:30Z'),
      tags: jobTags(),
      sample: quiet(NOW + 30_000),
      previous: d.state,
      maxGapMs: 3 * MIN,
      job: ended,
    });
    expect(later.act).toEqual({ reason: 'job', action: 'terminate', at: Date.parse('2030-01-01T00:10:30Z') });
  });

  it.each([
    [
      { [TAG.onComplete]: 'stop', [TAG.completeDelay]: '5m' },
      { action: 'stop', at: Date.parse('2030-01-01T00:14:00Z') },
    ],
    [{ [TAG.onComplete]: 'explode' }, { action: 'terminate', at: Date.parse('2030-01-01T00:10:00Z') }],
    [{ [TAG.completeDelay]: 'soon' }, { action: 'terminate', at: Date.parse('2030-01-01T00:10:00Z') }],
  ])('tags %j → %j (a malformed tag ends it as the default does)', (tags, expected) => {
    const d = run(jobTags(tags), observeJob({ exit: '1', endedAt: '2030-01-01T00:09:00Z' }, NOW), {});
    expect(d.next).toMatchObject({ reason: 'job', ...expected });
  });

  it('keep: no job deadline; the idle timeout applies again once the job ended', () => {
    const ended = observeJob({ exit: '0', endedAt: '2030-01-01T00:00:00Z' }, NOW);
    expect(run(jobTags({ [TAG.onComplete]: 'keep' }), ended, {}).next).toBeUndefined();
    expect(run(jobTags({ [TAG.onComplete]: 'keep' }), ended).act).toMatchObject({ reason: 'idle' });
  });

  it('a stop already done for this job end is not repeated after the user starts it again', () => {
    const ended = observeJob({ exit: '0', endedAt: '2030-01-01T00:00:00Z' }, NOW);
    const handled: AgentState = { jobHandledFor: Date.parse('2030-01-01T00:00:00Z') };
    const d = run(jobTags({ [TAG.onComplete]: 'stop' }), ended, handled);
    expect(d.act).toBeUndefined();
    expect(d.state.jobHandledFor).toBe(handled.jobHandledFor);
  });
});
