// One kind's objects across every context of the fleet, under CONTEXT (the list's own columns):
// marks across contexts, and a kind's bulk action over them planned in each context from its own
// lists, with one confirmation (ui/action-flow.ts). A context that cannot show the kind is named
// with its reason above the list. Enter goes into the selected object's context.
import type { InContext } from '../kinds/columns.js';
import { kindOf } from '../kinds/registry.js';
import type { AnyView, KindAction, PlanContext, ViewName } from '../kinds/types.js';
import { contextProblem } from '../model/fleet.js';
import type { Meta, Snapshot } from '../model/types.js';
import { sorted } from '../model/views.js';
import { wrapped, type Fleet } from './fleet.js';
import { keyName } from './key-names.js';
import { listLines } from './list.js';
import type { Overlay, OverlayResult } from './overlays.js';
import type { ViewList } from './state.js';
import { lit, safe, type Safe } from './text.js';
import { listTop } from './view-state.js';

/** One context's marked objects, and what planning reads of that context. */
export interface ContextObjects {
  context: string;
  at: PlanContext;
  objects: { name: string; v: AnyView }[];
}

export interface FleetListPort {
  /** The action over marked objects of several contexts (one confirmation). */
  act(action: KindAction<AnyView>, groups: ContextObjects[]): void;
  /** Goes into `context`, showing `name` in `view`. */
  enter(context: string, view: ViewName, name: string): void;
}

interface Row {
  context: string;
  snap: Snapshot;
  record: Meta;
}

/** The keys of the lists across the fleet, as the dashboard's own view keys. */
export const FLEET_LISTS: Readonly<Record<string, ViewName>> = { '1': 'statefulsets', '2': 'jobs', '3': 'cronjobs' };
const markKey = (r: Row) => `${r.context}\u0000${r.record.uid}`;

export class FleetListOverlay implements Overlay {
  readonly place = 'screen';
  private index = 0;
  private top = 0;
  private readonly marks = new Set<string>();

  constructor(
    private readonly fleet: Fleet,
    private view: ViewName,
    private readonly now: () => number,
    private readonly port: FleetListPort,
  ) {}

  title = (): string => `${kindOf(this.view).title} across ${this.fleet.contexts.length} contexts`;

  /** Every context's objects of the view, context by context in the fleet's order, then by namespace and name. */
  private collect(): { rows: Row[]; unknown: string[] } {
    const rows: Row[] = [];
    const unknown: string[] = [];
    for (const context of this.fleet.contexts) {
      const snap = this.fleet.snapshot(context);
      const problem = snap ? contextProblem(snap, [this.view]) : 'not connected';
      if (problem || !snap) unknown.push(`${context}: ${problem}`);
      else for (const record of sorted(snap.kinds[this.view] as ReadonlyMap<string, Meta>)) rows.push({ context, snap, record });
    }
    return { rows, unknown };
  }

  private actions(): KindAction<AnyView>[] {
    return kindOf(this.view).actions.filter((a) => a.bulk && !a.bulk.ask);
  }

