import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { messageSchema, readAllMessages } from '@truffle-spawn/core/protocol';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { runBuiltBin } from '@truffle-spawn/test-utils/run-built-bin';
import { beforeAll, describe, expect, it } from 'vitest';
import { motoOfferedAzs } from './_moto-offerings.ts';
import { tempHome } from './_run-truffle.ts';

const BIN = fileURLToPath(new URL('../../bin/truffle.cjs', import.meta.url));
const EMBEDDED_GZ = fileURLToPath(new URL('../../../core/data/catalog.json.gz', import.meta.url));
const moto = useMoto();

/** Spawns the built binary with a temp HOME and cache; stdout is a pipe, so NDJSON. */
const truffle = (args: string[], env: Record<string, string>, home = tempHome()) =>
  runBuiltBin(BIN, args, env, home);

/** Every stdout line must be a valid protocol record, and there must be at least one. */
async function records(stdout: string) {
  const messages = await readAllMessages(Readable.from([stdout]));
  expect(messages.length).toBe(stdout.split('\n').filter((l) => l !== '').length);
  return messages.map((m) => messageSchema.parse(m.message));
}

describe('truffle binary, end to end', () => {
  beforeAll(() => assertBuilt('core', 'truffle'));

  it('search --offline prints nothing but records on stdout', async () => {
    const r = await truffle(['search', 'm7i.large', '--offline', '--region', 'us-east-1,us-west-2'], {});
    expect(r.code).toBe(0);
    const offers = await records(r.stdout);
    expect(offers.map((o) => [o.type, o.region])).toEqual([
      ['offer', 'us-east-1'],
      ['offer', 'us-west-2'],
    ]);
    expect(r.stderr).toMatch(/offline catalog from 2026-07-20 \(\d+ days old\)/);
  });

  it('search against moto across two regions prints real offerings as records', async () => {
    const r = await truffle(['search', 'm7i.large', '--region', 'us-east-1,us-west-2'], moto.env);
    expect(r.code).toBe(0);
    const offers = await records(r.stdout);
    expect(offers).toHaveLength(2);
    for (const o of offers) {
      if (o.type !== 'offer') throw new Error(`unexpected ${o.type}`);
      expect(o.availabilityZones).toEqual(motoOfferedAzs('m7i.large', o.region));
    }
    expect(r.stderr).not.toContain('Offline');
  });

  it('a live search falls back on the --catalog file, not the embedded catalog (live data is a file of its own)', async () => {
    const home = tempHome();
    const embedded = JSON.parse(gunzipSync(readFileSync(EMBEDDED_GZ)).toString()) as {
      prices: Record<string, { asOf: string }>;
    };
    const usEast = embedded.prices['us-east-1'];
    if (!usEast) throw new Error('the embedded catalog has no us-east-1 prices');
    usEast.asOf = '2001-02-03';
    const file = join(home, 'mine.json.gz');
    writeFileSync(file, gzipSync(JSON.stringify(embedded)));
    // moto has no Pricing API, so the prices come from the catalog in use, dated in the message.
    const r = await truffle(
      ['search', 'm7i.large', '--region', 'us-east-1', '--catalog', file],
      moto.env,
      home,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('us-east-1 as of 2001-02-03');
  });

  it('ships its catalog in file format 3, whose parts an exact search parses on first use', () => {
    const catalog = fileURLToPath(new URL('../../dist/catalog.json', import.meta.url));
    expect(readFileSync(catalog, 'latin1').slice(0, 19)).toBe('{"formatVersion":3,');
  });

  it('keeps a V8 compile cache of its own files per user, and answers the same from it', async () => {
    const home = tempHome();
    const first = await truffle(['search', 'm7i.large', '--offline'], {}, home);
    const dir = join(home, 'cache', 'truffle-spawn', 'compile');
    const files = readdirSync(dir);
    if (Number(process.versions.node.split('.')[0]) < 22) {
      // The Node 20 fallback: one file per bundled file this command compiled (startup-lazy.cjs
      // too when the environment configures a region, as the test workers' moto env does).
      const cached = files.map((f) => f.split('.').slice(1, 3).join('.')).sort();
      expect(cached.filter((f) => f !== 'startup-lazy.cjs')).toEqual(['commands__search.cjs', 'main.cjs']);
      expect(cached.length).toBe(process.env.AWS_REGION ? 3 : 2);
    } else {
      expect(files.length).toBeGreaterThan(0);
    }
    if (process.platform !== 'win32') expect(statSync(dir).mode & 0o777).toBe(0o700);
    const second = await truffle(['search', 'm7i.large', '--offline'], {}, home);
    expect(second).toEqual(first);
    expect(second.code).toBe(0);
  });

  it('answers --version and -v from the bin without loading the CLI, as commander would', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v']) {
      const home = tempHome();
      expect(await truffle([flag], {}, home)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
      // Nothing was compiled: the fast path never reaches main.cjs.
      expect(existsSync(join(home, 'cache', 'truffle-spawn', 'compile'))).toBe(false);
    }
    // Commander's own answer (reached when --version is not alone) is the same text.
    expect((await truffle(['--version', '--no-color'], {})).stdout).toBe(`${version}\n`);
  });

  it('bad input exits 2 with only an error record on stdout', async () => {
    const r = await truffle(['search', 'm7i', '--offline', '--region', 'us-east'], {});
    expect(r.code).toBe(2);
    const [error] = await records(r.stdout);
    expect(error).toMatchObject({ type: 'error', code: 'INVALID_REGION' });
  });
});
