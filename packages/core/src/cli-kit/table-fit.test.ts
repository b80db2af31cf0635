import { describe, expect, it } from 'vitest';
import { type Column, renderTable } from './table.ts';

interface Row {
  name: string;
  id: string;
  state: string;
  note: string;
}
const columns: Column<Row>[] = [
  { header: 'NAME', value: (r) => r.name, minWidth: 8 },
  { header: 'ID', value: (r) => r.id, dropOrder: 1 },
  { header: 'STATE', value: (r) => r.state },
  { header: 'NOTE', value: (r) => r.note, dropOrder: 2, minWidth: 6 },
];
const rows: Row[] = [
  {
    name: 'a-rather-long-instance-name',
    id: 'i-0123456789abcdef0',
    state: 'running',
    note: 'idle for a while now',
  },
  { name: 'b', id: 'i-0fedcba9876543210', state: 'stopped', note: '-' },
];
const widest = (text: string) =>
  Math.max(
    ...text
      .trimEnd()
      .split('\n')
      .map((l) => l.length),
  );

describe('renderTable with a width', () => {
  it('keeps every column when it fits, and never pads past the widest cell', () => {
    const text = renderTable(rows, columns, undefined, { width: 200 });
    expect(text.split('\n')[0]).toMatch(/^NAME\s+ID\s+STATE\s+NOTE$/);
    expect(text).toBe(renderTable(rows, columns));
  });

  it.each([80, 70, 60, 50, 40, 30, 20])('fits %i columns without wrapping', (width) => {
    const text = renderTable(rows, columns, undefined, { width });
    expect(widest(text)).toBeLessThanOrEqual(width);
    expect(text.split('\n')).toHaveLength(rows.length + 2);
  });

  it('cuts cuttable columns first, then drops the lowest dropOrder first', () => {
    const at60 = renderTable(rows, columns, undefined, { width: 60 });
    expect(at60.split('\n')[0]).toMatch(/^NAME\s+ID\s+STATE\s+NOTE$/);
    expect(at60).toContain('…');
    const at40 = renderTable(rows, columns, undefined, { width: 40 });
    expect(at40.split('\n')[0]).toMatch(/^NAME\s+STATE\s+NOTE$/);
    expect(at40).not.toContain('i-0123');
    const at20 = renderTable(rows, columns, undefined, { width: 20 });
    expect(at20.split('\n')[0]).toMatch(/^NAME\s+STATE$/);
    expect(at20).toContain('stopped');
  });

  it('maxWidth cuts a runaway cell even without a width', () => {
    const capped = renderTable(rows, [{ header: 'NAME', value: (r: Row) => r.name, maxWidth: 10 }]);
    expect(capped).toContain('a-rather-…');
  });
});
