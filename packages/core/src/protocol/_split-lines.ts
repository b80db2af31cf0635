import { UserError } from '../errors/user-error.ts';

export interface RawLine {
  /** 1-based, counting every line including blank ones. */
  lineNumber: number;
  /** The line's bytes without "\n" or a trailing "\r". */
  bytes: Buffer;
}

/**
 * Splits a byte stream into lines. Not node:readline: readline keeps appending to a line until it
 * sees "\n", without any limit, so a newline-free input (binary junk, a huge file) would be held in
 * memory whole before we could reject it. Here bytes are counted as they arrive and the cap throws
 * at once, holding at most about `maxLineBytes` plus one chunk. Splitting on the byte 0x0A is safe
 * in UTF-8 (it never occurs inside a multi-byte sequence), so chunks may end anywhere.
 */
export async function* splitLines(
  input: AsyncIterable<Buffer | string | Uint8Array>,
  maxLineBytes: number,
): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 1;
  for await (const chunk of input) {
    const buf = toBuffer(chunk);
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      const piece = buf.subarray(start, nl);
      const line =
        pending.length === 0 ? piece : Buffer.concat([...pending, piece], pendingBytes + piece.length);
      pending = [];
      pendingBytes = 0;
      yield { lineNumber, bytes: finishLine(line, lineNumber, maxLineBytes) };
      lineNumber++;
      start = nl + 1;
    }
    if (start < buf.length) {
      pendingBytes += buf.length - start;
      // +1 leaves room for the "\r" of a CRLF line that is exactly at the cap.
      if (pendingBytes > maxLineBytes + 1) throw lineTooLong(lineNumber, maxLineBytes);
      pending.push(buf.subarray(start));
    }
  }
  if (pendingBytes > 0) {
    yield { lineNumber, bytes: finishLine(Buffer.concat(pending, pendingBytes), lineNumber, maxLineBytes) };
  }
}

function toBuffer(chunk: Buffer | string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function finishLine(line: Buffer, lineNumber: number, maxLineBytes: number): Buffer {
  const bytes = line.at(-1) === 0x0d ? line.subarray(0, -1) : line;
  if (bytes.length > maxLineBytes) throw lineTooLong(lineNumber, maxLineBytes);
  return bytes;
}

function lineTooLong(lineNumber: number, maxLineBytes: number): UserError {
  return new UserError(
    'PROTOCOL_LINE_TOO_LONG',
    `line ${lineNumber} is longer than ${maxLineBytes} bytes; a protocol record is one short JSON object per line`,
    {
      hint: 'Check that the input is NDJSON from truffle (e.g. `truffle search m7i.large | spawn`), not a file or binary data.',
      details: { line: lineNumber, maxLineBytes },
    },
  );
}
