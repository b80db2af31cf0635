import { visibleLength } from './style.ts';

/** A column of a human table / CSV: header plus a cell renderer. */
export interface Column<T> {
  header: string;
  value: (row: T) => string | number | undefined;
  align?: 'left' | 'right';
  /**
   * When the table is wider than the terminal, columns with the lowest `dropOrder` go first
   * (1 before 2...); a column without one is never dropped.
   */
  dropOrder?: number;
  /** Cells may be cut to this many characters (with `…`) before any column is dropped. */
  minWidth?: number;
  /** Cells longer than this are always cut (with `…`): a runaway tag value cannot widen the table. */
  maxWidth?: number;
}

const GAP = 2;

function cut(text: string, width: number): string {
  if (visibleLength(text) <= width) return text;
  // Styled cells (escape codes) are not cut mid-sequence: only plain text is shortened.
  if (visibleLength(text) !== text.length) return text;
  return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
}

/**
 * Which columns to show and how wide, so the table fits `width` without wrapping: first the
 * cuttable columns shrink to their `minWidth`, and while that is not enough the column with the
 * lowest `dropOrder` goes. Returns the indexes kept and their widths.
 */
export function fitColumns(
  natural: readonly number[],
  columns: readonly Pick<Column<unknown>, 'dropOrder' | 'minWidth' | 'header'>[],
  width: number,
): { keep: number[]; widths: number[] } {
  let keep = columns.map((_, i) => i);
  const floor = (i: number) =>
    Math.min(natural[i] ?? 0, Math.max(columns[i]?.minWidth ?? Infinity, columns[i]?.header.length ?? 0));
  const total = (idx: number[], w: (i: number) => number) =>
    idx.reduce((sum, i) => sum + w(i), 0) + GAP * Math.max(0, idx.length - 1);
  while (total(keep, floor) > width) {
    const droppable = keep.filter((i) => columns[i]?.dropOrder !== undefined);
    if (droppable.length === 0) break;
    const victim = droppable.reduce((a, b) =>
      (columns[b]?.dropOrder ?? 0) < (columns[a]?.dropOrder ?? 0) ? b : a,
    );
    keep = keep.filter((i) => i !== victim);
  }
  const widths = keep.map((i) => natural[i] ?? 0);
  // Shrink the widest cuttable column one step at a time until it fits (or nothing can shrink).
  let excess = total(keep, (i) => natural[i] ?? 0) - width;
  while (excess > 0) {
    let best = -1;
    for (let k = 0; k < keep.length; k++) {
      const i = keep[k] as number;
      if ((widths[k] ?? 0) > floor(i) && (best < 0 || (widths[k] ?? 0) > (widths[best] ?? 0))) best = k;
    }
    if (best < 0) break;
    widths[best] = (widths[best] ?? 0) - 1;
    excess--;
  }
  return { keep, widths };
}

/**
 * Renders rows as an aligned plain-text table (header, then one line per row). With `width` (the
 * terminal's), it never wraps: cuttable columns shrink, low-value columns drop, and as a last
 * resort each line is cut.
 */
export function renderTable<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  bold = (s: string) => s,
  o: { width?: number } = {},
): string {
  const all = rows.map((row) => columns.map((c) => cut(cellText(c.value(row)), c.maxWidth ?? Infinity)));
  const natural = columns.map((c, i) =>
    Math.max(c.header.length, ...all.map((r) => visibleLength(r[i] ?? ''))),
  );
  const { keep, widths } =
    o.width === undefined
      ? { keep: columns.map((_, i) => i), widths: natural }
      : fitColumns(natural, columns, o.width);
  const shown = keep.map((i) => columns[i] as Column<T>);
  const cells = all.map((r) => keep.map((i, k) => cut(r[i] ?? '', widths[k] ?? 0)));
  const pad = (text: string, k: number) => {
    const gap = ' '.repeat(Math.max(0, (widths[k] ?? 0) - visibleLength(text)));
    return shown[k]?.align === 'right' ? gap + text : text + gap;
  };
  const line = (parts: string[]) => {
    const text = parts.join(' '.repeat(GAP)).trimEnd();
    return o.width === undefined ? text : cut(text, o.width);
  };
  const header = bold(line(shown.map((c, k) => pad(c.header, k))));
  const body = cells.map((r) => line(r.map(pad)));
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
