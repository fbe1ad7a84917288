// Plain tables like kubectl's: upper-case headers, columns padded with three spaces. Every cell is
// cluster text and goes through stripControls here, the CLI's one boundary to the terminal.
import { stripControls } from '../present/text.js';

export type Cell = string | number | null | undefined;

export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => r.map((c) => stripControls(c === null || c === undefined || c === '' ? '-' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => Array.from(r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - Array.from(c).length + 3)))
      .join('')
      .trimEnd();
  return [line(headers), ...text.map(line)].join('\n') + '\n';
}
