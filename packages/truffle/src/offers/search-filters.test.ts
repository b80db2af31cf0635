import { numberRange, typeNameRegex } from '@truffle-spawn/core/cli-kit';
import { describe, expect, it } from 'vitest';
import { filterWords, type SearchOptions, toSearchFilters } from './search-filters.ts';

describe('toSearchFilters', () => {
  it.each<[string, SearchOptions, object]>([
    ['--vcpus 4-16', { vcpus: { min: 4, max: 16 } }, { minVcpus: 4, maxVcpus: 16 }],
    ['--vcpus 8', { vcpus: { min: 8 } }, { minVcpus: 8 }],
    ['--memory 16-64', { memory: { min: 16, max: 64 } }, { minMemoryGiB: 16, maxMemoryGiB: 64 }],
    ['--min-vcpus/--max-memory', { minVcpus: 2, maxMemory: 8 }, { minVcpus: 2, maxMemoryGiB: 8 }],
    ['--gpus', { gpus: 4 }, { gpus: 4 }],
    ['--gpu-memory', { gpuMemory: 80 }, { minGpuMemoryGiB: 80 }],
    ['--gpu-manufacturer', { gpuManufacturer: 'NVIDIA' }, { gpuManufacturer: 'NVIDIA' }],
    ['--network', { network: 100 }, { minNetworkGbps: 100 }],
    ['--efa', { efa: true }, { efa: true }],
    ['--local-storage', { localStorage: true }, { localStorage: true }],
    ['default generations', {}, { generations: 'prefer-current' }],
    ['--current-generation', { currentGeneration: true }, { generations: 'current' }],
    ['--all-generations', { allGenerations: true }, { generations: 'all' }],
    ['--burstable', { burstable: true }, { burstable: true }],
    ['--no-burstable', { burstable: false }, { burstable: false }],
    ['--deny', { deny: /metal/i }, { deny: /metal/i }],
    ['--allow', { allow: /^c7/i }, { allow: /^c7/i }],
  ])('%s', (_, opts, expected) => {
    expect(toSearchFilters(opts)).toMatchObject(expected);
  });

  it.each<[string, SearchOptions]>([
    ['--vcpus with --min-vcpus', { vcpus: { min: 4 }, minVcpus: 2 }],
    ['--memory with --max-memory', { memory: { min: 4 }, maxMemory: 2 }],
    ['--current-generation with --all-generations', { currentGeneration: true, allGenerations: true }],
    ['--min-vcpus above --max-vcpus', { minVcpus: 8, maxVcpus: 4 }],
  ])('%s is a usage error', (_, opts) => {
    expect(() => toSearchFilters(opts)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', exitCode: 2 }),
    );
  });

  it('names the filters as flags for the empty-result message', () => {
    expect(filterWords({ vcpus: { min: 4, max: 8 }, efa: true, burstable: false, deny: /metal/i })).toBe(
      'with these filters (--vcpus 4-8, --efa, --no-burstable, --deny metal)',
    );
    expect(filterWords({ limit: 3 })).toBeUndefined();
  });
});

describe('option parsers', () => {
  it.each([
    ['8', { min: 8 }],
    ['4-16', { min: 4, max: 16 }],
    [' 2 - 2 ', { min: 2, max: 2 }],
    ['0.5-1.5', { min: 0.5, max: 1.5 }],
  ])('numberRange(%j)', (text, expected) => {
    expect(numberRange(text)).toEqual(expected);
  });

  it.each(['', 'x', '-4', '8-', '16-4', '4-8-16'])('numberRange(%j) is refused', (text) => {
    expect(() => numberRange(text)).toThrow();
  });

  it('typeNameRegex is case-insensitive and refuses a broken pattern', () => {
    expect(typeNameRegex('^M7I').test('m7i.large')).toBe(true);
    expect(() => typeNameRegex('(')).toThrow(/not a regular expression/);
  });
});
