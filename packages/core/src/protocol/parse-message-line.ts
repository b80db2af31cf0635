import type { Message } from './schemas.ts';

/** Parses and validates one NDJSON line (without its terminator); throws UserError naming the line. */
export function parseMessageLine(_line: string, _lineNumber: number): Message {
  throw new Error('not implemented');
}