  lines(width: number, rows: number): Safe[] {
    const now = this.now();
    const { rows: all, unknown } = this.collect();
    this.index = Math.max(0, Math.min(this.index, all.length - 1));
    const kind = kindOf(this.view);
    const marked = all.filter((r) => this.marks.has(markKey(r))).length;
    const head = [
      lit(`{bold}${safe(kind.title)}{/bold} in ${this.fleet.contexts.length - unknown.length} of ${this.fleet.contexts.length} contexts: ${all.length}${marked ? ` · ${marked} marked` : ''}`),
      ...unknown.flatMap((u) => wrapped(`✗ ${kind.title} unknown in ${u}`, width).map((l) => lit(`{red-fg}${safe(l)}{/red-fg}`))),
    ];
    // "+1", not "+ +1".
    const acts = this.actions().map((a) => (/^[^a-z]$/i.test(a.keys[0]!) && a.label.startsWith(a.keys[0]!) ? a.label : `${keyName(a.keys[0]!)} ${a.label}`));
    const keys = [
      `${acts.join(' · ')} (the marked rows, else the selected one)`,
      'space mark · a/A all/none · ⏎ into its context · 1-3 kind · Esc back',
    ].map((k) => lit(`{gray-fg}${safe(k)}{/gray-fg}`));
    // Under the head: a blank line, the table header, the rows, a blank line and the two lines of keys.
    const room = Math.max(1, rows - head.length - 5);
    this.top = listTop(this.top, this.index, room, all.length);
    const view = (r: Row): InContext<AnyView> => ({ ...kind.viewOf(r.record, r.snap, now), context: r.context });
    const list: ViewList = {
      length: all.length,
      // The marks tell two contexts' objects apart even where their uids agree.
      record: (i) => ({ ...all[i]!.record, uid: markKey(all[i]!) }),
      at: (i) => (all[i] ? view(all[i]!) : undefined),
      indexOfUid: (uid) => all.findIndex((r) => markKey(r) === uid),
      indexOfName: (name) => all.findIndex((r) => r.record.name === name),
      changesAt: () => Infinity,
    };
    const table = listLines(kind, list, this.top, room, this.index, width, now, { allNamespaces: true, wide: false, contexts: true, marks: this.marks });
    const body = all.length ? table.lines : [table.lines[0]!, lit(`{gray-fg}no ${safe(kind.title)} in the contexts that answered{/gray-fg}`)];
    return [...head, lit(''), ...body, lit(''), ...keys].slice(0, Math.max(1, rows));
  }

  key(name: string, page: number): OverlayResult {
    // The rows as they are now, not as last drawn: keys typed ahead (a kind switched, then a mark) come before the next frame.
    const { rows } = this.collect();
    const move = (d: number) => (this.index = Math.max(0, Math.min(rows.length - 1, this.index + d)));
    const selected = rows[this.index];
    if (name === 'j' || name === 'down') move(1);
    else if (name === 'k' || name === 'up') move(-1);
    else if (name === 'pagedown') move(page);
    else if (name === 'pageup') move(-page);
    else if (name === 'g' || name === 'home') move(-1e9);
    else if (name === 'S-g' || name === 'end') move(1e9);
    else if (FLEET_LISTS[name] && FLEET_LISTS[name] !== this.view) {
      this.view = FLEET_LISTS[name]!;
      this.index = 0;
      this.top = 0;
      this.marks.clear();
    } else if (name === 'space' && selected) {
      if (!this.marks.delete(markKey(selected))) this.marks.add(markKey(selected));
      move(1);
    } else if (name === 'a') for (const r of rows) this.marks.add(markKey(r));
    else if (name === 'S-a') this.marks.clear();
    else if (name === 'enter' && selected) return { keep: false, then: () => this.port.enter(selected.context, this.view, selected.record.name) };
    else {
      const action = this.actions().find((a) => a.keys.includes(name));
      if (action) return { keep: true, then: () => this.act(action) };
    }
    return { keep: true };
  }

  /** The marked objects (or the selected one) of each context, planned there. */
  private act(action: KindAction<AnyView>): void {
    const { rows } = this.collect();
    const chosen = this.marks.size ? rows.filter((r) => this.marks.has(markKey(r))) : rows.slice(this.index, this.index + 1);
    if (!chosen.length) return;
    const kind = kindOf(this.view);
    const now = this.now();
    const groups = new Map<string, ContextObjects>();
    for (const r of chosen) {
      const group = groups.get(r.context) ?? { context: r.context, at: { snapshot: () => r.snap, now: () => now }, objects: [] };
      group.objects.push({ name: `${kind.short}/${r.record.name}`, v: kind.viewOf(r.record, r.snap, now) });
      groups.set(r.context, group);
    }
    this.port.act(action, [...groups.values()]);
  }

  close(): void {}
}
