// `kstate get`: one table row per object, from the same column definitions as the dashboard list.
import type { Column, AnyView } from '../kinds/types.js';
import { renderTable } from './table.js';

export function listTable(columns: readonly Column<AnyView>[], views: readonly AnyView[], now: number): string {
  return renderTable(
    columns.map((c) => c.title),
    views.map((v) => columns.map((c) => c.cell(v, now).text)),
  );
}
