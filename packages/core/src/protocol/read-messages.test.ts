import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../errors/user-error.ts';
import { readAllMessages, readMessages } from './read-messages.ts';

const offer = {
  v: 1,
  type: 'offer',
  instanceType: 'm7i.large',
  region: 'us-east-1',
  vcpus: 2,
  memoryMiB: 8192,
  architecture: 'x86_64',
  market: 'on-demand',
  pricePerHour: 0.1008,
};
const quota = {
  v: 1,
  type: 'quota',
  region: 'us-east-1',
  bucket: 'standard',
  market: 'on-demand',
  quotaCode: 'L-1216C47A',
  name: 'Running On-Demand Standard instances',
  limitVcpus: 32,
};
const line = (o: unknown) => `${JSON.stringify(o)}\n`;

async function readError(input: AsyncIterable<Buffer | string>, maxLineBytes?: number): Promise<UserError> {
  try {
    await readAllMessages(input, { maxLineBytes });
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('readMessages', () => {
  it('reads a multi-record stream with line numbers, skipping blank lines', async () => {
    const input = Readable.from([line(offer), '\n  \n', line(quota), line({ ...offer, extra: 'kept' })]);
    const read = await readAllMessages(input);
    expect(read.map((r) => [r.lineNumber, r.message.type])).toEqual([
      [1, 'offer'],
      [4, 'quota'],
      [5, 'offer'],
    ]);
    expect(read[2]?.message).toMatchObject({ extra: 'kept', pricePerHour: 0.1008 });
  });

  it('yields records as they arrive instead of waiting for the end of input', async () => {
    const input = new PassThrough();
    const iterator = readMessages(input)[Symbol.asyncIterator]();
    input.write(line(offer));
    const first = await iterator.next();
    expect(first.value).toMatchObject({ lineNumber: 1, message: { instanceType: 'm7i.large' } });
    input.end();
    expect((await iterator.next()).done).toBe(true);
  });

  it('accepts CRLF line endings and a UTF-8 BOM on line 1', async () => {
    const text = `\uFEFF${JSON.stringify(offer)}\r\n\r\n${JSON.stringify(quota)}\r\n`;
    const read = await readAllMessages(Readable.from([Buffer.from(text, 'utf8')]));
    expect(read.map((r) => r.lineNumber)).toEqual([1, 3]);
  });

  it('rejects a BOM that is not at the start of the input', async () => {
    const error = await readError(Readable.from([line(offer), `\uFEFF${line(quota)}`]));
    expect(error.code).toBe('PROTOCOL_INVALID_LINE');
    expect(error.message).toMatch(/^line 2 is not JSON/);
  });

  it('reads a last line without a newline', async () => {
    const read = await readAllMessages(Readable.from([line(offer), JSON.stringify(quota)]));
    expect(read.map((r) => r.message.type)).toEqual(['offer', 'quota']);
  });

  it('reassembles multi-byte UTF-8 split across chunks at every byte', async () => {
    const name = 'Laufende Instanzen – Größe 🚀';
    const bytes = Buffer.from(line({ ...quota, name }), 'utf8');
    for (let cut = 1; cut < bytes.length; cut++) {
      const input = Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]);
      const [first] = await readAllMessages(input);
      expect(first?.message).toMatchObject({ name });
    }
    const oneByteChunks = Readable.from([...bytes].map((b) => Buffer.from([b])));
    expect((await readAllMessages(oneByteChunks))[0]?.message).toMatchObject({ name });
  });
});

