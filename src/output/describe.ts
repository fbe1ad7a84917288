// `kstate describe`: the sections of one object as plain text — the same sections the dashboard's
// detail pane draws.
import { isNote, type Section } from '../kinds/sections.js';
import type { Span } from '../kinds/cells.js';
import { stripControls } from '../present/text.js';
import { renderTable } from './table.js';

const field = (label: string, value: string) => `${`${label}:`.padEnd(22)}${stripControls(value === '' ? '-' : value)}`;
const indent = (body: string) => body.replace(/^(?=.)/gm, '  ').replace(/\n$/, '');
const text = (spans: readonly Span[]) => stripControls(spans.map((s) => s.text).join(''));

function sectionText(s: Section): string | null {
  switch (s.type) {
    case 'fields':
      return s.fields.map((f) => field(f.label, f.value)).join('\n');
    case 'meters':
    case 'runs':
    case 'ordinals':
      // Pictures: the fields and tables beside them say the same in words.
      return null;
    case 'lines':
      return `\n${s.title}:\n${indent(s.lines.length ? s.lines.map(text).join('\n') : s.empty)}`;
    case 'grid':
      return `\n${s.title}:\n${indent(s.cells.map((c) => c.text).join('').replace(/(.{50})/g, '$1\n'))}`;
    case 'table': {
      const rows = s.rows.filter((r) => !isNote(r)) as (readonly { text: string }[])[];
      const body = rows.length ? renderTable(s.columns.map((c) => c.title), rows.map((r) => r.map((c) => c.text))) : s.empty;
      return `\n${s.title}:\n${indent(body)}`;
    }
  }
}

export function describeText(sections: readonly Section[]): string {
  return `${sections.map(sectionText).filter((t): t is string => t !== null).join('\n')}\n`;
}

/** Lines of spans as plain text (a scale preview on the command line). */
export function linesText(lines: readonly (readonly Span[])[]): string {
  return lines.map(text).join('\n');
}
