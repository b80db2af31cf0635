import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UserError } from '../errors/user-error.ts';
import type { Message } from '../protocol/schemas.ts';
import type { CliIo } from './io.ts';
import { createOutput } from './output.ts';
import type { OutputFormat } from './output-format.ts';
import { renderRecordsYaml } from './output-yaml.ts';
import type { Column } from './table.ts';

function capture(format: OutputFormat, fields?: string) {
  const stdout = new PassThrough();
  const io = {
    stdin: new PassThrough(),
    stdout,
    stderr: new PassThrough(),
    env: {},
    platform: 'linux',
    homedir: '/h',
    cwd: '/',
    now: () => new Date(0),
  } as CliIo;
  const output = createOutput(io, { format, color: false, fields, yaml: renderRecordsYaml });
  return { output, text: () => stdout.read()?.toString() ?? '' };
}

const offer = (o: object): Message =>
  ({
    v: 1,
    type: 'offer',
    instanceType: 'm7i.large',
    region: 'us-east-1',
    vcpus: 2,
    ...o,
  }) as unknown as Message;
const COLUMNS: Column<Message>[] = [
  { header: 'TYPE', value: (o) => (o as { instanceType: string }).instanceType },
];
const usageError = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e as UserError;
  }
  throw new Error('no error thrown');
};

describe('--output yaml', () => {
  it('prints the records as one YAML sequence that parses back to them', () => {
    const { output, text } = capture('yaml');
    const records = [
      offer({ availabilityZones: ['us-east-1a', 'us-east-1b'] }),
      offer({ instanceType: 'c7g.large' }),
    ];
    output.records(records, COLUMNS);
    output.end();
    expect(parse(text())).toEqual(records);
  });

  it('prints [] when nothing was written, like --output json', () => {
    const { output, text } = capture('yaml');
    output.end();
    expect(text()).toBe('[]\n');
  });

  it('a second write is a second document, so the stream stays valid YAML', () => {
    const { output, text } = capture('yaml');
    output.record(offer({}), COLUMNS);
    output.record(offer({ instanceType: 'c7g.large' }), COLUMNS);
    expect(text().split('\n---\n')).toHaveLength(2);
  });
});

describe('--output text (the AWS CLI text format)', () => {
  it('has no header: one tab-separated line per record, fields in alphabetical order, v and type left out', () => {
    const { output, text } = capture('text');
    output.records(
      [
        offer({ availabilityZones: ['us-east-1a', 'us-east-1b'] }),
        offer({ instanceType: 'c7g.large', vcpus: 1 }),
      ],
      COLUMNS,
    );
    expect(text()).toBe(
      'us-east-1a,us-east-1b\tm7i.large\tus-east-1\t2\n' + // availabilityZones instanceType region vcpus
        '\tc7g.large\tus-east-1\t1\n',
    );
  });

  it('keeps one line per record when a value holds a tab or newline', () => {
    const { output, text } = capture('text');
    output.records([offer({ instanceType: 'a\tb\nc' })], COLUMNS);
    expect(text().split('\n')).toEqual(['a b c\tus-east-1\t2', '']);
  });
});

describe('--fields', () => {
  it('text prints the chosen fields in the order given', () => {
    const { output, text } = capture('text', 'region,instanceType,type');
    output.records([offer({})], COLUMNS);
    expect(text()).toBe('us-east-1\tm7i.large\toffer\n');
  });

  it('csv has the chosen fields as its header, even one no record has', () => {
    const { output, text } = capture('csv', 'instanceType,pricePerHour');
    output.records([offer({})], COLUMNS);
    expect(text()).toBe('instanceType,pricePerHour\nm7i.large,\n');
  });

  it('table shows the chosen fields instead of the command columns, numbers right-aligned', () => {
    const { output, text } = capture('table', 'instanceType,vcpus');
    output.records([offer({}), offer({ instanceType: 'x', vcpus: 128 })], COLUMNS);
    expect(text()).toBe('instanceType  vcpus\nm7i.large         2\nx               128\n');
  });

  it('a name that is no record field is a usage error before the command runs, listing valid ones', () => {
    const error = usageError(() => capture('text', 'instanceType,bogus'));
    expect(error).toBeInstanceOf(UserError);
    expect(error.code).toBe('USAGE');
    expect(error.message).toContain('"bogus"');
    expect(error.hint).toContain('instanceType');
  });

  it('a field of another record type is a usage error naming the fields of this one', () => {
    const { output } = capture('text', 'limitVcpus');
    const error = usageError(() => output.records([offer({})], COLUMNS));
    expect(error.code).toBe('USAGE');
    expect(error.hint).toMatch(/^Valid fields of offer records: v, type, instanceType, region,/);
    expect(error.hint).not.toContain('limitVcpus');
  });

  it('after an action (record()), a field this record lacks warns and prints an empty cell instead of failing', () => {
    const stderr = new PassThrough();
    const stdout = new PassThrough();
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
    const output = createOutput(io, { format: 'text', color: false, fields: 'instanceType,limitVcpus' });
    output.record(offer({}), COLUMNS);
    expect(stdout.read()?.toString()).toBe('m7i.large\t\n');
    expect(stderr.read()?.toString()).toMatch(
      /^! Unknown field "limitVcpus" for --fields\. Valid fields of offer records: /,
    );
  });

  it.each(['ndjson', 'json', 'yaml'] as const)(
    'is a usage error with --output %s, which print whole records',
    (format) => {
      expect(usageError(() => capture(format, 'region')).code).toBe('USAGE');
    },
  );
});
