import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Message } from '../protocol/schemas.ts';
import type { CliIo } from './io.ts';
import { createOutput } from './output.ts';
import type { OutputFormat } from './output-format.ts';
import { type Column, renderRecordsCsv } from './table.ts';

function capture(format: OutputFormat) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const io = {
    stdin: new PassThrough(),
    stdout,
    stderr,
    env: {},
    platform: 'linux',
    homedir: '/h',
    cwd: '/',
    now: () => new Date(0),
  } as CliIo;
  const output = createOutput(io, { format, color: false });
  return { output, text: () => stdout.read()?.toString() ?? '' };
}

type Offer = {
  v: 1;
  type: 'offer';
  instanceType: string;
  region: string;
  pricePerHour?: number;
  availabilityZones?: string[];
  priceAsOf?: string;
};
// A loose offer-like record; the output layer only needs Message's shape at the type level.
const offer = (o: Partial<Offer>): Message =>
  ({ v: 1, type: 'offer', instanceType: 'm7i.large', region: 'us-east-1', ...o }) as unknown as Message;
// Table columns format for people; CSV must not use them.
const OFFER_COLUMNS: Column<Offer>[] = [
  { header: 'TYPE', value: (o) => o.instanceType },
  { header: '$/H', value: (o) => (o.pricePerHour === undefined ? '' : `$${o.pricePerHour.toFixed(4)}`) },
  { header: 'AZS', value: (o) => `${o.availabilityZones?.length ?? 0} AZs` },
];
const COLUMNS = OFFER_COLUMNS as unknown as Column<Message>[];

describe('output formats (issue 11)', () => {
  it('--output json with no records prints [] once the command ends', () => {
    const { output, text } = capture('json');
    output.end();
    expect(text()).toBe('[]\n');
  });

  it('--output json with records prints them, and end() adds nothing', () => {
    const { output, text } = capture('json');
    output.records([offer({})], COLUMNS);
    output.end();
    expect(JSON.parse(text())).toEqual([offer({})]);
  });

  it.each(['ndjson', 'table', 'csv'] as const)('%s with no records prints nothing', (format) => {
    const { output, text } = capture(format);
    output.records([], COLUMNS);
    output.end();
    expect(text()).toBe('');
  });

  it('CSV carries raw values: numbers, ISO dates, ;-joined lists, not the table formatting', () => {
    const { output, text } = capture('csv');
    output.records(
      [
        offer({
          pricePerHour: 0.1008,
          availabilityZones: ['us-east-1a', 'us-east-1b'],
          priceAsOf: '2026-11-01T00:00:00.000Z',
        }),
        offer({ instanceType: 'c7g.large', region: 'eu-west-1' }),
      ],
      COLUMNS,
    );
    expect(text()).toBe(
      'instanceType,region,pricePerHour,availabilityZones,priceAsOf\n' +
        'm7i.large,us-east-1,0.1008,us-east-1a;us-east-1b,2026-11-01T00:00:00.000Z\n' +
        'c7g.large,eu-west-1,,,\n',
    );
  });

  it('CSV quotes what needs quoting and writes nested objects as JSON', () => {
    expect(renderRecordsCsv([{ v: 1, type: 'x', name: 'a,"b"', when: new Date(0), extra: { a: 1 } }])).toBe(
      'name,when,extra\n"a,""b""",1970-01-01T00:00:00.000Z,"{""a"":1}"\n',
    );
  });
});
