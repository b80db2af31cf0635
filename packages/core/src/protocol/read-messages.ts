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

/** Streams validated messages from NDJSON input (e.g. process.stdin), one per non-blank line. */
export async function* readMessages(
  _input: AsyncIterable<Buffer | string>,
  _o: ReadMessagesOptions = {},
): AsyncGenerator<ReadMessage> {
  throw new Error('not implemented');
}

/** Reads every message; throws PROTOCOL_EMPTY_INPUT when the input holds no record at all. */
export async function readAllMessages(
  input: AsyncIterable<Buffer | string>,
  o: ReadMessagesOptions = {},
): Promise<ReadMessage[]> {
  const all: ReadMessage[] = [];
  for await (const m of readMessages(input, o)) all.push(m);
  return all;
}
