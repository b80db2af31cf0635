import { UserError } from '../errors/user-error.ts';
import type { Message } from '../protocol/schemas.ts';
import { RECORD_FIELDS } from './output-fields.ts';
import type { OutputFormat } from './output-format.ts';
import type { Column } from './table.ts';

/** The formats `--fields` shapes: the others print whole records. */
export const FIELD_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'text'];

// Built on first use: every run loads this module, few pass --fields.
let allFields: string[] | undefined;
const everyField = () => (allFields ??= [...new Set(Object.values(RECORD_FIELDS).flat())].sort());

/**
 * `--fields a,b`: the record fields to print, in that order. Checked before the command runs
 * against every record type (the type a command prints is known only when it prints).
 */
export function parseFields(raw: string | undefined, format: OutputFormat): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!FIELD_FORMATS.includes(format)) {
    throw new UserError('USAGE', `--fields applies to --output ${FIELD_FORMATS.join(', ')}, not ${format}.`, {
      hint: `Add --output ${FIELD_FORMATS.join('|')}, or drop --fields (${format} prints whole records).`,
    });
  }
  const fields = raw
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (fields.length === 0) throw new UserError('USAGE', '--fields needs at least one field name.');
  const unknown = fields.filter((f) => !everyField().includes(f));
  if (unknown.length > 0) throw unknownFields(unknown, everyField());
  return fields;
}

/** The fields of the records a command prints: their schema's, plus any extra a record carries. */
export function checkFields(fields: readonly string[], records: readonly Message[]): void {
  const first = records[0];
  if (!first) return;
  const valid = new Set<string>(RECORD_FIELDS[first.type]);
  for (const r of records) for (const k of Object.keys(r)) valid.add(k);
  const unknown = fields.filter((f) => !valid.has(f));
  if (unknown.length > 0) throw unknownFields(unknown, [...valid], first.type);
}

function unknownFields(unknown: string[], valid: readonly string[], type?: string): UserError {
  const what = unknown.map((f) => `"${f}"`).join(', ');
  return new UserError('USAGE', `Unknown field${unknown.length > 1 ? 's' : ''} ${what} for --fields.`, {
    hint: `Valid fields${type ? ` of ${type} records` : ''}: ${valid.join(', ')}.`,
  });
}

/** Columns of raw record values named by their field: `--fields` in a table or CSV. */
export function fieldColumns(fields: readonly string[], records: readonly object[]): Column<Message>[] {
  return fields.map((f) => {
    const values = records.map((r) => (r as Record<string, unknown>)[f]);
    const numeric =
      values.some((v) => typeof v === 'number') && values.every((v) => v == null || typeof v === 'number');
    return {
      header: f,
      value: (r) => recordCell((r as Record<string, unknown>)[f], ';'),
      ...(numeric ? { align: 'right' as const } : {}),
    };
  });
}

/**
 * `--output text`, as the AWS CLI prints it: no header, one line per record, tab-separated values
 * of its scalar fields in alphabetical order (or `fields` in their order), an empty string for a
 * missing one. Unlike the AWS CLI, a list stays on its record's line (comma-joined) instead of
 * following as extra lines, so every line is a record for grep, cut and awk.
 */
export function renderRecordsText(records: readonly object[], fields?: readonly string[]): string {
  const keys =
    fields ??
    [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => k !== 'v' && k !== 'type').sort();
  const lines = records.map((r) =>
    keys.map((k) => recordCell((r as Record<string, unknown>)[k], ',').replace(/[\t\r\n]+/g, ' ')).join('\t'),
  );
  return lines.map((l) => `${l}\n`).join('');
}

/** A raw value as text: lists joined by `separator`, dates as ISO strings, objects as JSON. */
export function recordCell(value: unknown, separator: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => recordCell(v, separator)).join(separator);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
