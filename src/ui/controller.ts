// The one key dispatcher, and the dashboard's state between frames: the view, the selection, the
// filter, the open dialog. Every key goes through the bindings table (ui/bindings.ts plus the
// selected kind's bindings); mutating handlers get this controller as their `Ui`.
import { bulkLines, planBulk, sendEach, type Plan } from '../kinds/bulk.js';
import type { Span } from '../kinds/cells.js';
import { kindOf } from '../kinds/registry.js';
import type { SortState } from '../kinds/sorts.js';
import type { AnyView, BulkConfirmation, Confirmation, KindBinding, Ui, ViewName } from '../kinds/types.js';
import type { LogLine, LogStreams, LogTarget } from '../model/logs.js';
import type { ActionRequest, AccessQuestion } from '../model/requests.js';
import type { Meta, Snapshot } from '../model/types.js';
import { LIST, NAVIGATION, SESSION, type GlobalBinding } from './bindings.js';
import type { LogView } from './logs.js';
import { overlayKey, promptKey, type Overlay, type Prompt, type TextOverlay } from './overlays.js';
import { RefusalCache } from './rbac.js';
import { ViewCache, type ViewList } from './state.js';
import type { Safe } from './text.js';

/** The writes the dashboard may ask for (kube/actions.ts in the real program). */
export interface ActionPort {
  refusal(access: AccessQuestion): Promise<string | null>;
  send(request: ActionRequest): Promise<unknown>;
}

/** What the controller needs from the app around it. */
export interface Host {
  snapshot(): Snapshot;
  now(): number;
  requestRender(): void;
  quit(): void;
  readonly namespace: string | null;
  switchNamespace(ns: string | null): void;
  /** The kubeconfig context in use, the others, and a switch that rebuilds every client for the new one. */
  readonly context?: string;
  listContexts?(): string[];
  switchContext?(name: string): void;
  /** Rows a page key moves in the focused pane, and in an open text overlay. */
  pageSize(): number;
  overlayPageSize(): number;
  /** The cells a line of a full-screen text overlay has (tables are laid out to it). */
  overlayWidth?(): number;
  listNamespaces(): Promise<string[]>;
  objectYaml(kind: ViewName, namespace: string, name: string): Promise<string>;
  /** Streams the targets' logs (kube/logs.ts in the real program). */
  streamLogs(targets: readonly LogTarget[], onLine: (line: LogLine) => void, onEnd: () => void): LogStreams;
  saveText(path: string, text: string): Promise<void>;
}

/** One row of the bindings table as the current view and selection see it. */
export interface Entry {
  id: string;
  keys: readonly string[];
  label: string;
  help: string;
  hint: boolean;
  disabled(): string | null;
  run(): void;
}

export class Controller implements Ui {
  view: ViewName = 'statefulsets';
  readonly selected: Record<ViewName, string | null> = { statefulsets: null, jobs: null, cronjobs: null };
  listTop = 0;
  focus: 'list' | 'detail' = 'list';
  detailScroll = 0;
  /** Every event row, not just the latest few. */
  unfolded = false;
  /** The CronJobs' schedule timeline in place of the detail: an index into SPANS, or null. */
  timeline: number | null = null;
  /** The list shows every column, `-o wide`'s too. */
  wide = false;
  filter: string;
  /** Each view's order, kept while the operator looks at another. */
  readonly sort: Record<ViewName, SortState> = { statefulsets: { key: 'name', reverse: false }, jobs: { key: 'name', reverse: false }, cronjobs: { key: 'name', reverse: false } };
  /** The uids marked for a bulk action, per view. */
  readonly marks: Record<ViewName, Set<string>> = { statefulsets: new Set(), jobs: new Set(), cronjobs: new Set() };
  overlay: Overlay | null = null;
  promptLine: Prompt | null = null;
  status: { text: string; error: boolean } | null = null;
  readonly actionLog: { at: number; text: string; ok: boolean | null }[] = [];
  private pendingSelect: { view: ViewName; name: string } | null = null;
  private readonly cache = new ViewCache();
  private rbac!: RefusalCache;
  private actions: ActionPort | undefined;