describe('readMessages errors', () => {
  it('names the line and the hint for text that is not JSON', async () => {
    const error = await readError(Readable.from([line(offer), line(quota), 'm7i.large  2  8 GiB\n']));
    expect(error.code).toBe('PROTOCOL_INVALID_LINE');
    expect(error.message).toMatch(/^line 3 is not JSON \(.+\)$/);
    expect(error.hint).toContain('truffle search m7i.large | spawn');
    expect(error.details).toEqual({ line: 3 });
  });

  it('names the line and the field for a schema failure', async () => {
    const bad = { ...offer, vcpus: 'two', gpus: { count: 1 } };
    const error = await readError(Readable.from([line(offer), line(bad)]));
    expect(error.code).toBe('PROTOCOL_INVALID_LINE');
    expect(error.message).toMatch(/^line 2: vcpus: .+; gpus\.model: .+/);
    expect(error.details).toEqual({ line: 2, field: 'vcpus' });
  });

  it('treats an unknown type as an invalid line, not something to skip', async () => {
    const error = await readError(Readable.from([line({ v: 1, type: 'banana' })]));
    expect(error.code).toBe('PROTOCOL_INVALID_LINE');
    expect(error.message).toBe(
      'line 1: type: unknown record type "banana" (expected one of offer, capacity, quota, error, launched, instance, region, job)',
    );
  });

  it('asks for an upgrade when the major version is newer', async () => {
    const error = await readError(Readable.from([line(offer), line({ ...offer, v: 2 })]));
    expect(error.code).toBe('PROTOCOL_UNSUPPORTED_VERSION');
    expect(error.message).toContain('line 2');
    expect(error.hint).toMatch(/upgrade spawn/i);
  });

  it.each([
    ['missing', { ...offer, v: undefined }, 'it is missing'],
    ['zero', { ...offer, v: 0 }, 'got 0'],
    ['a string', { ...offer, v: '1' }, 'got "1"'],
  ])('reports a v that is %s as an invalid line', async (_name, record, got) => {
    const error = await readError(Readable.from([line(record)]));
    expect(error.code).toBe('PROTOCOL_INVALID_LINE');
    expect(error.message).toBe(`line 1: v: expected protocol version 1, ${got}`);
  });

  it('rejects JSON that is not an object', async () => {
    const error = await readError(Readable.from(['[1,2]\n']));
    expect(error.message).toBe('line 1 is not a protocol record (expected a JSON object, got an array)');
  });

  it.each([
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9c, 0x0a])],
    ['a gzip header', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a])],
  ])('rejects binary junk (%s) as not JSON', async (_name, junk) => {
    const error = await readError(Readable.from([junk]));
    expect(error.code).toBe('PROTOCOL_INVALID_LINE');
    expect(error.message).toMatch(/^line 1 is not JSON/);
  });

  it('throws PROTOCOL_EMPTY_INPUT for empty input and for blank lines only', async () => {
    expect((await readError(Readable.from([]))).code).toBe('PROTOCOL_EMPTY_INPUT');
    expect((await readError(Readable.from(['\n', '  \r\n', '\n']))).code).toBe('PROTOCOL_EMPTY_INPUT');
  });
});

describe('line length cap', () => {
  it('rejects a line over the cap that arrives in one chunk', async () => {
    const error = await readError(Readable.from([line(offer), `${'x'.repeat(600)}\n`]), 500);
    expect(error.code).toBe('PROTOCOL_LINE_TOO_LONG');
    expect(error.message).toContain('line 2 is longer than 500 bytes');
    expect(error.details).toEqual({ line: 2, maxLineBytes: 500 });
  });

  it('stops an endless newline-free stream as soon as the cap is passed', async () => {
    let pulled = 0;
    async function* endless() {
      yield line(offer);
      for (;;) {
        // A reader without the cap would spin here forever without ever yielding to timers.
        if (++pulled > 10_000) throw new Error('the reader kept buffering past the cap');
        yield Buffer.alloc(1024, 0x61);
      }
    }
    const error = await readError(endless(), 64 * 1024);
    expect(error.code).toBe('PROTOCOL_LINE_TOO_LONG');
    expect(error.message).toContain('line 2');
    expect(pulled).toBe(65);
  });

  it('accepts a line exactly at the cap, with or without CR', async () => {
    const text = JSON.stringify(offer);
    const cap = Buffer.byteLength(text);
    expect(await readAllMessages(Readable.from([`${text}\r\n`, text]), { maxLineBytes: cap })).toHaveLength(
      2,
    );
    const error = await readError(Readable.from([`${text} \r\n`]), cap);
    expect(error.code).toBe('PROTOCOL_LINE_TOO_LONG');
  });
});
