// Fixed-width text tables for tag-enabled boxes: cells are plain cluster text with a tone and a
// symbol of ours; fitting and escaping happen here, once per cell, measured in terminal cells.
import type { Cell } from '../../kinds/cells.js';
import type { TableColumn } from '../../kinds/sections.js';
import { displayWidth, fit, lit, safe, toned, type Safe } from '../text.js';

const cellWidth = (c: Cell) => displayWidth(c.text) + (c.symbol ? 2 : 0);

/**
 * Column widths that fit `total` cells: each as wide as its widest cell; where that is too wide, the
 * columns with the highest priority number go first (width 0), then the others shrink last-first;
 * a flex column takes what is left.
 */
export function layoutColumns(columns: readonly TableColumn[], rows: readonly (readonly Cell[])[], total: number): number[] {
  const widths = columns.map((col, i) => {
    const widest = Math.max(displayWidth(col.title), ...rows.map((r) => (r[i] ? cellWidth(r[i]!) : 0)));
    return Math.min(Math.max(col.min ?? 1, widest), col.max ?? 60);
  });
  const used = () => widths.reduce((a, w) => a + (w > 0 ? w + 1 : 0), 0) - 1;
  const droppable = [...columns.keys()].filter((i) => (columns[i]!.priority ?? 0) > 0);
  droppable.sort((a, b) => columns[b]!.priority! - columns[a]!.priority! || b - a);
  for (const i of droppable) {
    if (used() <= total) break;
    widths[i] = 0;
  }
  let excess = used() - total;
  const flex = columns.findIndex((c) => c.flex);
  if (excess < 0 && flex >= 0) widths[flex]! -= excess;
  for (let i = columns.length - 1; excess > 0 && i >= 0; i--) {
    if (widths[i] === 0) continue;
    const floor = Math.min(columns[i]!.min ?? 3, widths[i]!);
    const cut = Math.min(excess, widths[i]! - floor);
    widths[i]! -= cut;
    excess -= cut;
  }
  return widths;
}

function renderCell(c: Cell | undefined, width: number, align: 'left' | 'right'): Safe {
  if (!c || width <= 0) return lit(' '.repeat(Math.max(0, width)));
  const symbolWidth = c.symbol && width >= 3 ? 2 : 0;
  const body = safe(fit(c.text, width - symbolWidth, align));
  return toned(symbolWidth ? lit(`${safe(c.symbol)} ${body}`) : body, c.tone);
}

export function renderHeader(columns: readonly TableColumn[], widths: readonly number[]): Safe {
  return lit(`{bold}${columns.flatMap((c, i) => (widths[i] ? [safe(fit(c.title, widths[i]!, c.align))] : [])).join(' ')}{/bold}`);
}

export function renderRow(columns: readonly TableColumn[], widths: readonly number[], row: readonly Cell[]): Safe {
  return lit(columns.flatMap((c, i) => (widths[i] ? [renderCell(row[i], widths[i]!, c.align ?? 'left')] : [])).join(' '));
}
