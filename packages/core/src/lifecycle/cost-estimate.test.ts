import { describe, expect, it } from 'vitest';
import { costSoFarUsd, formatUsd, volumeMonthlyUsd } from './cost-estimate.ts';

const NOW = Date.parse('2030-01-01T12:00:00Z');

describe('costSoFarUsd', () => {
  it.each([
    ['3h of m7i.large at $0.1008/h', 0.1008, 'running', '2030-01-01T09:00:00Z', 0.302],
    ['90 minutes at $1/h', 1, 'running', '2030-01-01T10:30:00Z', 1.5],
    ['stopped: nothing accrues for compute', 1, 'stopped', '2030-01-01T09:00:00Z', 0],
    ['unknown price stays unknown', undefined, 'running', '2030-01-01T09:00:00Z', undefined],
    ['clock skew never goes negative', 1, 'running', '2030-01-01T13:00:00Z', 0],
  ])('%s', (_name, usdPerHour, state, launchedAt, expected) => {
    expect(costSoFarUsd({ usdPerHour, state, launchedAt, now: NOW })).toBe(expected);
  });
});

describe('volumeMonthlyUsd (EBS us-east-1 list prices)', () => {
  it.each([
    [8, 'gp3', 0.64],
    [100, 'gp2', 10],
    [500, 'st1', 22.5],
    [20, undefined, 1.6],
    [20, 'some-new-type', 1.6],
  ])('%d GiB %s → $%d', (size, type, expected) => {
    expect(volumeMonthlyUsd(size, type)).toBeCloseTo(expected, 6);
  });
});

describe('formatUsd', () => {
  it.each([
    [0, '$0.00'],
    [0.004, '<$0.01'],
    [1.234, '$1.23'],
    [12, '$12.00'],
  ])('%d → %s', (usd, text) => {
    expect(formatUsd(usd)).toBe(text);
  });
});
