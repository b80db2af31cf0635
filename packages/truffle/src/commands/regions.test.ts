import { PassThrough } from 'node:stream';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { type CliIo, createCommandContext } from '@truffle-spawn/core/cli-kit';
import { regionSchema } from '@truffle-spawn/core/protocol';
import { useMoto } from '@truffle-spawn/test-utils/moto';
import { describe, expect, it } from 'vitest';
import { runTruffle, tempHome } from '../__tests__/_run-truffle.ts';
import type { Input, RegionsInput } from '../command-table.ts';
import { run } from './regions.ts';

const moto = useMoto();

/** What commander hands a handler when no flag is given (`--no-*` flags default to true). */
const noGlobals: Input<object> = {
  region: undefined,
  regions: undefined,
  profile: undefined,
  output: undefined,
  fields: undefined,
  json: undefined,
  cache: true,
  refresh: undefined,
  offline: undefined,
  timeout: undefined,
  debug: undefined,
  color: true,
};

describe('truffle regions handler', () => {
  it('reads a typed input: the table’s flags only', async () => {
    const input: RegionsInput = { ...noGlobals, offline: true, output: 'ndjson', all: undefined };
    const home = tempHome();
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const io: CliIo = {
      stdin: new PassThrough(),
      stdout,
      stderr: new PassThrough(),
      env: { NO_COLOR: '1' },
      platform: 'linux',
      homedir: home,
      cwd: home,
      now: () => new Date('2026-11-26T12:00:00Z'),
    };
    await run(createCommandContext(io, input, new AbortController().signal), input);
    const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n');
    expect(lines.map((l) => regionSchema.parse(JSON.parse(l)).region)).toContain('eu-west-1');
    // A renamed or misspelt flag does not compile: the flag is --all.
    // @ts-expect-error 'allRegions' is not an option of truffle regions
    expect(input.allRegions).toBeUndefined();
  });
});

describe('truffle regions offline', () => {
  it('lists the catalog’s regions with names and whether each needs opting in', async () => {
    const r = await runTruffle(['regions', '--offline']);
    expect(r.code).toBe(0);
    expect(r.records).toHaveLength(30);
    expect(r.records).toContainEqual({
      v: 1,
      type: 'region',
      region: 'us-east-1',
      name: 'US East (N. Virginia)',
      optInRequired: false,
    });
    expect(r.records.find((x) => x.region === 'me-south-1')).toMatchObject({ optInRequired: true });
    expect(r.records.every((x) => !('optInStatus' in x))).toBe(true);
    expect(r.stderr).toMatch(/^Offline \(--offline\): the regions of the offline catalog from 2026-07-20/);
  });

  it('answers offline without credentials, and prints a table on request', async () => {
    const r = await runTruffle(['regions', '-o', 'table']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Offline (no AWS credentials are configured)');
    expect(r.stdout).toMatch(/^REGION +NAME +OPT-IN\n/);
    expect(r.stdout).toMatch(/^af-south-1 +Africa \(Cape Town\) +required$/m);
    expect(r.stdout).toMatch(/^eu-west-1 +Europe \(Ireland\) +not required$/m);
  });
});

// moto 5.2.1's DescribeRegions ignores AllRegions and answers botocore's 34 commercial regions
// (20 as "opt-in-not-required", including af-south-1, ap-southeast-3 and eu-south-1, which real
// AWS makes opt-in; the other 14 as "not-opted-in"), plus the GovCloud and China regions as
// "opt-in-not-required". truffle shows what AWS (here: moto) says, so the test derives from it.
describe('truffle regions against moto', () => {
  const describeMoto = async () => {
    const out = await new EC2Client({ region: 'us-east-1' }).send(
      new DescribeRegionsCommand({ AllRegions: true }),
    );
    return out.Regions ?? [];
  };

  it('lists the enabled regions with names and the account’s opt-in status', async () => {
    const answer = await describeMoto();
    const r = await runTruffle(['regions'], { env: moto.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Offline');
    const enabled = answer.filter((x) => x.OptInStatus !== 'not-opted-in').map((x) => x.RegionName);
    expect(r.records.map((x) => x.region)).toEqual([...enabled].sort());
    for (const rec of r.records) regionSchema.parse(rec);
    expect(r.records).toContainEqual({
      v: 1,
      type: 'region',
      region: 'us-east-1',
      name: 'US East (N. Virginia)',
      optInRequired: false,
      optInStatus: 'opt-in-not-required',
    });
    const hidden = answer.length - enabled.length;
    expect(hidden).toBeGreaterThan(0);
    expect(r.stderr).toContain(`${hidden} opt-in region(s) not enabled for this account; --all lists them.`);
  });

  it('--all adds the regions not enabled, marked not-opted-in', async () => {
    const answer = await describeMoto();
    const r = await runTruffle(['regions', '--all'], { env: moto.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.records).toHaveLength(answer.length);
    expect(r.records.find((x) => x.region === 'ap-east-1')).toEqual({
      v: 1,
      type: 'region',
      region: 'ap-east-1',
      name: 'Asia Pacific (Hong Kong)',
      optInRequired: true,
      optInStatus: 'not-opted-in',
    });
  });
});