  constructor(
    readonly host: Host,
    readonly readOnly: boolean,
    actions: ActionPort | undefined,
    filter: string,
  ) {
    this.filter = filter;
    this.useActions(actions);
  }

  /** The writer of the current context, with RBAC answers asked afresh of it (a context switch). */
  useActions(actions: ActionPort | undefined): void {
    this.actions = actions;
    this.rbac = new RefusalCache(actions && !this.readOnly ? (a) => actions.refusal(a) : undefined, () => this.host.requestRender());
  }

  // ——— what is shown ———

  list(): ViewList {
    return this.cache.list(this.view, this.host.snapshot(), this.host.now(), this.filter, this.sort[this.view]);
  }

  /** The current view's order in words, for the list label: "↑ next run". */
  sortLabel(): string {
    const st = this.sort[this.view];
    const key = kindOf(this.view).sorts.find((s) => s.id === st.key) ?? kindOf(this.view).sorts[0]!;
    return `${st.reverse ? '↓' : '↑'} ${key.label}`;
  }

  /** The next sort key of the current view (name, age, status, the kind's own…); the selection stays on its object. */
  cycleSort(): void {
    const sorts = kindOf(this.view).sorts;
    const st = this.sort[this.view];
    const i = sorts.findIndex((s) => s.id === st.key);
    this.sort[this.view] = { key: sorts[(i + 1) % sorts.length]!.id, reverse: false };
  }

  reverseSort(): void {
    const st = this.sort[this.view];
    this.sort[this.view] = { ...st, reverse: !st.reverse };
  }

  // ——— marks ———

  /** The marked objects of the current view that still exist, in list order. */
  marked(): AnyView[] {
    const marks = this.marks[this.view];
    if (!marks.size) return [];
    const views = this.list();
    const snap = this.host.snapshot();
    const kind = kindOf(this.view);
    const shown: AnyView[] = [];
    const hidden = new Set(marks);
    for (let i = 0; i < views.length; i++) {
      if (!hidden.delete(views.record(i).uid)) continue;
      shown.push(views.at(i)!);
    }
    // Marked, then hidden by a later filter: still marked, still acted on. Gone: dropped.
    const records = snap.kinds[this.view] as ReadonlyMap<string, Meta>;
    const rest = [...hidden].flatMap((uid) => {
      const rec = records.get(uid);
      return rec ? [kind.viewOf(rec, snap, this.host.now())] : [];
    });
    return [...shown, ...rest];
  }

  toggleMark(): void {
    const views = this.list();
    const i = this.selectedIndex(views);
    if (i < 0) return;
    const uid = views.record(i).uid;
    const marks = this.marks[this.view];
    if (!marks.delete(uid)) marks.add(uid);
    this.move(1);
  }

  markAll(): void {
    const views = this.list();
    for (let i = 0; i < views.length; i++) this.marks[this.view].add(views.record(i).uid);
  }

  clearMarks(): void {
    this.marks[this.view].clear();
  }

