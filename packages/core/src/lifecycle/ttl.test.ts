import { describe, expect, it } from 'vitest';
import { testInstance } from './_test-instance.ts';
import { parseTargetTime, planExtend } from './extend-ttl.ts';
import { pausedTtlMs, startTagChanges, stopTagChanges } from './ttl.ts';

const NOW = Date.parse('2030-01-01T12:00:00Z');
const H = 3_600_000;

describe('stopTagChanges', () => {
  it.each([
    [
      '3h left',
      { 'spawn:expires-at': '2030-01-01T15:00:00Z' },
      { set: { 'spawn:ttl-remaining': '3h' }, remove: ['spawn:expires-at'] },
    ],
    [
      'ms precision tag',
      { 'spawn:expires-at': '2030-01-01T12:30:00.000Z' },
      { set: { 'spawn:ttl-remaining': '30m' }, remove: ['spawn:expires-at'] },
    ],
    [
      'already expired',
      { 'spawn:expires-at': '2030-01-01T11:00:00Z' },
      { set: { 'spawn:ttl-remaining': '0s' }, remove: ['spawn:expires-at'] },
    ],
    ['no TTL', {}, { set: {}, remove: [] }],
    ['unreadable expiry', { 'spawn:expires-at': 'soon' }, { set: {}, remove: [] }],
  ])('%s', (_name, tags, expected) => {
    expect(stopTagChanges(tags, NOW)).toEqual(expected);
  });
});

describe('startTagChanges', () => {
  it.each([
    [
      'resumes 3h',
      { 'spawn:ttl-remaining': '3h' },
      { set: { 'spawn:expires-at': '2030-01-01T15:00:00Z' }, remove: ['spawn:ttl-remaining'] },
    ],
    [
      'resumes 2h30m',
      { 'spawn:ttl-remaining': '2h30m' },
      { set: { 'spawn:expires-at': '2030-01-01T14:30:00Z' }, remove: ['spawn:ttl-remaining'] },
    ],
    [
      'ran out before stop',
      { 'spawn:ttl-remaining': '0s' },
      { set: { 'spawn:expires-at': '2030-01-01T12:00:00Z' }, remove: ['spawn:ttl-remaining'] },
    ],
    ['nothing paused', { 'spawn:expires-at': '2030-01-01T15:00:00Z' }, { set: {}, remove: [] }],
    ['unreadable pause is left alone', { 'spawn:ttl-remaining': 'lots' }, { set: {}, remove: [] }],
  ])('%s', (_name, tags, expected) => {
    expect(startTagChanges(tags, NOW)).toEqual(expected);
  });

  it('round-trips: stopped time does not count against the TTL', () => {
    const tags = { 'spawn:expires-at': '2030-01-01T14:00:00Z' };
    const paused = stopTagChanges(tags, NOW);
    const resumed = startTagChanges(paused.set, NOW + 5 * H);
    expect(resumed.set['spawn:expires-at']).toBe('2030-01-01T19:00:00Z');
  });
});

describe('pausedTtlMs', () => {
  it.each([
    ['2h', 2 * H],
    ['0s', 0],
    ['0m', 0],
    ['', undefined],
    ['nope', undefined],
  ])('%j → %s', (value, expected) => {
    expect(pausedTtlMs({ 'spawn:ttl-remaining': value })).toBe(expected);
  });
});

describe('planExtend', () => {
  const running = (tags: Record<string, string>) => testInstance({ tags });
  it.each([
    [
      'adds to a future expiry',
      running({ 'spawn:expires-at': '2030-01-01T13:00:00Z' }),
      { byMs: 2 * H },
      '2030-01-01T15:00:00Z',
    ],
    [
      'counts from now once expired',
      running({ 'spawn:expires-at': '2030-01-01T10:00:00Z' }),
      { byMs: 2 * H },
      '2030-01-01T14:00:00Z',
    ],
    ['adds a TTL where there was none', running({}), { byMs: H }, '2030-01-01T13:00:00Z'],
    [
      '--to sets it outright',
      running({ 'spawn:expires-at': '2030-01-01T13:00:00Z' }),
      { toMs: Date.parse('2030-01-02T00:00:00Z') },
      '2030-01-02T00:00:00Z',
    ],
  ])('%s', (_name, instance, request, expiresAt) => {
    const plan = planExtend(instance, request, NOW);
    expect(plan).toEqual({ changes: { set: { 'spawn:expires-at': expiresAt }, remove: [] }, expiresAt });
  });

  it.each([
    ['adds to the paused TTL of a stopped instance', { byMs: 2 * H }, '5h', 5 * H],
    ['--to on a stopped instance sets the paused TTL from now', { toMs: NOW + 4 * H }, '4h', 4 * H],
  ])('%s', (_name, request, tag, pausedMs) => {
    const stopped = testInstance({ state: 'stopped', tags: { 'spawn:ttl-remaining': '3h' } });
    expect(planExtend(stopped, request, NOW)).toEqual({
      changes: { set: { 'spawn:ttl-remaining': tag }, remove: [] },
      pausedMs,
    });
  });
});

describe('parseTargetTime', () => {
  it.each([
    ['2030-01-01T18:00:00Z', Date.parse('2030-01-01T18:00:00Z')],
    ['2030-01-01T18:00:00+02:00', Date.parse('2030-01-01T16:00:00Z')],
    ['2030-01-02', Date.parse('2030-01-02T00:00:00Z')],
  ])('%s', (text, expected) => {
    expect(parseTargetTime(text, NOW)).toBe(expected);
  });

  it.each([['tomorrow'], ['2030-13-45T00:00:00Z'], ['2029-12-31T00:00:00Z'], ['1700000000']])(
    'rejects %s as a usage error',
    (text) => {
      expect(() => parseTargetTime(text, NOW)).toThrow(
        expect.objectContaining({ code: 'INVALID_INPUT', exitCode: 2 }),
      );
    },
  );
});
