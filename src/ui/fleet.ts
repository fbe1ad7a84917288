// The fleet view: one row per selected context — its connection (or why it reads unknown), its
// StatefulSets ready/blocked, Jobs active/failed, CronJobs failing, its next run and its worst
// finding — and the next run across them. Enter goes into the selected context's views.
import type { ViewName } from '../kinds/types.js';
import type { FleetRow } from '../model/fleet.js';
import type { Snapshot } from '../model/types.js';
import { nextFleetRun } from '../model/fleet.js';
import { relative } from '../present/time.js';
import type { OverlayResult, Overlay } from './overlays.js';
import { FLEET_LISTS } from './fleet-list.js';
import type { ActionPort } from './runner.js';
import { fit, lit, safe, type Safe } from './text.js';

/** The contexts the dashboard was started with, each watched from its own credentials. */
export interface Fleet {
  readonly contexts: readonly string[];
  rows(now: number): FleetRow[];
  /** A context's lists as last seen; null while it has none (connecting, unknown). */
  snapshot(context: string): Snapshot | null;
  /** Its own writer (its credentials, read-only mode kept); undefined while not connected. */
  actions(context: string): ActionPort | undefined;
  on(event: 'change', listener: () => void): unknown;
  off(event: 'change', listener: () => void): unknown;
  stop(): Promise<void>;
}

type Tone = 'green' | 'yellow' | 'red' | 'gray' | null;
const tone = (text: string, t: Tone): Safe => (t ? lit(`{${t}-fg}${safe(text)}{/${t}-fg}`) : safe(text));

const CONNECTION: Record<FleetRow['connection'], [string, Tone]> = {
  connected: ['● connected', 'green'],
  connecting: ['◐ connecting', 'yellow'],
  reconnecting: ['✗ retrying', 'red'],
  unknown: ['✗ unknown', 'red'],
};

interface Column {
  title: string;
  width: number;
  cell(r: FleetRow, now: number): [string, Tone];
}

const UNKNOWN: [string, Tone] = ['?', 'gray'];
/** The worst finding beside its row when it has this many cells, else under it. */
const WORST_MIN = 24;

const COLUMNS: readonly Column[] = [
  { title: 'CONNECTION', width: 12, cell: (r) => CONNECTION[r.connection] },
  { title: 'STS RDY', width: 7, cell: (r) => (r.statefulSets ? [`${r.statefulSets.ready}/${r.statefulSets.total}`, r.statefulSets.ready < r.statefulSets.total ? 'yellow' : null] : UNKNOWN) },
  { title: 'BLOCKED', width: 7, cell: (r) => (r.statefulSets ? [String(r.statefulSets.blocked), r.statefulSets.blocked ? 'red' : null] : UNKNOWN) },
  { title: 'JOBS ACT', width: 8, cell: (r) => (r.jobs ? [String(r.jobs.active), r.jobs.active ? 'yellow' : null] : UNKNOWN) },
  { title: 'FAILED', width: 6, cell: (r) => (r.jobs ? [String(r.jobs.failed), r.jobs.failed ? 'red' : null] : UNKNOWN) },
  { title: 'CJ FAIL', width: 7, cell: (r) => (r.cronJobs ? [`${r.cronJobs.failing}/${r.cronJobs.total}`, r.cronJobs.failing ? 'red' : null] : UNKNOWN) },
  { title: 'NEXT RUN', width: 8, cell: (r, now) => (r.cronJobs ? [relative(r.nextRun?.at ?? null, now).text, null] : UNKNOWN) },
];

/** What a row says last, in the room left: why it is unknown, else its worst finding. */
function worst(r: FleetRow): [string, Tone] {
  if (r.problem) return [r.problem, 'red'];
  if (r.connection === 'connecting') return ['…', 'gray'];
  if (!r.worst) return ['✓ no findings', 'green'];
  const more = r.findings.failure + r.findings.warning - 1;
  return [`${r.worst.severity === 'failure' ? '✗' : '!'} ${r.worst.object} ${r.worst.code}${more > 0 ? ` (+${more})` : ''}`, r.worst.severity === 'failure' ? 'red' : 'yellow'];
}

