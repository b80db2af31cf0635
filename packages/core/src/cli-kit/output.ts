import type { Message } from '../protocol/schemas.ts';
import type { CliIo } from './io.ts';
import type { OutputFormat } from './output-format.ts';
import { createStyler, type Styler } from './style.ts';
import { type Column, renderRecordsCsv, renderTable } from './table.ts';

/** The only way commands write: data to stdout in the chosen format, human words to stderr. */
export interface Output {
  readonly format: OutputFormat;
  readonly style: Styler;
  /**
   * Writes records: a table/CSV of `columns` for humans, NDJSON or a JSON array for machines. A
   * table fits the terminal, and `maxWidth` when given (even redirected).
   */
  records<T extends Message>(
    records: readonly T[],
    columns: readonly Column<T>[],
    o?: { maxWidth?: number },
  ): void;
  /** Writes one record immediately (NDJSON/JSON) or as a one-row table. */
  record<T extends Message>(record: T, columns: readonly Column<T>[]): void;
  info(text: string): void;
  warn(text: string): void;
  success(text: string): void;
  /** Raw human text to stderr (spinners, summaries). */
  human(text: string): void;
  /**
   * Called once after a command succeeded: with `--output json` and no records written, prints
   * `[]` so a consumer always gets a JSON document.
   */
  end(): void;
}

export function createOutput(io: CliIo, o: { format: OutputFormat; color: boolean }): Output {
  const style = createStyler(o.color);
  const err = (text: string) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const out = (text: string) => io.stdout.write(text);
  let wrote = false;
  const write = <T extends Message>(
    records: readonly T[],
    columns: readonly Column<T>[],
    fit: { maxWidth?: number } = {},
  ) => {
    wrote = true;
    switch (o.format) {
      case 'ndjson':
        for (const r of records) out(`${JSON.stringify(r)}\n`);
        return;
      case 'json':
        out(`${JSON.stringify(records)}\n`);
        return;
      case 'csv':
        out(renderRecordsCsv(records));
        return;
      case 'table':
        if (records.length > 0)
          out(
            renderTable(records, columns, (s) => style('bold', s), { width: tableWidth(io, fit.maxWidth) }),
          );
        return;
    }
  };
  return {
    format: o.format,
    style,
    records: write,
    record: (record, columns) => write([record], columns),
    info: (text) => err(text),
    warn: (text) => err(`${style('yellow', '!')} ${text}`),
    success: (text) => err(`${style('green', '✔')} ${text}`),
    human: (text) => err(text),
    end: () => {
      if (o.format === 'json' && !wrote) out('[]\n');
      wrote = true;
    },
  };
}

/** A table on a terminal fits its width (80 when it reports none); redirected to a file, it keeps every column. */
function tableWidth(io: CliIo, maxWidth: number | undefined): number | undefined {
  const terminal = io.stdout.isTTY ? io.stdout.columns || 80 : undefined;
  if (terminal === undefined || maxWidth === undefined) return terminal ?? maxWidth;
  return Math.min(terminal, maxWidth);
}