  /** The selected row's index, after applying a pending selection by name. */
  selectedIndex(views: ViewList = this.list()): number {
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

  selection(): AnyView | undefined {
    const views = this.list();
    return views.at(this.selectedIndex(views));
  }

  /** The bindings of the current view, global and the kind's, in the order help and hints show them. */
  entries(sel: AnyView | undefined = this.selection()): Entry[] {
    const global = (b: GlobalBinding): Entry => ({ ...b, hint: b.hint ?? false, disabled: () => b.disabledReason?.(this, sel) ?? null, run: () => b.run(this, sel) });
    const marked = this.marks[this.view].size > 0;
    const kind = (b: KindBinding<AnyView>): Entry => ({
      ...b,
      hint: b.hint ?? false,
      disabled: () =>
        this.readOnly
          ? 'read-only mode'
          : marked
            ? b.bulk
              ? null
              : 'one object at a time: clear the marks first'
            : !sel
              ? 'nothing selected'
              : (b.disabledReason?.(sel, this.host.snapshot()) ?? this.rbac.refusal(b.access(sel))),
      run: () => (marked && b.bulk ? this.runBulk(b) : sel && b.run(sel, this)),
    });
    return [...NAVIGATION.map(global), ...kindOf(this.view).bindings.map(kind), ...SESSION.map(global), ...LIST.map(global)];
  }

  // ——— keys ———

  onKey(ch: string | undefined, name: string): void {
    // blessed reports Enter as 'enter' and then once more as 'return': act on the first only.
    if (name === 'return') return;
    if (name === 'C-c') return this.host.quit();
    if (this.promptLine) {
      const p = this.promptLine;
      const r = promptKey(p, ch, name);
      if (r !== 'open') this.promptLine = null;
      if (r === 'submit') p.onSubmit(p.text);
      return;
    }
    if (this.overlay) {
      const o = this.overlay;
      const r = overlayKey(o, name, this.host.overlayPageSize());
      if (!r.keep && this.overlay === o) this.overlay = null;
      if (r.prompt) this.promptLine = r.prompt;
      r.then?.();
      return;
    }
    this.status = null;
    const entries = this.entries();
    const entry = entries.find((e) => e.keys.includes(name)) ?? (ch && ch.length === 1 ? entries.find((e) => e.keys.includes(ch)) : undefined);
    if (!entry) return;
    const reason = entry.disabled();
    if (reason) return this.fail(`${entry.label}: ${reason}`);
    entry.run();
  }

  // ——— navigation (for the global bindings) ———

  move(delta: number): void {
    if (this.focus === 'detail') {
      this.detailScroll = Math.max(0, this.detailScroll + delta);
      return;
    }
    const views = this.list();
    if (!views.length) return;
    const next = Math.max(0, Math.min(views.length - 1, this.selectedIndex(views) + delta));
    this.selected[this.view] = views.record(next).uid;
    this.detailScroll = 0;
  }

  switchView(view: ViewName): void {
    if (view === this.view) return;
    this.view = view;
    this.focus = 'list';
    this.detailScroll = 0;
    this.listTop = 0;
  }

  /** After a namespace switch: nothing selected, back at the top of the list. */
  resetSelection(): void {
    this.selected.statefulsets = this.selected.jobs = this.selected.cronjobs = null;
    for (const m of Object.values(this.marks)) m.clear();
    this.listTop = 0;
    this.focus = 'list';
  }

  showText(title: string, lines: Safe[], follow = false): TextOverlay {
    const overlay: TextOverlay = { kind: 'text', title, lines, scroll: 0, follow };
    this.overlay = overlay;
    this.host.requestRender();
    return overlay;
  }

  showLogs(log: LogView): void {
    this.overlay = { kind: 'logs', log };
    this.host.requestRender();
  }

  /** The cluster changed: a log view lets go of the streams of pods that are gone. */
  sourceChanged(): void {
    if (this.overlay?.kind !== 'logs') return;
    const snap = this.host.snapshot();
    if (snap.status.pods.state !== 'synced') return;
    this.overlay.log.podsGone((uid) => snap.kinds.pods.has(uid));
  }

  /** Closes an open overlay and whatever it streams. */
  closeOverlay(): void {
    if (this.overlay?.kind === 'text') this.overlay.stop?.();
    if (this.overlay?.kind === 'logs') this.overlay.log.stop();
    this.overlay = null;
  }

  setStatus(text: string, error = false): void {
    this.status = { text, error };
    this.host.requestRender();
  }

  // ——— Ui: what binding handlers may do ———

  snapshot(): Snapshot {
    return this.host.snapshot();
  }

  now(): number {
    return this.host.now();
  }

  prompt(label: string, onSubmit: (text: string) => void, context: readonly (readonly Span[])[] = []): void {
    this.promptLine = { label, text: '', onSubmit, dialog: true, context };
    this.host.requestRender();
  }

  /** A line typed in the footer (the filter, the command line), starting from `text`. */
  typeLine(label: string, onSubmit: (text: string) => void, text: string): void {
    this.promptLine = { label, text, onSubmit, dialog: false };
    this.host.requestRender();
  }

  pick(title: string, items: readonly string[], onPick: (item: string) => void, index = 0): void {
    if (items.length === 0) return this.fail(`${title}: nothing to choose`);
    this.overlay = { kind: 'pick', title, items, index, onPick };
    this.host.requestRender();
  }

  confirm(confirmation: Confirmation): void {
    this.overlay = { kind: 'confirm', confirmation, onYes: () => void this.perform(confirmation.request, confirmation.summary).then((r) => r.ok && confirmation.then?.(r.result)) };
    this.host.requestRender();
  }

  /** One confirmation for every marked object; read-only mode and RBAC are asked of each before it shows. */
  private runBulk(b: KindBinding<AnyView>): void {
    const bulk = b.bulk!;
    const objects = this.marked();
    const go = (input: string) =>
      this.confirmEach(
        b.label,
        [],
        objects.map((v) => ({ name: `${kindOf(this.view).short}/${v.name}`, plan: bulk.plan(v, this, input) })),
      );
    if (bulk.ask) this.prompt(`${bulk.ask}`, go);
    else go('');
  }

  confirmEach(title: string, notes: readonly (readonly Span[])[], plans: readonly { name: string; plan: Plan }[]): void {
    const actions = this.actions;
    if (!actions) return this.fail('actions are not available here');
    this.setStatus(`${title}: checking ${plans.length} object(s)…`);
    void planBulk(title, plans, (p) => p.name, (p) => p.plan, (a) => actions.refusal(a)).then((c) => this.confirmAll({ ...c, notes }));
  }

  /** Shows the bulk confirmation; yes sends each target, reporting each in the action log. */
  confirmAll(c: BulkConfirmation): void {
    const confirmation = { title: `${c.title} (${c.targets.length})`, lines: bulkLines(c) };
    if (!c.targets.length) {
      this.overlay = { kind: 'confirm', confirmation: { ...confirmation, lines: [...confirmation.lines, []] }, onYes: () => undefined };
      return this.host.requestRender();
    }
    const actions = this.actions;
    this.overlay = {
      kind: 'confirm',
      confirmation,
      onYes: () => {
        for (const s of c.skipped) this.logAction(`✗ ${c.title} ${s.name}: skipped, ${s.reason}`, false);
        void sendEach(c, (t) => (actions ? actions.send(t.request) : Promise.reject(new Error('actions are not available here'))), (r) =>
          this.logAction(r.ok ? `✓ ${r.summary}` : `✗ ${r.summary}: ${r.error}`, r.ok),
        ).then((results) => {
          const failed = results.filter((r) => !r.ok).length + c.skipped.length;
          this.setStatus(`${c.title}: ${results.filter((r) => r.ok).length} done, ${failed} failed or skipped`, failed > 0);
        });
      },
    };
    this.host.requestRender();
  }

  send(request: ActionRequest, summary?: string): void {
    void this.perform(request, summary);
  }

  fail(text: string): void {
    this.setStatus(text, true);
  }

  select(view: ViewName, name: string): void {
    this.pendingSelect = { view, name };
    this.switchView(view);
    this.host.requestRender();
  }

  // ——— sending ———

  private logAction(text: string, ok: boolean | null): void {
    this.actionLog.push({ at: this.host.now(), text, ok });
    if (this.actionLog.length > 500) this.actionLog.shift();
    this.setStatus(text, ok === false);
  }

  /** Sends one request and reports it; the request names its object, nothing is read from the screen. */
  private async perform(request: ActionRequest, summary = request.summary): Promise<{ ok: boolean; result?: unknown }> {
    if (!this.actions) {
      this.fail('actions are not available here');
      return { ok: false };
    }
    this.logAction(`${summary}…`, null);
    try {
      const result = await this.actions.send(request);
      this.logAction(`✓ ${summary}`, true);
      return { ok: true, result };
    } catch (err) {
      this.logAction(`✗ ${summary}: ${err instanceof Error ? err.message : String(err)}`, false);
      return { ok: false };
    }
  }
}