/** A reason in lines of `width` cells, at most three (the last cut with …). */
export function wrapped(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width && lines.length < 2) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > width / 2 ? cut : width;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  return [...lines, fit(rest, width).trimEnd()];
}

export class FleetOverlay implements Overlay {
  readonly place = 'screen';
  private index: number;

  constructor(
    private readonly fleet: Fleet,
    private readonly now: () => number,
    private readonly current: () => string,
    private readonly enter: (context: string) => void,
    /** One kind's objects across the fleet (ui/fleet-list.ts). */
    private readonly list: (view: ViewName) => void,
  ) {
    this.index = Math.max(0, fleet.contexts.indexOf(current()));
  }

  title = (): string => `fleet: ${this.fleet.contexts.length} contexts`;

  lines(width: number, rows: number): Safe[] {
    const now = this.now();
    const all = this.fleet.rows(now);
    const next = nextFleetRun(all);
    const unknown = all.filter((r) => r.connection === 'unknown').length;
    const unknownText = unknown ? `   ${unknown} unknown` : '';
    const nextText = next ? `next run across the fleet: ${relative(next.at, now).text} ${next.context} ${next.namespace}/${next.cronJob}` : 'no run scheduled in the fleet';
    const summary = lit(`${tone(fit(nextText, width - unknownText.length).trimEnd(), next ? null : 'gray')}${tone(unknownText, 'red')}`);
    // The context's name as long as it is (up to 24), the worst finding in what is left — or, when
    // that is less than WORST_MIN, on a line of its own under its row.
    const fixed = COLUMNS.reduce((n, c) => n + c.width + 1, 0);
    const nameWidth = Math.max(8, Math.min(24, width - fixed - 3, Math.max(7, ...all.map((r) => r.context.length))));
    const beside = width - 3 - nameWidth - fixed >= WORST_MIN;
    const worstWidth = beside ? width - 3 - nameWidth - fixed : width - 4;
    const header = lit(`{bold}  ${safe(fit('CONTEXT', nameWidth))} ${COLUMNS.map((c) => safe(fit(c.title, c.width))).join(' ')}${beside ? ` ${safe(fit('WORST', worstWidth))}` : ''}{/bold}`);
    const room = Math.max(1, Math.floor((rows - 5) / (beside ? 1 : 2)));
    const top = Math.max(0, Math.min(this.index - room + 1, all.length - room));
    const body = all.slice(top, top + room).flatMap((r, i) => {
      const cells: string[] = [
        `${top + i === this.index ? '{inverse}' : ''}${r.context === this.current() ? '▶' : ' '} ${safe(fit(r.context, nameWidth))}${top + i === this.index ? '{/inverse}' : ''}`,
        ...COLUMNS.map((c) => {
          const [text, t] = c.cell(r, now);
          return tone(fit(text, c.width), t);
        }),
      ];
      const [text, t] = worst(r);
      // A reason is read whole: one too long to sit beside its row goes under it.
      if (beside && (!r.problem || text.length <= worstWidth)) return [lit([...cells, tone(fit(text, worstWidth), t)].join(' '))];
      return [lit(cells.join(' ')), ...wrapped(text, width - 2).map((part) => lit(`  ${tone(part, t)}`))];
    });
    return [summary, lit(''), header, ...body, lit(''), lit('{gray-fg}j/k select · ⏎ into that context · 1-3 a kind across the fleet · Esc back{/gray-fg}')].slice(0, Math.max(1, rows));
  }

  key(name: string): OverlayResult {
    const n = this.fleet.contexts.length;
    if (name === 'j' || name === 'down') this.index = Math.min(n - 1, this.index + 1);
    else if (name === 'k' || name === 'up') this.index = Math.max(0, this.index - 1);
    else if (FLEET_LISTS[name]) {
      const view = FLEET_LISTS[name]!;
      return { keep: false, then: () => this.list(view) };
    } else if (name === 'enter') {
      const context = this.fleet.contexts[this.index];
      return { keep: false, ...(context !== undefined ? { then: () => this.enter(context) } : {}) };
    }
    return { keep: true };
  }

  close(): void {}
}
