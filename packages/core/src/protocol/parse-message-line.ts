import { UserError } from '../errors/user-error.ts';
import { formatIssues, formatPath } from './_format-issues.ts';
import { type Message, messageSchema, PROTOCOL_VERSION } from './schemas.ts';

const NDJSON_HINT =
  "spawn reads truffle's NDJSON output, one JSON object per line, e.g. `truffle search m7i.large | spawn`.";

const knownTypes: readonly string[] = messageSchema.options.map((o) => o.shape.type.value);

/** Parses and validates one NDJSON line (without its terminator); throws UserError naming the line. */
export function parseMessageLine(line: string, lineNumber: number): Message {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidLine(lineNumber, `line ${lineNumber} is not JSON (${reason})`, {
      hint: NDJSON_HINT,
      cause: error,
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const got = data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`;
    throw invalidLine(
      lineNumber,
      `line ${lineNumber} is not a protocol record (expected a JSON object, got ${got})`,
      {
        hint: NDJSON_HINT,
      },
    );
  }
  const record = data as Record<string, unknown>;
  checkVersion(record.v, lineNumber);
  if (typeof record.type !== 'string' || !knownTypes.includes(record.type)) {
    const got = record.type === undefined ? 'no type' : `type ${JSON.stringify(record.type)}`;
    throw invalidLine(
      lineNumber,
      `line ${lineNumber}: type: unknown record ${got} (expected one of ${knownTypes.join(', ')})`,
      {
        field: 'type',
      },
    );
  }
  const result = messageSchema.safeParse(record);
  if (!result.success) {
    throw invalidLine(lineNumber, `line ${lineNumber}: ${formatIssues(result.error.issues)}`, {
      field: formatPath(result.error.issues[0]?.path ?? []),
    });
  }
  return result.data;
}

function checkVersion(v: unknown, lineNumber: number): void {
  if (typeof v === 'number' && v > PROTOCOL_VERSION) {
    throw new UserError(
      'PROTOCOL_UNSUPPORTED_VERSION',
      `line ${lineNumber}: protocol version ${v} is newer than this program understands (${PROTOCOL_VERSION})`,
      {
        hint: 'Upgrade spawn to the same release as truffle.',
        details: { line: lineNumber, field: 'v', version: v },
      },
    );
  }
  if (v !== PROTOCOL_VERSION) {
    const got = v === undefined ? 'it is missing' : `got ${JSON.stringify(v)}`;
    throw invalidLine(
      lineNumber,
      `line ${lineNumber}: v: expected protocol version ${PROTOCOL_VERSION}, ${got}`,
      {
        field: 'v',
        hint: NDJSON_HINT,
      },
    );
  }
}

function invalidLine(
  lineNumber: number,
  message: string,
  o: { field?: string; hint?: string; cause?: unknown },
): UserError {
  return new UserError('PROTOCOL_INVALID_LINE', message, {
    hint: o.hint,
    cause: o.cause,
    details: o.field === undefined ? { line: lineNumber } : { line: lineNumber, field: o.field },
  });
}
