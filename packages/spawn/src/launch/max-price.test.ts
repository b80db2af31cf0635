import { describe, expect, it } from 'vitest';
import { maxPriceValue } from './max-price.ts';

describe('--max-price', () => {
  it.each<[string, unknown]>([
    ['0.1', { usd: 0.1, text: '0.1' }],
    ['0.00001', { usd: 0.00001, text: '0.00001' }],
    ['0.10', { usd: 0.1, text: '0.10' }],
    [' 2 ', { usd: 2, text: '2' }],
    ['1e-5', 0.00001],
    ['.5', 0.5],
  ])('%j is %o', (text, value) => {
    expect(maxPriceValue(text)).toEqual(value);
  });

  it.each(['-1', 'abc', '', 'Infinity'])('refuses %j as a usage error', (text) => {
    expect(() => maxPriceValue(text)).toThrow(expect.objectContaining({ code: 'commander.invalidArgument' }));
  });
});
