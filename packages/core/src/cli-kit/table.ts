import { visibleLength } from './style.ts';

/** A column of a human table / CSV: header plus a cell renderer. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | undefined;
  align?: 'left' | 'right';
}

/** Renders rows as an aligned plain-text table (header, then one line per row). */
export function renderTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  bold = (s: string) => s,
): string {
  const cells = rows.map((row) => columns.map((c) => cellText(c.value(row))));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => visibleLength(r[i] ?? ''))),
  );
  const pad = (text: string, i: number) => {
    const gap = ' '.repeat(Math.max(0, (widths[i] ?? 0) - visibleLength(text)));
    return columns[i]?.align === 'right' ? gap + text : text + gap;
  };
  const header = bold(
    columns
      .map((c, i) => pad(c.header, i))
      .join('  ')
      .trimEnd(),
  );
  const body = cells.map((r) => r.map(pad).join('  ').trimEnd());
  return `${[header, ...body].join('\n')}\n`;
}

/** RFC 4180 CSV with a header row. */
export function renderCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [columns.map((c) => esc(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => esc(cellText(c.value(row)))).join(','));
  return `${lines.join('\n')}\n`;
}

function cellText(value: string | number | undefined): string {
  return value === undefined ? '' : String(value);
}

/**
 * CSV of the records themselves (for `--output csv`): one column per field, named as in the
 * NDJSON, with raw values (numbers, ISO dates, lists joined by `;`), never table formatting.
 * `v` and `type` are constant per output and left out.
 */
export function renderRecordsCsv(records: readonly object[]): string {
  const keys: string[] = [];
  for (const r of records) {
    for (const k of Object.keys(r)) if (k !== 'v' && k !== 'type' && !keys.includes(k)) keys.push(k);
  }
  const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = [keys.map(esc).join(',')];
  for (const r of records) {
    const row = r as Record<string, unknown>;
    lines.push(keys.map((k) => esc(rawCell(row[k]))).join(','));
  }
  return records.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function rawCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(rawCell).join(';');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
