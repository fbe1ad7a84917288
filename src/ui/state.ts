// What the dashboard derives from a snapshot for the current view: the filtered, sorted records,
// with view models built only for the rows asked for. Memoised per snapshot version and filter.
import { kindOf } from '../kinds/registry.js';
import { sortOrder, type SortState } from '../kinds/sorts.js';
import type { AnyView, ViewName } from '../kinds/types.js';
import { parseSelector } from '../model/selector.js';
import type { Meta, Snapshot } from '../model/types.js';
import { dependsOnClock, sorted } from '../model/views.js';

/** A filter typed by the operator: "label=value" selects by label, anything else matches names. */
export function filterFn(filter: string): (r: Meta) => boolean {
  const f = filter.trim();
  if (!f) return () => true;
  if (/[=!]/.test(f)) {
    try {
      const sel = parseSelector(f);
      return (r) => sel(r.labels);
    } catch {
      return () => false;
    }
  }
  const needle = f.toLowerCase();
  return (r) => r.name.toLowerCase().includes(needle) || r.namespace.toLowerCase().includes(needle);
}

/**
 * The rows of the current view: records sorted and filtered (cheap, kept per snapshot version), and
 * view models built only for the rows asked for — the visible ones and the selection — so the
 * once-a-second redraw costs what the screen shows, not what the cluster holds.
 */
export interface ViewList {
  readonly length: number;
  record(i: number): Meta;
  at(i: number): AnyView | undefined;
  indexOfUid(uid: string): number;
  indexOfName(name: string): number;
  /** When the rows asked for so far may read differently: next second for an order or a view that moves with the clock. */
  changesAt(): number;
}

export class ViewCache {
  private key = '';
  /** The snapshot the records came from: another source (a context switch) may reuse version numbers. */
  private snap: Snapshot | null = null;
  private records: Meta[] = [];

  /**
   * The records of `view` that pass `filter`, in the order `sort` asks for. The default order
   * (namespace and name) needs no view model; another is computed again each second, as what it
   * orders by (next run, age) moves with the clock.
   */
  list(view: ViewName, snap: Snapshot, now: number, filter: string, sort?: SortState): ViewList {
    const kind = kindOf(view);
    const sortKey = kind.sorts.find((s) => s.id === sort?.key);
    const plain = !sortKey || (sortKey === kind.sorts[0] && !sort?.reverse);
    const key = `${view}|${snap.version}|${filter}${plain ? '' : `|${sortKey.id}|${sort!.reverse}|${Math.floor(now / 1000)}`}`;
    if (key !== this.key || snap.kinds !== this.snap?.kinds) {
      this.snap = snap;
      const records = sorted(snap.kinds[view] as ReadonlyMap<string, Meta>, filterFn(filter));
      this.records = plain ? records : sortOrder(records.map((r) => kind.viewOf(r, snap, now)), sortKey, sort!.reverse, now).map((i) => records[i]!);
      this.key = key;
    }
    const records = this.records;
    const nextSecond = (Math.floor(now / 1000) + 1) * 1000;
    // An order by what moves with the clock (next run, age) may change next second.
    let changesAt = plain ? Infinity : nextSecond;
    return {
      length: records.length,
      record: (i) => records[i]!,
      at: (i) => {
        if (i < 0 || i >= records.length) return undefined;
        const view = kind.viewOf(records[i]!, snap, now);
        if (dependsOnClock(view)) changesAt = nextSecond;
        return view;
      },
      indexOfUid: (uid) => records.findIndex((r) => r.uid === uid),
      indexOfName: (name) => records.findIndex((r) => r.name === name),
      changesAt: () => changesAt,
    };
  }
}
