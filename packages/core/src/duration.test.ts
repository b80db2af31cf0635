import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['8h', 8 * 3_600_000],
    ['1d', 86_400_000],
    ['2h30m', 2.5 * 3_600_000],
    ['90s', 90_000],
    [' 1H ', 3_600_000],
    ['1d2h3m4s', 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4000],
  ])('%s', (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each(['', '8', 'h', '-1h', '0m', '1w', '1.5h', '2m30h', 'abc', '1h 30m'])('rejects %j', (input) => {
    expect(() => parseDuration(input)).toThrowError(expect.objectContaining({ code: 'INVALID_DURATION' }));
  });
});

describe('formatDuration', () => {
  it.each([
    [120_000, '2m'],
    [30_000, '30s'],
    [8 * 3_600_000, '8h'],
    [86_400_000 + 30 * 60_000, '1d30m'],
  ])('%d -> %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
