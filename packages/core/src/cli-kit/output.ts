import { UserError } from '../errors/user-error.ts';
import type { Message } from '../protocol/schemas.ts';
import type { CliIo } from './io.ts';
import type { OutputFormat } from './output-format.ts';
import { checkFields, fieldColumns, parseFields, renderRecordsText } from './output-records.ts';
import { createStyler, type Styler } from './style.ts';
import { type Column, renderCsv, renderRecordsCsv, renderTable } from './table.ts';

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
  /**
   * Writes one record immediately (NDJSON/JSON) or as a one-row table: the result of an action
   * already taken (launch, stop, extend), so a `--fields` name this record lacks only warns.
   */
  record<T extends Message>(record: T, columns: readonly Column<T>[]): void;
  info(text: string): void;
  warn(text: string): void;
  success(text: string): void;
  /** Raw human text to stderr (spinners, summaries). */
  human(text: string): void;
  /**
   * Called once after a command succeeded: with `--output json` and no records written, prints
   * `[]` so a consumer always gets a JSON (or YAML) document.
   */
  end(): void;
}

/**
 * `fields` is `--fields a,b` (table, csv and text only): those record fields, in that order, as
 * raw values; a usage error here if a name is no record's field.
 */
export function createOutput(
  io: CliIo,
  o: {
    format: OutputFormat;
    color: boolean;
    fields?: string;
    /** Renders `--output yaml` (output-yaml.ts); without it, yaml is refused as a usage error. */
    yaml?: (records: readonly object[]) => string;
  },
): Output {
  if (o.format === 'yaml' && !o.yaml) throw new UserError('USAGE', 'This command cannot print YAML.');
  const fields = parseFields(o.fields, o.format);
  const style = createStyler(o.color);
  const err = (text: string) => io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
  const out = (text: string) => io.stdout.write(text);
  let wrote = false;
  const write = <T extends Message>(
    records: readonly T[],
    columns: readonly Column<T>[],
    w: { acted?: boolean; maxWidth?: number } = {},
  ) => {
    try {
      if (fields) checkFields(fields, records);
    } catch (error) {
      // Failing now would report a launched or stopped instance as a usage error.
      if (!w.acted || !(error instanceof UserError)) throw error;
      err(`${style('yellow', '!')} ${error.message} ${error.hint ?? ''}`.trimEnd());
    }
    const yamlDocs = wrote;
    wrote = true;
    switch (o.format) {
      case 'ndjson':
        for (const r of records) out(`${JSON.stringify(r)}\n`);
        return;
      case 'json':
        out(`${JSON.stringify(records)}\n`);
        return;
      case 'yaml':
        // A second write is a second YAML document in the stream.
        out(`${yamlDocs ? '---\n' : ''}${o.yaml?.(records) ?? ''}`);
        return;
      case 'text':
        out(renderRecordsText(records, fields));
        return;
      case 'csv':
        if (!fields) out(renderRecordsCsv(records));
        else if (records.length > 0) out(renderCsv(records, fieldColumns(fields, records)));
        return;
      case 'table':
        if (records.length > 0)
          out(
            fields
              ? // The user chose these columns: none is dropped to fit.
                renderTable(records, fieldColumns(fields, records), (s) => style('bold', s))
              : renderTable(records, columns, (s) => style('bold', s), {
                  width: tableWidth(io, w.maxWidth),
                }),
          );
        return;
    }
  };
  return {
    format: o.format,
    style,
    records: (records, columns, fit) => write(records, columns, { maxWidth: fit?.maxWidth }),
    record: (record, columns) => write([record], columns, { acted: true }),
    info: (text) => err(text),
    warn: (text) => err(`${style('yellow', '!')} ${text}`),
    success: (text) => err(`${style('green', '✔')} ${text}`),
    human: (text) => err(text),
    end: () => {
      if ((o.format === 'json' || o.format === 'yaml') && !wrote) out('[]\n');
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
