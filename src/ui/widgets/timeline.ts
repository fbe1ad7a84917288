// The schedule timeline: one row per CronJob over the next hour, day or week, a mark at each run in
// the operator's local time, each run's expected length (its longest recent run) drawn after it,
// and a run that would start while the previous one still runs marked as an overlap. A bottom row
// counts the CronJobs starting together where two or more do, so a pile-up (everything at 00:00)
// stands out.
import type { Tone } from '../../kinds/cells.js';
import { runsBetween, type CronJobView } from '../../model/cronjob.js';
import type { CronJobRec } from '../../model/types.js';
import { formatInZone } from '../../present/time.js';
import type { ViewList } from '../state.js';
import { fit, lit, safe, toned, type Safe } from '../text.js';

export interface TimelineRow {
  name: string;
  runs: readonly number[];
  /** How long a run takes (the longest recent one), null when unknown. */
  durationMs: number | null;
  suspended: boolean;
}

export const SPANS = [
  { label: '24 h', ms: 24 * 3600_000 },
  { label: '7 d', ms: 7 * 24 * 3600_000 },
  { label: '1 h', ms: 3600_000 },
] as const;

const NAME_WIDTH = 22;

/** Tick labels along the top: local times at even steps that fit the width. */
function ticks(from: number, span: number, cells: number, zone: string): Safe {
  const label = (t: number) => (span > 2 * 24 * 3600_000 ? formatInZone(t, zone).slice(5, 10) : formatInZone(t, zone).slice(11));
  const every = Math.max(8, Math.floor(cells / 6));
  let out = '';
  for (let c = 0; c < cells; c += every) out += fit(`┬${label(from + (c / cells) * span)}`, Math.min(every, cells - c));
  return toned(safe(out), 'muted');
}

export function timelineLines(rows: readonly TimelineRow[], from: number, span: number, width: number, zone: string, spanLabel: string): Safe[] {
  const cells = Math.max(10, width - NAME_WIDTH - 1);
  const cellMs = span / cells;
  const starts = new Array<number>(cells).fill(0);
  const lines: Safe[] = [lit(`{bold}${safe(`Next ${spanLabel}`)}{/bold} ${toned(safe(`(${zone}, T changes the span)  ● run  ─ expected length  ▓ starts while the last still runs`), 'muted')}`)];
  lines.push(lit(`${' '.repeat(NAME_WIDTH + 1)}${ticks(from, span, cells, zone)}`));
  for (const row of rows) {
    const marks: { ch: string; tone: Tone }[] = Array.from({ length: cells }, () => ({ ch: '·', tone: 'muted' }));
    let busyUntil = -Infinity;
    const started = new Set<number>();
    for (const t of row.runs) {
      const c = Math.floor((t - from) / cellMs);
      if (c < 0 || c >= cells) continue;
      const overlap = t < busyUntil;
      if (marks[c]!.ch !== '▓') marks[c] = { ch: overlap ? '▓' : '●', tone: overlap ? 'bad' : 'accent' };
      if (!started.has(c)) starts[c]!++;
      started.add(c);
      const end = t + (row.durationMs ?? 0);
      for (let d = c + 1; d < cells && from + d * cellMs < end; d++) if (marks[d]!.ch === '·') marks[d] = { ch: '─', tone: 'accent' };
      busyUntil = Math.max(busyUntil, end);
    }
    const strip = row.suspended ? toned(safe(fit('suspended', cells)), 'muted') : lit(marks.map((m) => toned(lit(m.ch), m.tone)).join(''));
    lines.push(lit(`${safe(fit(row.name, NAME_WIDTH))} ${strip}`));
  }
  const pile = starts.map((n) => (n < 2 ? ' ' : n > 9 ? '+' : String(n)));
  const most = Math.max(0, ...starts);
  lines.push(lit(`${toned(safe(fit('CronJobs starting', NAME_WIDTH)), 'muted')} ${toned(safe(pile.join('')), most >= 3 ? 'warn' : 'muted')}`));
  return lines;
}

const LOCAL_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The timeline of a CronJobs list, each CronJob's runs computed again once a minute. */
export class ScheduleTimeline {
  private readonly runs = new WeakMap<CronJobRec, { key: string; runs: number[] }>();

  lines(views: ViewList, span: number, now: number, width: number): Safe[] {
    const { ms, label } = SPANS[span]!;
    const rows: TimelineRow[] = [];
    for (let i = 0; i < views.length && i < 200; i++) {
      const v = views.at(i) as CronJobView;
      rows.push({ name: v.name, runs: this.runsAhead(views.record(i) as CronJobRec, now, ms), durationMs: v.longestRecentMs, suspended: v.suspended });
    }
    return timelineLines(rows, now, ms, width, LOCAL_ZONE, label);
  }

  /** A week of a minutely schedule is 10,080 runs: worked out once a minute, not once a frame. */
  private runsAhead(cj: CronJobRec, now: number, span: number): number[] {
    const minute = Math.floor(now / 60_000) * 60_000;
    const key = `${minute}|${span}`;
    const known = this.runs.get(cj);
    if (known?.key === key) return known.runs;
    const runs = runsBetween(cj, minute, minute + span + 60_000, 12_000);
    this.runs.set(cj, { key, runs });
    return runs;
  }
}
