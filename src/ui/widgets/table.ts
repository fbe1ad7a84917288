// Fixed-width text tables for tag-enabled boxes. Cells are plain cluster text plus an optional
// style of ours; fitting and escaping happen here, once per cell.
import { fit, lit, safe, type Safe } from '../text.js';

export interface Cell {
  text: string;
  /** A blessed style of ours, e.g. "green-fg" or "bold". */
  style?: string;
  /** A one-cell symbol of ours shown before the text (state shown with a symbol, not colour alone). */
  symbol?: string;
}

export interface Column {
  title: string;
  /** Minimum width; the column grows to its widest cell up to `max`. */
  min?: number;
  max?: number;
  align?: 'left' | 'right';
  /** Takes what width is left (one column per table). */
  flex?: boolean;
}

export const cell = (text: string | number | null | undefined, style?: string, symbol?: string): Cell => ({
  text: text === null || text === undefined || text === '' ? '-' : String(text),
  ...(style ? { style } : {}),
  ...(symbol ? { symbol } : {}),
});

const cellWidth = (c: Cell) => Array.from(c.text).length + (c.symbol ? 2 : 0);

/** Column widths that fit `total` cells; flex columns take the rest, others shrink last-first. */
export function layoutColumns(columns: readonly Column[], rows: readonly (readonly Cell[])[], total: number): number[] {
  const widths = columns.map((col, i) => {
    const widest = Math.max(col.title.length, ...rows.map((r) => (r[i] ? cellWidth(r[i]!) : 0)));
    return Math.min(Math.max(col.min ?? 1, widest), col.max ?? 60);
  });
  const gaps = columns.length - 1;
  let excess = widths.reduce((a, b) => a + b, 0) + gaps - total;
  const flex = columns.findIndex((c) => c.flex);
  if (excess < 0 && flex >= 0) widths[flex]! -= excess;
  for (let i = columns.length - 1; excess > 0 && i >= 0; i--) {
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
  const text = symbolWidth ? `${c.symbol} ${body}` : body;
  return lit(c.style ? `{${c.style}}${text}{/${c.style}}` : text);
}

export function renderHeader(columns: readonly Column[], widths: readonly number[]): Safe {
  return lit(`{bold}${columns.map((c, i) => safe(fit(c.title, widths[i]!, c.align))).join(' ')}{/bold}`);
}

export function renderRow(columns: readonly Column[], widths: readonly number[], row: readonly Cell[]): Safe {
  return lit(columns.map((c, i) => renderCell(row[i], widths[i]!, c.align ?? 'left')).join(' '));
}
