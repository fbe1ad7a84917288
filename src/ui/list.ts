// The list pane: the visible rows of the current view in the kind's columns (the same columns
// `kstate get` prints), the selection in reverse video.
import { listColumns } from '../kinds/columns.js';
import type { Cell } from '../kinds/cells.js';
import type { WorkloadKind, AnyView } from '../kinds/types.js';
import type { ViewList } from './state.js';
import type { Safe } from './text.js';
import { layoutColumns, renderHeader, renderRow } from './widgets/table.js';

/** The list's lines (marked rows start with ✓), and when the first clock-drawn cell among them reads differently. */
export function listLines(
  kind: WorkloadKind<AnyView>,
  views: ViewList,
  top: number,
  rows: number,
  selected: number,
  width: number,
  now: number,
  opts: { allNamespaces: boolean; wide: boolean; contexts?: boolean; marks?: ReadonlySet<string> },
): { lines: Safe[]; changesAt: number } {
  const marks = opts.marks?.size ? opts.marks : null;
  if (marks) width = Math.max(1, width - 2);
  // Wide: every column stays, narrowed where it must be, rather than dropped.
  const columns = listColumns(kind, opts).map((c) => (opts.wide ? { ...c, priority: 0 } : c));
  // Only the visible rows are built; column widths come from them.
  const cells: Cell[][] = [];
  for (let i = top; i < Math.min(views.length, top + rows); i++) cells.push(columns.map((c) => c.cell(views.at(i)!, now)));
  const widths = layoutColumns(columns, cells, width);
  const gutter = (i: number) => (!marks ? '' : i < 0 ? '  ' : marks.has(views.record(i).uid) ? '{yellow-fg}✓{/yellow-fg} ' : '  ');
  const lines = [
    `${gutter(-1)}${renderHeader(columns, widths)}` as Safe,
    ...cells.map((c, i) => {
      const text = `${gutter(top + i)}${renderRow(columns, widths, c)}` as Safe;
      return top + i === selected ? (`{inverse}${text}{/inverse}` as Safe) : text;
    }),
  ];
  return { lines, changesAt: Math.min(Infinity, ...cells.flatMap((row) => row.map((c) => c.changesAt ?? Infinity))) };
}
