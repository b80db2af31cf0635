import { fileURLToPath } from 'node:url';
import { assertBuilt } from '@truffle-spawn/test-utils/built';
import { runBuiltBin } from '@truffle-spawn/test-utils/run-built-bin';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempHome } from './_run-truffle.ts';

// Issue 17, "Output for scripts": --output yaml|text and --fields through the built bin, offline.
const BIN = fileURLToPath(new URL('../../bin/truffle.cjs', import.meta.url));
const SEARCH = ['search', 'm7*.large', '--offline', '--region', 'us-east-1', '--limit', '3'];

const truffle = (args: string[]) =>
  runBuiltBin(BIN, args, { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }, tempHome());

describe('truffle --output yaml|text and --fields, end to end', () => {
  beforeAll(() => assertBuilt('core', 'truffle'));

  it('--output yaml is the same records as --output json', async () => {
    const [yaml, json] = await Promise.all([
      truffle([...SEARCH, '-o', 'yaml']),
      truffle([...SEARCH, '-o', 'json']),
    ]);
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(parse(yaml.stdout)).toEqual(JSON.parse(json.stdout));
    expect(parse(yaml.stdout)).toHaveLength(3);
  });

  it('--output text: no header, a tab-separated line per record, fields alphabetical', async () => {
    const [text, json] = await Promise.all([
      truffle([...SEARCH, '-o', 'text']),
      truffle([...SEARCH, '-o', 'json']),
    ]);
    expect(text.code, text.stderr).toBe(0);
    const records = JSON.parse(json.stdout) as {
      architecture: string;
      availabilityZones: string[];
      instanceType: string;
    }[];
    const lines = text.stdout.trimEnd().split('\n');
    expect(records).toHaveLength(3);
    // architecture, availabilityZones, instanceType, ...: the AWS CLI's order, lists on the line.
    expect(lines.map((l) => l.split('\t').slice(0, 3))).toEqual(
      records.map((r) => [r.architecture, r.availabilityZones.join(','), r.instanceType]),
    );
    expect(new Set(records.map((r) => r.architecture))).toEqual(new Set(['arm64', 'x86_64']));
  });

  it.each([
    ['text', 'm7i.large\t2\tus-east-1\n'],
    ['csv', 'instanceType,vcpus,region\nm7i.large,2,us-east-1\n'],
    ['table', 'instanceType  vcpus  region\nm7i.large         2  us-east-1\n'],
  ])('--fields picks and orders the columns of --output %s', async (format, expected) => {
    const r = await truffle([
      'search',
      'm7i.large',
      '--offline',
      '--region',
      'us-east-1',
      '-o',
      format,
      '--fields',
      'instanceType,vcpus,region',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(expected);
  });

  it('an unknown --fields name exits 2 with an error record and the valid names on stderr', async () => {
    const r = await truffle([...SEARCH, '-o', 'text', '--fields', 'instanceType,cost']);
    expect(r.code).toBe(2);
    expect(r.records).toEqual([expect.objectContaining({ type: 'error', code: 'USAGE' })]);
    expect(r.stderr).toContain('Unknown field "cost"');
    expect(r.stderr).toMatch(/Valid fields: .*instanceType/);
  });

  it('--fields with a whole-record format is a usage error, not silently ignored', async () => {
    const r = await truffle([...SEARCH, '-o', 'json', '--fields', 'instanceType']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--fields applies to --output table, csv, text');
  });
});
