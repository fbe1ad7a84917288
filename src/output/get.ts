// `kstate get`: one table row per object, from the same column definitions as the dashboard list.
import type { Column, AnyView } from '../kinds/types.js';
import { renderTable } from './table.js';
import { unknownInCells } from './unknown.js';

/** The table, and why any of its cells is "?". */
export function listTable(columns: readonly Column<AnyView>[], views: readonly AnyView[], now: number): { text: string; unknown: string[] } {
  const cells = views.map((v) => columns.map((c) => c.cell(v, now)));
  return {
    text: renderTable(
      columns.map((c) => c.title),
      cells.map((r) => r.map((c) => c.text)),
    ),
    unknown: unknownInCells(cells),
  };
}
