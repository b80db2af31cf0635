import { describe, expect, it } from 'vitest';
import { coveringScopes, instanceTypePatterns, matchesPattern } from './instance-type-patterns.ts';

describe('instanceTypePatterns', () => {
  it.each([
    ['p3.2xlarge', ['p3.2xlarge']],
    ['  M7I.Large ', ['m7i.large']],
    ['u-12tb1.112xlarge', ['u-12tb1.112xlarge']],
    ['c7g.*', ['c7g.*']],
    ['p5*', ['p5*']],
    ['m?i.large', ['m?i.large']],
    ['c7g', undefined],
    ['h100', undefined],
    ['graviton large', undefined],
    ['*', undefined],
    ['', undefined],
    [undefined, undefined],
    ['m7i.large,c7g.large', undefined],
  ])('%j -> %j', (query, expected) => {
    expect(instanceTypePatterns(query)).toEqual(expected);
  });
});

describe('matchesPattern', () => {
  it.each([
    ['c7g.large', 'c7g.*', true],
    ['c7gd.large', 'c7g.*', false],
    ['p5e.48xlarge', 'p5*', true],
    ['m7i.large', 'm?i.large', true],
    ['m7i.large', 'm7i.large', true],
    ['m7i.large2', 'm7i.large', false],
    ['m7ixlarge', 'm7i.*', false],
  ])('%s ~ %s = %s', (name, pattern, expected) => {
    expect(matchesPattern(name, pattern)).toBe(expected);
  });
});

describe('coveringScopes', () => {
  it('lists the name, its family glob, then everything; a glob only itself and everything', () => {
    expect(coveringScopes('m7i.large')).toEqual(['m7i.large', 'm7i.*', '*']);
    expect(coveringScopes('c7g.*')).toEqual(['c7g.*', '*']);
  });
});
