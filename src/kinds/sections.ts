// The detail of one object as sections: what `kstate describe` prints and the dashboard's detail
// pane draws, from one definition per kind. Plain text with tones; each output renders it.
import type { EventRec, Finding } from '../model/types.js';
import { relative, type Timed } from '../present/time.js';
import { cell, timedCell, unknownText, type Cell, type Health, type Span, type Tone } from './cells.js';

export interface Field {
  label: string;
  value: string;
  tone?: Tone;
  /** When a value drawn from the clock first reads differently. */
  changesAt?: number;
  /** false: describe only (the pane shows it elsewhere, e.g. in its label). */
  pane?: boolean;
}

export interface TableColumn {
  title: string;
  /** The column grows to its widest cell up to `max`. */
  max?: number;
  min?: number;
  align?: 'left' | 'right';
  /** Takes the width that is left (one column per table). */
  flex?: boolean;
  /** Where width is short, columns go highest number first; without one (or 0) a column stays. */
  priority?: number;
}

/** A line across a table, between its rows (a partition boundary). */
export interface TableNote {
  note: string;
  tone?: Tone;
}

export type TableRow = readonly Cell[] | TableNote;

/** A bar of stacked parts against a total (a Job's pods against its completions). */
export interface Meter {
  label: string;
  parts: readonly { value: number; tone: Tone }[];
  total: number;
  text: string;
}

/** One kept run in a chart: its height is its duration, its colour its outcome. */
export interface RunBar {
  tone: Tone;
  durationMs: number | null;
  duration: string;
}

export interface OrdinalTile {
  ordinal: number;
  health: Health;
  /** The pod's state in words (the twin of the tile's colour). */
  state: string;
  /** The ordinal start-up or the rollout waits on. */
  blocked: boolean;
  /** On an older revision than the update revision. */
  old: boolean;
  /** Outside the replica count, kept for its claims. */
  retained: boolean;
  /** Claim phase per claim template (Bound, Pending, Lost, Missing). */
  claims: readonly string[];
  age?: string;
  /** When `age` (or a claim's age) first reads differently. */
  changesAt?: number;
}

export type Section =
  | { type: 'fields'; fields: readonly Field[] }
  /** `fold`: the dashboard shows that many rows until the operator unfolds them (events). */
  | { type: 'table'; title: string; columns: readonly TableColumn[]; rows: readonly TableRow[]; empty: string; fold?: number }
  | { type: 'lines'; title: string; lines: readonly (readonly Span[])[]; empty: string }
  | { type: 'meters'; meters: readonly Meter[] }
  | { type: 'grid'; title: string; cells: readonly Cell[] }
  /** A picture of the ordinals; `partition` is the first ordinal a rolling update may replace. */
  | { type: 'ordinals'; title: string; tiles: readonly OrdinalTile[]; partition: number | null; templates: readonly string[] }
  /** A picture only the dashboard draws (the same facts are in a table beside it). */
  | { type: 'runs'; title: string; runs: readonly RunBar[] };

/** A field whose value is drawn from the clock. */
export const timedField = (label: string, t: Timed): Field => ({ label, value: t.text, changesAt: t.changesAt });

export const isNote = (row: TableRow): row is TableNote => !Array.isArray(row);

/** When the first text drawn from the clock in these sections (an age, a countdown) reads differently. */
export function sectionsChangeAt(sections: readonly Section[]): number {
  let at = Infinity;
  const see = (t: number | undefined) => {
    if (t !== undefined && t < at) at = t;
  };
  for (const s of sections) {
    if (s.type === 'fields') s.fields.forEach((f) => see(f.changesAt));
    if (s.type === 'table') s.rows.forEach((r) => !isNote(r) && r.forEach((c) => see(c.changesAt)));
    if (s.type === 'lines') s.lines.forEach((l) => l.forEach((sp) => see(sp.changesAt)));
    if (s.type === 'grid') s.cells.forEach((c) => see(c.changesAt));
    if (s.type === 'ordinals') s.tiles.forEach((t) => see(t.changesAt));
  }
  return at;
}

const SEVERITY: Record<Finding['severity'], { symbol: string; tone: Tone }> = {
  failure: { symbol: '✗', tone: 'bad' },
  warning: { symbol: '!', tone: 'warn' },
  info: { symbol: 'i', tone: 'accent' },
};

export function findingsSection(findings: readonly Finding[]): Section {
  return {
    type: 'table',
    title: 'Findings',
    columns: [{ title: 'SEVERITY', max: 10 }, { title: 'CODE', max: 24 }, { title: 'MESSAGE', flex: true, max: 400 }],
    rows: findings.map((f) => [cell(f.severity, SEVERITY[f.severity].tone, SEVERITY[f.severity].symbol), cell(f.code, SEVERITY[f.severity].tone), cell(f.message)]),
    empty: 'none',
  };
}

/** The events about an object, or why they are not visible (`unknown`). */
export function eventsSection(events: readonly EventRec[], now: number, unknown: string | null, limit = 20): Section {
  return {
    type: 'table',
    title: 'Events',
    columns: [{ title: 'LAST', max: 10 }, { title: 'TYPE', max: 7 }, { title: 'REASON', max: 22 }, { title: 'OBJECT', max: 34 }, { title: 'MESSAGE', flex: true, max: 400 }],
    fold: 3,
    rows: events.slice(0, limit).map((e) => [
      timedCell(relative(e.last, now)),
      cell(e.type, e.type === 'Warning' ? 'warn' : undefined),
      cell(e.reason),
      cell(`${e.involved.kind.toLowerCase()}/${e.involved.name}`),
      cell(e.message + (e.count > 1 ? ` (x${e.count})` : '')),
    ]),
    empty: unknown ? unknownText(unknown) : 'none',
  };
}
