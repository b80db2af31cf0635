import { UserError } from '../errors/user-error.ts';
import { splitLines } from './_split-lines.ts';
import { parseMessageLine } from './parse-message-line.ts';
import type { Message } from './schemas.ts';

/** Longest accepted line in bytes (1 MiB): far above any real record, small enough to hold. */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface ReadMessage {
  /** 1-based line number in the input, counting blank lines. */
  lineNumber: number;
  message: Message;
}

export interface ReadMessagesOptions {
  /** Longest accepted line in bytes; default MAX_LINE_BYTES. */
  maxLineBytes?: number;
}

/**
 * Streams validated messages from NDJSON input (e.g. process.stdin), one per non-blank line.
 * Accepts CRLF and a UTF-8 BOM on line 1; throws a UserError naming the line on the first bad one.
 */
export async function* readMessages(
  input: AsyncIterable<Buffer | string>,
  o: ReadMessagesOptions = {},
): AsyncGenerator<ReadMessage> {
  // ignoreBOM keeps a BOM in the text, so only line 1's is stripped and one anywhere else is an error.
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  for await (const { lineNumber, bytes } of splitLines(input, o.maxLineBytes ?? MAX_LINE_BYTES)) {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch (error) {
      throw new UserError('PROTOCOL_INVALID_LINE', `line ${lineNumber} is not JSON (it is not UTF-8 text)`, {
        hint: "spawn reads truffle's NDJSON output, one JSON object per line, e.g. `truffle search m7i.large | spawn`.",
        cause: error,
        details: { line: lineNumber },
      });
    }
    if (lineNumber === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') continue;
    yield { lineNumber, message: parseMessageLine(text, lineNumber) };
  }
}

/** Reads every message; throws PROTOCOL_EMPTY_INPUT when the input holds no record at all. */
export async function readAllMessages(
  input: AsyncIterable<Buffer | string>,
  o: ReadMessagesOptions = {},
): Promise<ReadMessage[]> {
  const all: ReadMessage[] = [];
  for await (const m of readMessages(input, o)) all.push(m);
  if (all.length === 0) {
    throw new UserError('PROTOCOL_EMPTY_INPUT', 'no protocol records on standard input', {
      hint: "Pipe truffle's output in, e.g. `truffle search m7i.large | spawn`.",
    });
  }
  return all;
}
