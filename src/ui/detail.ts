// The detail pane: an object's sections (the same ones `kstate describe` prints) drawn at a width.
import type { Cell } from '../kinds/cells.js';
import { isNote, type Field, type Meter, type Section } from '../kinds/sections.js';
import { displayWidth, lit, packed, safe, spans, toned, type Safe } from './text.js';
import { ordinalStrip } from './widgets/ordinals.js';
import { layoutColumns, renderHeader, renderRow } from './widgets/table.js';

const heading = (text: string): Safe => lit(`{bold}{underline}${safe(text)}{/underline}{/bold}`);
const muted = (text: string): Safe => toned(safe(text), 'muted');

/** Fields as "label value" pairs, wrapped between fields; a field wider than the pane, between its words. */
function fieldLines(fields: readonly Field[], width: number): Safe[] {
  const pieces = fields
    .filter((f) => f.pane !== false)
    .flatMap((f) => {
      const text = `${f.label} ${f.value}`;
      if (displayWidth(text) <= width) return [{ text, safe: lit(`${muted(f.label)} ${toned(safe(f.value), f.tone)}`) }];
      const words = f.value.split(' ');
      return [{ text: f.label, safe: muted(f.label) }, ...words.map((w) => ({ text: w, safe: toned(safe(w), f.tone), gap: 1 }))];
    });
  return packed(pieces, width);
}

/** A text bar: `width` cells, filled part by part for value/total (the plain twin of a gauge). */
function meterLine(m: Meter, width: number): Safe {
  const w = Math.max(10, Math.min(40, width - 36));
  let used = 0;
  const parts = m.parts.map((p) => {
    const cells = Math.min(w - used, Math.round((p.value / Math.max(1, m.total)) * w));
    used += cells;
    return toned(lit('█'.repeat(cells)), p.tone);
  });
  return lit(`${muted(m.label.padEnd(8))} ${parts.join('')}${muted('░'.repeat(w - used))} ${safe(m.text)}`);
}

export interface DetailOptions {
  /** Sections drawn as pictures elsewhere (blessed-contrib), left out of the text. */
  drawn?: ReadonlySet<Section['type']>;
  /** Folded tables (events) show every row. */
  unfolded?: boolean;
  /** The rows the pane has: a folded table shows as many more of its rows as fit before it says "more". */
  room?: number;
}

/** The sections that are pictures of the object; the pane draws them before its text fields. */
const PICTURES = new Set<Section['type']>(['ordinals', 'meters', 'grid', 'runs']);

/** The pane's order: pictures first, then the rest as the kind defines it (describe keeps the kind's order). */
export const paneOrder = (sections: readonly Section[]): Section[] => [...sections.filter((s) => PICTURES.has(s.type)), ...sections.filter((s) => !PICTURES.has(s.type))];

type Shown = ReadonlyMap<Section, number>;

function sectionLines(s: Section, width: number, opts: DetailOptions, fold: Shown): Safe[] {
  switch (s.type) {
    case 'ordinals':
      return [heading(s.title), ...ordinalStrip(s.tiles, s.partition, width)];
    case 'fields':
      return fieldLines(s.fields, width);
    case 'meters':
      return s.meters.map((m) => meterLine(m, width));
    case 'lines':
      return [heading(s.title), ...(s.lines.length ? s.lines.map(spans) : [muted(s.empty)])];
    case 'grid': {
      const perLine = Math.max(10, width - 2);
      const rows: Safe[] = [];
      for (let i = 0; i < s.cells.length && i < 20 * perLine; i += perLine) rows.push(lit(s.cells.slice(i, i + perLine).map((c) => toned(safe(c.text), c.tone)).join('')));
      return [heading(s.title), ...rows];
    }
    case 'runs':
      return []; // a chart only (pictures.ts); the history table has the same runs as rows
    case 'table': {
      const limit = fold.get(s);
      const shown = limit !== undefined ? s.rows.slice(0, limit) : s.rows;
      const rows = shown.filter((r): r is readonly Cell[] => !isNote(r));
      if (rows.length === 0) return [heading(s.title), muted(s.empty)];
      const widths = layoutColumns(s.columns, rows, width);
      const more = s.rows.length - shown.length;
      return [
        heading(s.title),
        renderHeader(s.columns, widths),
        ...shown.map((r) => (isNote(r) ? toned(safe(r.note), r.tone) : renderRow(s.columns, widths, r))),
        ...(more > 0 ? [muted(`… ${more} more (e shows all)`)] : []),
      ];
    }
  }
}

function linesAt(sections: readonly Section[], width: number, opts: DetailOptions, fold: Shown): Safe[] {
  return sections.flatMap((s, i) => [...(i > 0 ? [lit('')] : []), ...sectionLines(s, width, opts, fold)]);
}

export function detailLines(sections: readonly Section[], width: number, opts: DetailOptions = {}): Safe[] {
  const shown = sections.filter((s) => !opts.drawn?.has(s.type) && s.type !== 'runs');
  const folded = opts.unfolded ? [] : shown.filter((s): s is Section & { type: 'table' } => s.type === 'table' && s.fold !== undefined && s.rows.length > s.fold);
  const fold = new Map<Section, number>(folded.map((s) => [s, s.fold!]));
  const lines = linesAt(shown, width, opts, fold);
  let room = (opts.room ?? 0) - lines.length;
  // The room left under the text goes to the folded tables, first first; a table shown whole loses its "more" line too.
  for (const s of folded) {
    if (room <= 0) break;
    const hidden = s.rows.length - s.fold!;
    const more = hidden <= room + 1 ? hidden : room;
    fold.set(s, s.fold! + more);
    room -= hidden <= room + 1 ? hidden - 1 : more;
  }
  return folded.length && (opts.room ?? 0) > lines.length ? linesAt(shown, width, opts, fold) : lines;
}
