import { loadCatalog, onDemandPrice } from '@truffle-spawn/core/catalog';
import { describe, expect, it } from 'vitest';
import { typeChoices } from './type-choices.ts';

const catalog = await loadCatalog();
const at = { region: 'us-east-1', defaultType: 't3.medium' };
const names = (term: string) => typeChoices(catalog, term, at).choices.map((c) => c.value);

describe('the wizard’s instance-type search (issue 15)', () => {
  it('before anything is typed, the default comes first, so Enter keeps it', () => {
    const { choices, note } = typeChoices(catalog, undefined, at);
    expect(note).toBeUndefined();
    expect(choices[0]?.value).toBe('t3.medium');
    expect(choices[0]?.name).toMatch(/^t3\.medium\s+2 vCPUs\s+4 GiB\s+\$0\.0416\/hour$/);
  });

  it.each(['t3.micro', 'p5.48xlarge', 'm7i.large', 'T3.Micro'])(
    'the exact name %s gives that type only',
    (name) => {
      expect(names(name)).toEqual([name.toLowerCase()]);
    },
  );

  it('a misspelt name (t3.mcro) says so and suggests t3.micro first, at that step', () => {
    const { note, choices } = typeChoices(catalog, 't3.mcro', at);
    expect(note).toBe('t3.mcro is not an EC2 instance type. Did you mean:');
    expect(choices[0]?.value).toBe('t3.micro');
    expect(choices.map((c) => c.value)).not.toContain('t3.mcro');
  });

  it('`gpu` lists GPU types only, cheapest first, each with its GPU model and memory and $/hour', () => {
    const { choices } = typeChoices(catalog, 'gpu', at);
    expect(choices.length).toBeGreaterThan(5);
    const prices = choices.map((c) => onDemandPrice(catalog, c.value, 'us-east-1')?.usdPerHour);
    const known = prices.filter((p): p is number => p !== undefined);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    // Unknown prices (not sold in the region) go last, never first.
    expect(prices.slice(0, known.length).every((p) => p !== undefined)).toBe(true);
    for (const c of choices) expect(c.name).toMatch(/ (\d+x|1\/\d+) [^$]+ [\d.]+ GiB /);
    const g4dn = choices.find((c) => c.value === 'g4dn.xlarge');
    expect(g4dn?.name).toMatch(/^g4dn\.xlarge\s+4 vCPUs\s+16 GiB\s+1x T4 16 GiB\s+\$0\.5260\/hour$/);
  });

  it('words nobody understands say so instead of offering a random type', () => {
    const { note, choices } = typeChoices(catalog, 'zzqqxx', at);
    expect(choices).toEqual([]);
    expect(note).toMatch(/Nothing matches "zzqqxx"/);
  });

  it('a type AWS prices but the catalog has no specs for is offered as typed, never replaced', () => {
    const name = catalog.unspecified?.[0] ?? '';
    expect(name).not.toBe('');
    const { note, choices } = typeChoices(catalog, name, at);
    expect(note).toBeUndefined();
    expect(choices).toEqual([
      { value: name, short: name, name: `${name}  (specs not in the offline catalog)` },
    ]);
  });
});
