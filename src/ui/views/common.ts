// What every detail pane shares: state symbols and colours, findings, events, bars.
import { relative } from '../../present/time.js';
import type { EventRec, Finding } from '../../model/types.js';
import { lit, safe, type Safe } from '../text.js';
import { cell, layoutColumns, renderHeader, renderRow, type Cell, type Column } from '../widgets/table.js';

export type Health = 'ok' | 'progress' | 'bad' | 'gone' | 'none';

/** State is shown with a symbol and a colour, never colour alone. */
export const HEALTH: Record<Health, { symbol: string; style: string }> = {
  ok: { symbol: '●', style: 'green-fg' },
  progress: { symbol: '◐', style: 'yellow-fg' },
  bad: { symbol: '✗', style: 'red-fg' },
  gone: { symbol: '⊘', style: 'gray-fg' },
  none: { symbol: '·', style: 'gray-fg' },
};

export const stateCell = (text: string, health: Health): Cell => cell(text, HEALTH[health].style, HEALTH[health].symbol);

const SEVERITY: Record<Finding['severity'], { symbol: string; style: string }> = {
  failure: { symbol: '✗', style: 'red-fg' },
  warning: { symbol: '!', style: 'yellow-fg' },
  info: { symbol: 'i', style: 'cyan-fg' },
};

export function table(columns: readonly Column[], rows: readonly (readonly Cell[])[], width: number): Safe[] {
  const widths = layoutColumns(columns, rows, width);
  return [renderHeader(columns, widths), ...rows.map((r) => renderRow(columns, widths, r))];
}

export function heading(text: string): Safe {
  return lit(`{bold}{underline}${safe(text)}{/underline}{/bold}`);
}

export function findingLines(findings: readonly Finding[]): Safe[] {
  if (findings.length === 0) return [];
  return [heading('Findings'), ...findings.map((f) => lit(`{${SEVERITY[f.severity].style}}${SEVERITY[f.severity].symbol} ${safe(f.code)}{/${SEVERITY[f.severity].style}} ${safe(f.message)}`))];
}

export function eventLines(events: readonly EventRec[], now: number, width: number, limit = 30): Safe[] {
  const columns: Column[] = [{ title: 'LAST', max: 10 }, { title: 'TYPE', max: 7 }, { title: 'REASON', max: 22 }, { title: 'OBJECT', max: 34 }, { title: 'MESSAGE', flex: true, max: 400 }];
  const rows = events.slice(0, limit).map((e) => [
    cell(relative(e.last, now)),
    cell(e.type, e.type === 'Warning' ? 'yellow-fg' : undefined),
    cell(e.reason),
    cell(`${e.involved.kind.toLowerCase()}/${e.involved.name}`),
    cell(e.message + (e.count > 1 ? ` (x${e.count})` : '')),
  ]);
  return [heading('Events'), ...(rows.length ? table(columns, rows, width) : [lit('{gray-fg}no events{/gray-fg}')])];
}

/** A text bar: `width` cells, filled for value/total. */
export function bar(value: number, total: number, width: number, style: string): Safe {
  const w = Math.max(4, width);
  const filled = total > 0 ? Math.min(w, Math.round((value / total) * w)) : 0;
  return lit(`{${style}}${'█'.repeat(filled)}{/${style}}{gray-fg}${'░'.repeat(w - filled)}{/gray-fg}`);
}

export function kv(pairs: readonly [string, string | number | null | undefined][]): Safe {
  return lit(pairs.map(([k, v]) => `{gray-fg}${safe(k)}{/gray-fg} ${safe(v === null || v === undefined || v === '' ? '-' : String(v))}`).join('  '));
}
