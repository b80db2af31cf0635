import { mkdtempSync, writeFileSync } from 'node:fs';
import NodeModule, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from './load-file.ts';

function dist(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'load-file-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('loadFile (a CLI file by path, past Node resolution)', () => {
  it('evaluates a file once and shares it through require’s cache', () => {
    const dir = dist({ 'a.cjs': 'globalThis.__loads = (globalThis.__loads ?? 0) + 1; exports.n = 42;' });
    const path = join(dir, 'a.cjs');
    const first = loadFile(NodeModule, undefined, path) as { n: number };
    expect(first.n).toBe(42);
    expect(loadFile(NodeModule, undefined, path)).toBe(first);
    expect(createRequire(join(dir, 'x.cjs'))('./a.cjs')).toBe(first);
    expect((globalThis as { __loads?: number }).__loads).toBe(1);
  });

  it('loads a file that threw afresh next time, as require does', () => {
    const dir = dist({
      'b.cjs':
        'globalThis.__tries = (globalThis.__tries ?? 0) + 1; if (globalThis.__tries === 1) throw new Error("first");',
    });
    const path = join(dir, 'b.cjs');
    expect(() => loadFile(NodeModule, undefined, path)).toThrow('first');
    expect(() => loadFile(NodeModule, undefined, path)).not.toThrow();
    expect((globalThis as { __tries?: number }).__tries).toBe(2);
  });

  it('reads no package.json on the way (require reads the nearest one first)', () => {
    const dir = dist({
      'package.json': '{ not json',
      'c.cjs': 'exports.ok = true;',
      'd.cjs': 'exports.ok = true;',
    });
    // Control: Node's resolution of a relative require trips over the broken package.json.
    expect(() => createRequire(join(dir, 'x.cjs'))('./d.cjs')).toThrow();
    expect(loadFile(NodeModule, undefined, join(dir, 'c.cjs'))).toEqual({ ok: true });
  });
});
