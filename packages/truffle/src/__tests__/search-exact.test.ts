import { ExitCode } from '@truffle-spawn/core';
import { errorRecordSchema, offerSchema } from '@truffle-spawn/core/protocol';
import { describe, expect, it } from 'vitest';
import { runTruffle } from './_run-truffle.ts';

// Issue 11: an exact-looking name returns that type or nothing (offline catalog, no AWS).
const offline = (...args: string[]) => runTruffle(['search', ...args, '--offline']);

describe('truffle search: exact names are sacred', () => {
  it.each(['m7i.large', 'M7I.LARGE', 'p5.48xlarge', 'm1.large'])('%s gives exactly that type', async (q) => {
    const r = await offline(q, '-r', 'us-east-1');
    expect(r.code).toBe(0);
    expect(r.records.length).toBe(1);
    expect(offerSchema.parse(r.records[0])).toMatchObject({ instanceType: q.toLowerCase(), match: 'exact' });
  });

  it.each([
    ['m9z.large', undefined],
    ['m7i.larg', 'm7i.large'],
    ['t3.mircro', 't3.micro'],
    ['c7g.2xlarg', 'c7g.2xlarge'],
  ])('%s: no offer, an error record, exit 8 and "did you mean %s" on stderr', async (q, idea) => {
    const r = await offline(q, '-r', 'us-east-1');
    expect(r.code).toBe(ExitCode.notFound);
    expect(r.code).toBe(8);
    expect(r.records).toHaveLength(1);
    const err = errorRecordSchema.parse(r.records[0]);
    expect(err.code).toBe('INSTANCE_TYPE_NOT_FOUND');
    expect(r.records.some((x) => x.type === 'offer')).toBe(false);
    expect(r.stderr).toContain(`No instance type is named "${q}".`);
    if (idea) expect(r.stderr).toMatch(new RegExp(`Did you mean: .*${idea.replace('.', '\\.')}`));
  });

  it('a type AWS prices but the catalog has no specs for says so (not "did you mean")', async () => {
    const r = await offline('p3.2xlarge', '-r', 'us-east-1');
    expect(r.code).toBe(8);
    expect(r.records.map((x) => x.type)).toEqual(['error']);
    expect(r.stderr).toContain(
      'p3.2xlarge exists (AWS prices it in us-east-1) but the offline catalog has no specs for it',
    );
    expect(r.stderr).not.toContain('c3.2xlarge');
  });

  it('a type not offered in the asked region says where it is offered', async () => {
    const r = await offline('p5.48xlarge', '-r', 'af-south-1');
    expect(r.code).toBe(8);
    expect(r.records[0]).toMatchObject({ type: 'error', code: 'INSTANCE_TYPE_NOT_OFFERED' });
    expect(r.stderr).toMatch(/Error: p5\.48xlarge is not offered in af-south-1; offered in: .*us-east-1/);
    expect(r.stderr).not.toContain('Did you mean');
  });

  it('a type that exists but fails the filters says so, exit 8', async () => {
    const r = await offline('m7i.large', '-r', 'us-east-1', '--gpus', '1');
    expect(r.code).toBe(8);
    expect(r.stderr).toContain('m7i.large exists but does not pass with these filters (--gpus 1)');
  });

  it('a type above --max-price is not replaced by a cheaper one', async () => {
    const r = await offline('m7i.large', '-r', 'us-east-1', '--max-price', '0.01');
    expect(r.code).toBe(8);
    expect(r.records.map((x) => x.type)).toEqual(['error']);
  });

  it('every offer record says how it matched', async () => {
    const cases: [string, string][] = [
      ['m7i.*', 'glob'],
      ['c7g', 'family'],
      ['h100', 'accelerator'],
      ['graviton large', 'words'],
      ['c7gnx', 'fuzzy'],
    ];
    for (const [q, match] of cases) {
      const r = await offline(q, '-r', 'us-east-1', '--limit', '2');
      expect(r.records.length, q).toBeGreaterThan(0);
      for (const rec of r.records) expect(offerSchema.parse(rec).match, q).toBe(match);
    }
  });
});

describe('truffle search table', () => {
  it('shows a fractional GPU as its fraction (g6f.large: 1/8 of an L4)', async () => {
    const r = await runTruffle(['search', 'g6f.large', '--offline', '-r', 'us-east-1', '-o', 'table']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/g6f\.large\s+2\s+8\s+1x 1\/8 L4/);
  });
});
