import { describe, expect, it } from 'vitest';
import { decimalText, toSpotCap } from './spot-cap.ts';

describe('decimalText', () => {
  it.each<[number, string]>([
    [0.1, '0.1'],
    [0.00001, '0.00001'],
    [1e-7, '0.0000001'],
    [1.5e-7, '0.00000015'],
    [0.0312, '0.0312'],
    [12, '12'],
    [1000, '1000'],
    [1e21, '1000000000000000000000'],
  ])('%s is %s', (n, text) => {
    expect(decimalText(n)).toBe(text);
    expect(Number(decimalText(n))).toBe(n);
  });
});

describe('toSpotCap', () => {
  it('keeps parsed text and writes numbers out', () => {
    expect(toSpotCap({ usd: 0.1, text: '0.10' })).toEqual({ usd: 0.1, text: '0.10' });
    expect(toSpotCap(0.00001)).toEqual({ usd: 0.00001, text: '0.00001' });
    expect(toSpotCap(undefined)).toBeUndefined();
  });
});
