// What the operator is looking at, as a plain value: the view, each view's selection, order and
// marks, the focus, the filter, the toggles and the scroll positions (clamped here, never by drawing).
import { kindOf } from '../kinds/registry.js';
import type { SortState } from '../kinds/sorts.js';
import type { AnyView, ViewName } from '../kinds/types.js';
import type { Meta, Snapshot } from '../model/types.js';
import { ViewCache, type ViewList } from './state.js';

const perView = <T>(make: () => T): Record<ViewName, T> => ({ statefulsets: make(), jobs: make(), cronjobs: make() });

export class ViewState {
  view: ViewName = 'statefulsets';
  readonly selected = perView<string | null>(() => null);
  /** The first row the list shows. */
  listTop = 0;
  focus: 'list' | 'detail' = 'list';
  detailScroll = 0;
  /** Every event row, not just the latest few. */
  unfolded = false;
  /** A kind's own picture in place of the detail (the CronJobs' timeline): which of its spans, or null. */
  picture: number | null = null;
  /** The list shows every column, `-o wide`'s too. */
  wide = false;
  /** Each view's order, kept while the operator looks at another. */
  readonly sort = perView<SortState>(() => ({ key: 'name', reverse: false }));
  /** The uids marked for a bulk action, per view. */
  readonly marks = perView(() => new Set<string>());
  private pendingSelect: { view: ViewName; name: string } | null = null;
  private readonly cache = new ViewCache();

  constructor(public filter: string) {}

  list(snap: Snapshot, now: number): ViewList {
    return this.cache.list(this.view, snap, now, this.filter, this.sort[this.view]);
  }

  /** The selected row's index, after applying a pending selection by name. */
  selectedIndex(views: ViewList): number {
    if (this.pendingSelect?.view === this.view) {
      const found = views.indexOfName(this.pendingSelect.name);
      if (found >= 0) {
        this.selected[this.view] = views.record(found).uid;
        this.pendingSelect = null;
      }
    }
    const uid = this.selected[this.view];
    const i = uid === null ? -1 : views.indexOfUid(uid);
    const index = i >= 0 ? i : views.length > 0 ? 0 : -1;
    this.selected[this.view] = index >= 0 ? views.record(index).uid : null;
    return index;
  }

  /** The current view's order in words, for the list label: "↑ next run". */
  sortLabel(): string {
    const st = this.sort[this.view];
    const sorts = kindOf(this.view).sorts;
    return `${st.reverse ? '↓' : '↑'} ${(sorts.find((s) => s.id === st.key) ?? sorts[0]!).label}`;
  }

  /** The next sort key of the current view; the selection stays on its object. */
  cycleSort(): void {
    const sorts = kindOf(this.view).sorts;
    const i = sorts.findIndex((s) => s.id === this.sort[this.view].key);
    this.sort[this.view] = { key: sorts[(i + 1) % sorts.length]!.id, reverse: false };
  }

  reverseSort(): void {
    const st = this.sort[this.view];
    this.sort[this.view] = { ...st, reverse: !st.reverse };
  }

  /** The marked objects of the current view that still exist, in list order; marked and then filtered out still count. */
  marked(snap: Snapshot, now: number): AnyView[] {
    const marks = this.marks[this.view];
    if (!marks.size) return [];
    const views = this.list(snap, now);
    const shown: AnyView[] = [];
    const hidden = new Set(marks);
    for (let i = 0; i < views.length; i++) if (hidden.delete(views.record(i).uid)) shown.push(views.at(i)!);
    const records = snap.kinds[this.view] as ReadonlyMap<string, Meta>;
    const kind = kindOf(this.view);
    return [...shown, ...[...hidden].flatMap((uid) => (records.has(uid) ? [kind.viewOf(records.get(uid)!, snap, now)] : []))];
  }

  toggleMark(views: ViewList, page: number): void {
    const i = this.selectedIndex(views);
    if (i < 0) return;
    const marks = this.marks[this.view];
    const uid = views.record(i).uid;
    if (!marks.delete(uid)) marks.add(uid);
    this.move(views, 1, page);
  }

  markAll(views: ViewList): void {
    for (let i = 0; i < views.length; i++) this.marks[this.view].add(views.record(i).uid);
  }

  /** Moves the selection (or, focused, the detail) by `delta` rows; the list keeps it within `page` rows on screen. */
  move(views: ViewList, delta: number, page: number, detailMax = Infinity): void {
    if (this.focus === 'detail') {
      this.detailScroll = Math.max(0, Math.min(detailMax, this.detailScroll + delta));
      return;
    }
    if (!views.length) return;
    const next = Math.max(0, Math.min(views.length - 1, this.selectedIndex(views) + delta));
    this.selected[this.view] = views.record(next).uid;
    this.detailScroll = 0;
    this.keepVisible(next, page, views.length);
  }

  private keepVisible(index: number, rows: number, length: number): void {
    this.listTop = listTop(this.listTop, index, rows, length);
  }

  switchView(view: ViewName): void {
    if (view === this.view) return;
    this.view = view;
    this.focus = 'list';
    this.detailScroll = 0;
    this.listTop = 0;
  }

  /** Shows `name` in `view` once it appears (a Job just created). */
  select(view: ViewName, name: string): void {
    this.pendingSelect = { view, name };
    this.switchView(view);
  }

  /** After a namespace or context switch: nothing selected or marked, back at the top. */
  reset(): void {
    for (const v of Object.keys(this.selected) as ViewName[]) {
      this.selected[v] = null;
      this.marks[v].clear();
    }
    this.listTop = 0;
    this.focus = 'list';
  }
}

/** The list's first row, from the one it had, such that row `index` is among the `rows` shown. */
export function listTop(top: number, index: number, rows: number, length: number): number {
  let t = top;
  if (index >= 0 && index < t) t = index;
  if (index >= t + rows) t = index - rows + 1;
  return Math.max(0, Math.min(t, Math.max(0, length - rows)));
}
