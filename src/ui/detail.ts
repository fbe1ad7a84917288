// The detail pane: an object's sections (the same ones `kstate describe` prints) drawn at a width.
import type { Cell } from '../kinds/cells.js';
import { isNote, type Field, type Meter, type RunBar, type Section } from '../kinds/sections.js';
import { displayWidth, lit, safe, spans, toned, type Safe } from './text.js';
import { layoutColumns, renderHeader, renderRow } from './widgets/table.js';

const heading = (text: string): Safe => lit(`{bold}{underline}${safe(text)}{/underline}{/bold}`);
const muted = (text: string): Safe => toned(safe(text), 'muted');

/** Fields as "label value" pairs, packed into lines and wrapped between fields, never inside one. */
function fieldLines(fields: readonly Field[], width: number): Safe[] {
  const lines: Safe[] = [];
  let line: Safe[] = [];
  let used = 0;
  for (const f of fields) {
    if (f.pane === false) continue;
    const w = displayWidth(`${f.label} ${f.value}`);
    if (line.length && used + 2 + w > width) {
      lines.push(lit(line.join('  ')));
      line = [];
      used = 0;
    }
    line.push(lit(`${muted(f.label)} ${toned(safe(f.value), f.tone)}`));
    used += (line.length > 1 ? 2 : 0) + w;
  }
  if (line.length) lines.push(lit(line.join('  ')));
  return lines;
}

/** A text bar: `width` cells, filled for value/total. */
function meterLine(m: Meter, width: number): Safe {
  const w = Math.max(10, Math.min(40, width - 36));
  const filled = m.total > 0 ? Math.min(w, Math.round((m.value / m.total) * w)) : 0;
  return lit(`${muted(m.label.padEnd(8))} ${toned(lit('█'.repeat(filled)), m.tone)}${muted('░'.repeat(w - filled))} ${safe(m.text)}`);
}

/** One bar per run, newest first, its length the run's duration. */
function runLines(runs: readonly RunBar[], width: number): Safe[] {
  const longest = Math.max(1, ...runs.map((r) => r.durationMs ?? 0));
  // name 32, outcome 9, duration 6, "manual" 7, relative time ~12, and the gaps between them.
  const barWidth = Math.max(5, Math.min(50, width - 72));
  return runs.map((r) => {
    const len = Math.max(1, Math.round(((r.durationMs ?? 0) / longest) * barWidth));
    const bar = toned(lit(`${'█'.repeat(len)}${' '.repeat(barWidth - len)} ${safe(r.outcome.padEnd(9))}`), r.tone);
    return lit(`${safe(r.name.padEnd(32).slice(0, 32))} ${bar} ${safe(r.duration.padStart(6))}${r.manual ? ` ${toned(lit('manual'), 'accent')}` : ''} ${muted(r.when)}`);
  });
}

function sectionLines(s: Section, width: number): Safe[] {
  switch (s.type) {
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
      return [heading(s.title), ...(s.runs.length ? runLines(s.runs, width) : [muted(s.empty)])];
    case 'table': {
      const rows = s.rows.filter((r): r is readonly Cell[] => !isNote(r));
      if (rows.length === 0) return [heading(s.title), muted(s.empty)];
      const widths = layoutColumns(s.columns, rows, width);
      return [heading(s.title), renderHeader(s.columns, widths), ...s.rows.map((r) => (isNote(r) ? toned(safe(r.note), r.tone) : renderRow(s.columns, widths, r)))];
    }
  }
}

export function detailLines(sections: readonly Section[], width: number): Safe[] {
  return sections.flatMap((s, i) => [...(i > 0 ? [lit('')] : []), ...sectionLines(s, width)]);
}
