// The dashboard: lays out the widgets, routes keys through the command table, and draws view
// models from the live snapshot. It computes no Kubernetes semantics itself.
import blessed from 'blessed';
import { accessFor, COMMANDS, commandForKey, commandsFor, disabledReason, type Command, type CommandAccess, type ViewName } from '../model/commands.js';
import { scalePreview } from '../model/scale.js';
import type { StatefulSetView } from '../model/statefulset.js';
import { relatedEvents } from '../model/events.js';
import { byControllerUid, byName, nsKey } from '../model/lookup.js';
import type { KindName, Snapshot } from '../model/types.js';
import { commandContext, VIEW_KIND, VIEW_TITLES, ViewCache, type AnyView, type ViewList } from './state.js';
import { lit, safe, type Safe } from './text.js';
import { cjColumns, cjDetail, cjRow } from './views/cronjobs.js';
import { jobColumns, jobDetail, jobRow } from './views/jobs.js';
import { stsColumns, stsDetail, stsRow } from './views/statefulsets.js';
import { layoutColumns, renderHeader, renderRow, type Cell, type Column } from './widgets/table.js';

export interface LiveSource {
  snapshot(): Snapshot;
  on(event: 'change', listener: () => void): unknown;
  off(event: 'change', listener: () => void): unknown;
  stop(): Promise<void>;
}

export interface PodRef {
  namespace: string;
  name: string;
  containers: readonly string[];
}

/** The writes the dashboard may ask for (kube/actions.ts in the real program). */
export interface ActionPort {
  refusal(access: CommandAccess & { namespace: string }): Promise<string | null>;
  scale(namespace: string, name: string, replicas: number, resourceVersion: string): Promise<unknown>;
  setSuspend(kind: 'jobs' | 'cronjobs', namespace: string, name: string, suspend: boolean): Promise<unknown>;
  restart(namespace: string, name: string): Promise<unknown>;
  setPartition(namespace: string, name: string, partition: number, resourceVersion: string): Promise<unknown>;
  deletePod(namespace: string, name: string): Promise<unknown>;
  deleteJob(namespace: string, name: string): Promise<unknown>;
  deleteClaim(namespace: string, name: string, uid: string): Promise<unknown>;
  trigger(namespace: string, name: string): Promise<string>;
}

export interface AppDeps {
  actions?: ActionPort;
  context: string;
  server: string;
  namespace: string | null;
  readOnly: boolean;
  /** The list filter to start with (a name part or label=value). */
  filter?: string;
  /** A live source for a namespace (null: all); called again when the operator switches namespace. */
  openSource(namespace: string | null): LiveSource;
  listNamespaces(): Promise<string[]>;
  objectYaml(kind: KindName, namespace: string, name: string): Promise<string>;
  followLogs(pod: PodRef, container: string, onLine: (line: string) => void, onEnd: (err: Error | null) => void): () => void;
  now?: () => number;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Frames per second at most. */
  maxFps?: number;
}

type Overlay =
  | { kind: 'text'; title: string; lines: Safe[]; scroll: number; follow: boolean; stop?: () => void }
  | { kind: 'confirm'; title: string; lines: Safe[]; onConfirm: () => void }
  | { kind: 'pick'; title: string; items: string[]; index: number; onPick: (item: string) => void };

type Prompt = { label: string; text: string; onSubmit: (text: string) => void };

const MAX_LOG_LINES = 5000;

export class App {
  readonly screen: blessed.Widgets.Screen;
  private readonly header: blessed.Widgets.BoxElement;
  private readonly list: blessed.Widgets.BoxElement;
  private readonly detail: blessed.Widgets.BoxElement;
  private readonly footer: blessed.Widgets.BoxElement;
  private readonly overlayBox: blessed.Widgets.BoxElement;
  private source: LiveSource;
  private namespace: string | null;
  private view: ViewName = 'statefulsets';
  private readonly selected: Record<ViewName, string | null> = { statefulsets: null, jobs: null, cronjobs: null };
  private listTop = 0;
  private focus: 'list' | 'detail' = 'list';
  private detailScroll = 0;
  private filter = '';
  private overlay: Overlay | null = null;
  private prompt: Prompt | null = null;
  private status: { text: string; error: boolean } | null = null;
  private readonly cache = new ViewCache();
  private renderTimer: NodeJS.Timeout | null = null;
  private lastRender = 0;
  private tick: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];
  private lastUpdate: number | null = null;
  private readonly now: () => number;
  private readonly onChange = () => {
    this.lastUpdate = this.now();
    this.requestRender();
  };
  private closed = false;
  private readonly actionLog: { at: number; text: string; ok: boolean | null }[] = [];
  private readonly rbac = new Map<string, string | null | 'pending'>();
  private pendingSelect: { view: ViewName; name: string } | null = null;
  renders = 0;

  constructor(private readonly deps: AppDeps) {
    this.now = deps.now ?? Date.now;
    this.namespace = deps.namespace;
    this.filter = deps.filter ?? '';
    this.screen = blessed.screen({
      smartCSR: true,
      fullUnicode: true,
      warnings: false,
      autoPadding: false,
      title: 'kstate',
      terminal: 'xterm-256color',
      ...(deps.input ? { input: deps.input } : {}),
      ...(deps.output ? { output: deps.output } : {}),
    } as blessed.Widgets.IScreenOptions);
    this.header = blessed.box({ parent: this.screen, top: 0, left: 0, width: '100%', height: 2, tags: true });
    this.list = blessed.box({ parent: this.screen, top: 2, left: 0, width: '100%', height: 8, tags: true, border: { type: 'line' }, style: { border: { fg: 'cyan' } } });
    this.detail = blessed.box({ parent: this.screen, top: 10, left: 0, width: '100%', height: 10, tags: true, border: { type: 'line' }, style: { border: { fg: 'gray' } } });
    this.footer = blessed.box({ parent: this.screen, bottom: 0, left: 0, width: '100%', height: 1, tags: true });
    this.overlayBox = blessed.box({ parent: this.screen, top: 2, left: 0, width: '100%', height: 10, tags: true, border: { type: 'line' }, style: { border: { fg: 'yellow' } }, hidden: true });
    this.screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) => {
      this.onKey(ch, key);
      // A key is answered at once; only cluster changes wait for the frame-rate limit.
      this.requestRender(true);
    });
    this.screen.on('resize', () => this.requestRender());
    this.source = deps.openSource(this.namespace);
    this.source.on('change', this.onChange);
    // Countdowns and ages move with the clock.
    this.tick = setInterval(() => this.requestRender(), 1000);
    this.tick.unref?.();
    this.requestRender();
  }

  // ——— lifecycle ———

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.tick);
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.closeOverlay();
    this.source.off('change', this.onChange);
    this.screen.destroy();
    await this.source.stop();
  }

  /** Resolves once no render is pending (for tests: wait for this instead of sleeping). */
  whenIdle(): Promise<void> {
    if (!this.renderTimer) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The text on screen, one string per row (for tests and the benchmark). */
  screenText(): string[] {
    const lines = (this.screen as unknown as { lines: [string, string][][] }).lines;
    return lines.map((row) => row.map((c) => c[1]).join(''));
  }

  onQuit: () => void = () => {};

  // ——— rendering ———

  requestRender(urgent = false): void {
    if (this.closed) return;
    if (this.renderTimer) {
      if (!urgent) return;
      clearTimeout(this.renderTimer);
    }
    const minGap = 1000 / (this.deps.maxFps ?? 20);
    const wait = urgent ? 0 : Math.max(0, this.lastRender + minGap - Date.now());
    this.renderTimer = setTimeout(() => {
      this.renderTimer = null;
      this.render();
      const waiters = this.idleWaiters.splice(0);
      for (const w of waiters) w();
    }, wait);
  }

  private currentList(snap: Snapshot, now: number): ViewList {
    return this.cache.list(this.view, snap, now, this.filter);
  }

  private selectedIndex(views: ViewList): number {
    const uid = this.selected[this.view];
    const i = uid === null ? -1 : views.indexOfUid(uid);
    return i >= 0 ? i : views.length > 0 ? 0 : -1;
  }

  private selectedView(): AnyView | undefined {
    const views = this.currentList(this.source.snapshot(), this.now());
    return views.at(this.selectedIndex(views));
  }

  render(): void {
    if (this.closed) return;
    this.lastRender = Date.now();
    this.renders++;
    const snap = this.source.snapshot();
    const now = this.now();
    const width = (this.screen.width as number) || 80;
    const height = (this.screen.height as number) || 24;
    const views = this.currentList(snap, now);
    if (this.pendingSelect?.view === this.view) {
      const found = views.indexOfName(this.pendingSelect.name);
      if (found >= 0) {
        this.selected[this.view] = views.record(found).uid;
        this.pendingSelect = null;
      }
    }
    const index = this.selectedIndex(views);
    const sel = views.at(index);
    this.selected[this.view] = sel?.uid ?? null;

    this.header.setContent(this.headerText(snap, now, width));
    const small = height < 14;
    const listHeight = small ? Math.max(3, height - 3) : Math.max(5, Math.min(views.length + 3, Math.floor((height - 3) * 0.4)));
    this.list.top = 2;
    this.list.height = listHeight;
    this.detail.top = 2 + listHeight;
    this.detail.height = Math.max(0, height - 3 - listHeight);
    small ? this.detail.hide() : this.detail.show();
    this.list.style.border.fg = this.focus === 'list' ? 'cyan' : 'gray';
    this.detail.style.border.fg = this.focus === 'detail' ? 'cyan' : 'gray';

    // One cell short of the inner width: blessed wraps a line that fills the box exactly.
    const inner = Math.max(1, width - 3);
    const rowsVisible = Math.max(1, listHeight - 3);
    if (index >= 0) {
      if (index < this.listTop) this.listTop = index;
      if (index >= this.listTop + rowsVisible) this.listTop = index - rowsVisible + 1;
    }
    this.listTop = Math.max(0, Math.min(this.listTop, Math.max(0, views.length - rowsVisible)));
    this.list.setLabel(` ${VIEW_TITLES[this.view]} (${views.length})${this.filter ? ` /${this.filter}` : ''} `);
    this.list.setContent(this.listText(snap, views, index, inner, rowsVisible, now).join('\n'));

    const detailLines = sel ? this.detailText(sel, snap, now, inner) : [this.emptyText(snap)];
    const detailRows = Math.max(1, (this.detail.height as number) - 2);
    this.detailScroll = Math.max(0, Math.min(this.detailScroll, detailLines.length - detailRows));
    this.detail.setLabel(sel ? ` ${sel.kind === 'StatefulSet' ? 'sts' : sel.kind === 'Job' ? 'job' : 'cronjob'}/${safe(sel.name)} ` : ' detail ');
    this.detail.setContent(detailLines.slice(this.detailScroll, this.detailScroll + detailRows).join('\n'));

    this.footer.setContent(this.footerText(sel, width));
    this.renderOverlay(width, height);
    this.screen.render();
  }

  private headerText(snap: Snapshot, now: number, width: number): string {
    const c = snap.connection;
    const since = Math.max(0, Math.round((now - c.since) / 1000));
    const conn =
      c.state === 'connected'
        ? '{green-fg}● connected{/green-fg}'
        : c.state === 'reconnecting'
          ? `{red-fg}✗ reconnecting since ${since}s{/red-fg}${c.error ? ` {gray-fg}${safe(c.error)}{/gray-fg}` : ''}`
          : `{yellow-fg}◐ connecting…{/yellow-fg}${c.error ? ` {red-fg}${safe(c.error)}{/red-fg}` : ''}`;
    const forbidden = (Object.keys(snap.status) as KindName[]).filter((k) => snap.status[k].state === 'forbidden');
    const syncing = (Object.keys(snap.status) as KindName[]).filter((k) => snap.status[k].state === 'syncing');
    const ns = this.namespace === null ? 'all namespaces' : this.namespace;
    const line1 = [
      '{bold}kstate{/bold}',
      `{gray-fg}ctx{/gray-fg} ${safe(this.deps.context)}`,
      `{gray-fg}ns{/gray-fg} ${safe(ns)}`,
      conn,
      syncing.length ? `{yellow-fg}syncing ${syncing.join(',')}…{/yellow-fg}` : '',
      forbidden.length ? `{red-fg}forbidden: ${forbidden.join(',')}{/red-fg}` : '',
      this.deps.readOnly ? '{black-fg}{yellow-bg} READ-ONLY {/yellow-bg}{/black-fg}' : '',
      this.lastUpdate ? `{gray-fg}updated ${new Date(this.lastUpdate).toISOString().slice(11, 19)}{/gray-fg}` : '',
    ]
      .filter(Boolean)
      .join('  ');
    const counts: Record<ViewName, number> = { statefulsets: snap.kinds.statefulsets.size, jobs: snap.kinds.jobs.size, cronjobs: snap.kinds.cronjobs.size };
    const tabs = (['statefulsets', 'jobs', 'cronjobs'] as const)
      .map((v, i) => {
        const text = `${i + 1} ${VIEW_TITLES[v]} (${counts[v]})`;
        return v === this.view ? `{inverse} ${text} {/inverse}` : ` ${text} `;
      })
      .join(' ');
    void width;
    return `${line1}\n${tabs}`;
  }

  private columnsAndRow(now: number): { columns: Column[]; row: (v: AnyView) => Cell[] } {
    const all = this.namespace === null;
    if (this.view === 'statefulsets') return { columns: stsColumns(all), row: (v) => stsRow(v as never, now, all) };
    if (this.view === 'jobs') return { columns: jobColumns(all), row: (v) => jobRow(v as never, now, all) };
    return { columns: cjColumns(all), row: (v) => cjRow(v as never, now, all) };
  }

  private listText(snap: Snapshot, views: ViewList, index: number, width: number, rowsVisible: number, now: number): string[] {
    const { columns, row } = this.columnsAndRow(now);
    // Only the visible rows are built; column widths come from them.
    const cells: Cell[][] = [];
    for (let i = this.listTop; i < Math.min(views.length, this.listTop + rowsVisible); i++) cells.push(row(views.at(i)!));
    const widths = layoutColumns(columns, cells, width);
    const lines: string[] = [renderHeader(columns, widths)];
    if (views.length === 0) {
      lines.push(this.emptyText(snap));
      return lines;
    }
    cells.forEach((c, i) => {
      const text = renderRow(columns, widths, c);
      lines.push(this.listTop + i === index ? `{inverse}${text}{/inverse}` : text);
    });
    return lines;
  }

  private emptyText(snap: Snapshot): Safe {
    const kind = VIEW_KIND[this.view];
    const st = snap.status[kind];
    if (st.state === 'syncing') return lit('{yellow-fg}syncing…{/yellow-fg}');
    if (st.state === 'forbidden') return lit(`{red-fg}${safe(st.error ?? 'forbidden')}{/red-fg}`);
    if (st.state === 'error') return lit(`{red-fg}${safe(st.error ?? 'error')} — retrying{/red-fg}`);
    return lit(`{gray-fg}no ${VIEW_TITLES[this.view]} in ${safe(this.namespace ?? 'any namespace')}${this.filter ? ` matching "${safe(this.filter)}"` : ''}{/gray-fg}`);
  }

  private detailText(sel: AnyView, snap: Snapshot, now: number, width: number): Safe[] {
    const events = relatedEvents(snap, sel);
    if (sel.kind === 'StatefulSet') return stsDetail(sel, events, now, width);
    if (sel.kind === 'Job') return jobDetail(sel, events, now, width);
    return cjDetail(sel, events, now, width);
  }

  private footerText(sel: AnyView | undefined, width: number): string {
    if (this.prompt) return `{bold}${safe(this.prompt.label)}{/bold}${safe(this.prompt.text)}{inverse} {/inverse}`;
    if (this.status) return this.status.error ? `{red-fg}${safe(this.status.text)}{/red-fg}` : safe(this.status.text);
    const ctx = this.context(sel);
    const hints = commandsFor(this.view)
      .filter((c) => c.hint)
      .map((c) => {
        const key = c.keys[0] === 'enter' ? '⏎' : c.keys[0]!;
        return disabledReason(c, ctx) ? `{gray-fg}${safe(key)} ${safe(c.label)}{/gray-fg}` : `{cyan-fg}${safe(key)}{/cyan-fg} ${safe(c.label)}`;
      });
    void width;
    return ['{cyan-fg}1-3{/cyan-fg} views', '{cyan-fg}j/k{/cyan-fg} move', ...hints].join('  ');
  }

  private renderOverlay(width: number, height: number): void {
    const o = this.overlay;
    if (!o) {
      this.overlayBox.hide();
      return;
    }
    this.overlayBox.show();
    this.overlayBox.top = 2;
    this.overlayBox.height = Math.max(3, height - 3);
    this.overlayBox.width = width;
    const rows = Math.max(1, (this.overlayBox.height as number) - 2);
    if (o.kind === 'confirm') {
      this.overlayBox.setLabel(` ${safe(o.title)} `);
      this.overlayBox.setContent([...o.lines, lit(''), lit('{bold}y{/bold}: do it    {bold}n{/bold} / Esc: cancel')].join('\n'));
    } else if (o.kind === 'text') {
      if (o.follow) o.scroll = Math.max(0, o.lines.length - rows);
      o.scroll = Math.max(0, Math.min(o.scroll, o.lines.length - rows));
      this.overlayBox.setLabel(` ${safe(o.title)} `);
      this.overlayBox.setContent(o.lines.slice(o.scroll, o.scroll + rows).join('\n'));
    } else {
      const top = Math.max(0, Math.min(o.index - Math.floor(rows / 2), o.items.length - rows));
      this.overlayBox.setLabel(` ${safe(o.title)} `);
      this.overlayBox.setContent(
        o.items
          .slice(top, top + rows)
          .map((item, i) => (top + i === o.index ? `{inverse}${safe(item)}{/inverse}` : safe(item)))
          .join('\n'),
      );
    }
    this.overlayBox.setFront();
  }

  // ——— keys ———

  private onKey(ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg): void {
    if (this.closed) return;
    const name = key.full ?? key.name ?? '';
    // blessed reports Enter as 'enter' and then once more as 'return': act on the first only.
    if (name === 'return') return;
    if (name === 'C-c') return this.quit();
    if (this.prompt) return this.promptKey(ch, name);
    if (this.overlay) return this.overlayKey(name);
    this.status = null;
    const cmd = commandForKey(name, this.view) ?? (ch && ch.length === 1 ? commandForKey(ch, this.view) : undefined);
    if (!cmd) return;
    this.run(cmd);
  }

  /** Runs a command by id (the command table is the only way in). */
  run(cmd: Command): void {
    const sel = this.selectedView();
    const reason = disabledReason(cmd, this.context(sel));
    if (reason) {
      this.setStatus(`${cmd.label}: ${reason}`, true);
      return;
    }
    const views = this.currentList(this.source.snapshot(), this.now());
    const index = this.selectedIndex(views);
    const page = Math.max(1, ((this.focus === 'list' ? this.list.height : this.detail.height) as number) - 3);
    const move = (delta: number) => {
      if (this.focus === 'detail') {
        this.detailScroll = Math.max(0, this.detailScroll + delta);
      } else if (views.length) {
        const next = Math.max(0, Math.min(views.length - 1, index + delta));
        this.selected[this.view] = views.record(next).uid;
        this.detailScroll = 0;
      }
    };
    switch (cmd.id) {
      case 'view.statefulsets':
      case 'view.jobs':
      case 'view.cronjobs':
        this.switchView(cmd.id.slice(5) as ViewName);
        break;
      case 'move.down':
        move(1);
        break;
      case 'move.up':
        move(-1);
        break;
      case 'move.pagedown':
        move(page);
        break;
      case 'move.pageup':
        move(-page);
        break;
      case 'move.top':
        move(-1e9);
        break;
      case 'move.bottom':
        move(1e9);
        break;
      case 'focus.detail':
        this.focus = 'detail';
        break;
      case 'focus.back':
        if (this.focus === 'detail') this.focus = 'list';
        else if (this.filter) this.filter = '';
        break;
      case 'filter':
        this.prompt = { label: '/', text: this.filter, onSubmit: (t) => (this.filter = t.trim()) };
        break;
      case 'command':
        this.prompt = { label: ':', text: '', onSubmit: (t) => this.commandLine(t) };
        break;
      case 'namespace':
        void this.pickNamespace();
        break;
      case 'help':
        this.showHelp();
        break;
      case 'yaml':
        if (sel) void this.showYaml(sel);
        break;
      case 'logs':
        if (sel) this.pickLogs(sel);
        break;
      case 'quit':
        this.quit();
        return;
      case 'actionLog':
        this.showActionLog();
        break;
      default:
        if (cmd.mutates && sel) this.startAction(cmd, sel);
    }
    this.requestRender();
  }

  private context(sel: AnyView | undefined) {
    const base = commandContext(this.view, this.deps.readOnly, sel);
    return {
      ...base,
      suspended: sel && sel.kind !== 'StatefulSet' ? sel.suspended : undefined,
      partition: sel?.kind === 'StatefulSet' ? sel.partition : undefined,
      retainedClaims: sel?.kind === 'StatefulSet' ? sel.retainedClaims : undefined,
      forbidden: (id: string) => this.forbidden(id, sel),
    };
  }

  /** RBAC answer for a command on the selection's namespace; asks the server once, in the background. */
  private forbidden(id: string, sel: AnyView | undefined): string | null {
    const port = this.deps.actions;
    const cmd = COMMANDS.find((c) => c.id === id);
    if (!port || !sel || !cmd || this.deps.readOnly) return null;
    const access = accessFor(cmd, this.view);
    if (!access) return null;
    const key = `${JSON.stringify(access)}@${sel.namespace}`;
    const known = this.rbac.get(key);
    if (known === undefined) {
      this.rbac.set(key, 'pending');
      port.refusal({ ...access, namespace: sel.namespace }).then(
        (r) => {
          this.rbac.set(key, r);
          this.requestRender();
        },
        () => this.rbac.delete(key),
      );
      return null;
    }
    return known === 'pending' ? null : known;
  }

  private logAction(text: string, ok: boolean | null): void {
    this.actionLog.push({ at: this.now(), text, ok });
    if (this.actionLog.length > 500) this.actionLog.shift();
    this.setStatus(text, ok === false);
  }

  /** Sends one action and reports it; the object is found again by identity, not from the screen. */
  private async perform(summary: string, send: () => Promise<unknown>): Promise<unknown> {
    this.logAction(`${summary}…`, null);
    try {
      const result = await send();
      this.logAction(`✓ ${summary}`, true);
      return result;
    } catch (err) {
      this.logAction(`✗ ${summary}: ${err instanceof Error ? err.message : String(err)}`, false);
      return undefined;
    }
  }

  private confirm(title: string, lines: Safe[], onConfirm: () => void): void {
    this.overlay = { kind: 'confirm', title, lines, onConfirm };
    this.requestRender();
  }

  private scaleTo(v: StatefulSetView, target: number): void {
    const port = this.deps.actions!;
    let preview;
    try {
      preview = scalePreview(v, target, [...this.source.snapshot().kinds.hpas.values()]);
    } catch (err) {
      return this.setStatus(err instanceof Error ? err.message : String(err), true);
    }
    const rec = this.source.snapshot().kinds.statefulsets.get(v.uid);
    if (!rec) return this.setStatus(`statefulset ${v.name} is gone`, true);
    const lines: Safe[] = [lit(`{bold}scale sts/${safe(v.name)} ${preview.from} → ${preview.to}{/bold}`), lit('')];
    if (preview.create.length) lines.push(lit(`{green-fg}+ create pods at ordinals ${safe(preview.create.join(', '))}{/green-fg}`));
    if (preview.remove.length) lines.push(lit(`{yellow-fg}- remove pods at ordinals ${safe(preview.remove.join(', '))} (highest first){/yellow-fg}`));
    for (const c of preview.claims) {
      const style = c.action === 'delete' ? 'red-fg' : c.action === 'reattach' ? 'cyan-fg' : c.action === 'retain' ? 'gray-fg' : 'green-fg';
      lines.push(lit(`  claim ${safe(c.name)}: {${style}}${c.action}{/${style}}`));
    }
    for (const w of preview.warnings) lines.push(lit(`{yellow-fg}! ${safe(w)}{/yellow-fg}`));
    this.confirm('scale', lines, () => {
      void this.perform(`scale ${v.name} → ${target}`, () => port.scale(v.namespace, v.name, target, rec.resourceVersion));
    });
  }

  private pick(title: string, items: string[], onPick: (item: string) => void): void {
    if (items.length === 0) return this.setStatus(`${title}: nothing to choose`, true);
    this.overlay = { kind: 'pick', title, items, index: 0, onPick };
    this.requestRender();
  }

  private startAction(cmd: Command, sel: AnyView): void {
    const port = this.deps.actions;
    if (!port) return this.setStatus('actions are not available here', true);
    const ns = sel.namespace;
    if (sel.kind === 'StatefulSet') {
      const v = sel;
      switch (cmd.id) {
        case 'sts.scale':
          this.prompt = {
            label: `scale ${v.name} (now ${v.replicas}) to: `,
            text: '',
            onSubmit: (t) => (/^\d+$/.test(t.trim()) ? this.scaleTo(v, Number(t.trim())) : this.setStatus(`not a number: "${t}"`, true)),
          };
          return;
        case 'sts.scaleUp':
          return this.scaleTo(v, v.replicas + 1);
        case 'sts.scaleDown':
          return this.scaleTo(v, Math.max(0, v.replicas - 1));
        case 'sts.restart':
          return this.confirm('restart', [lit(`Restart every pod of sts/${safe(v.name)}, one ordinal at a time (highest first), as kubectl rollout restart does?`)], () => {
            void this.perform(`restart ${v.name}`, () => port.restart(ns, v.name));
          });
        case 'sts.partition': {
          const rec = this.source.snapshot().kinds.statefulsets.get(v.uid);
          if (!rec) return;
          const next = v.partition - 1;
          return this.confirm('rollout', [lit(`Lower the partition of sts/${safe(v.name)} from ${v.partition} to ${next}: ordinal ${v.ordinalsStart + next} moves to revision ${safe(v.updateRevision)}.`)], () => {
            void this.perform(`partition ${v.name} → ${next}`, () => port.setPartition(ns, v.name, next, rec.resourceVersion));
          });
        }
        case 'sts.deletePod':
          return this.pick(
            'delete which pod?',
            v.rows.filter((r) => r.pod).map((r) => r.pod!.name),
            (pod) =>
              this.confirm('delete pod', [lit(`Delete pod ${safe(pod)}? The StatefulSet recreates it with the same name and the same claim(s).`)], () => {
                void this.perform(`delete pod ${pod}`, () => port.deletePod(ns, pod));
              }),
          );
        case 'sts.deleteClaim': {
          const claims = v.rows.filter((r) => r.retained).flatMap((r) => r.claims.filter((c) => c.phase !== 'Missing'));
          return this.pick('delete which retained claim?', claims.map((c) => c.name), (claim) => {
            const pvc = [...this.source.snapshot().kinds.pvcs.values()].find((p) => p.namespace === ns && p.name === claim);
            if (!pvc) return this.setStatus(`claim ${claim} is gone`, true);
            const inUse = [...this.source.snapshot().kinds.pods.values()].some((p) => p.namespace === ns && p.claimNames.includes(claim));
            if (inUse) return this.setStatus(`claim ${claim} is in use by a pod: not deleted`, true);
            this.prompt = {
              label: `type the claim name to delete it and its data (${claim}): `,
              text: '',
              onSubmit: (typed) => {
                if (typed.trim() !== claim) return this.setStatus('the name did not match: nothing deleted', true);
                void this.perform(`delete claim ${claim}`, () => port.deleteClaim(ns, claim, pvc.uid));
              },
            };
            this.requestRender();
          });
        }
      }
      return;
    }
    const kind = sel.kind === 'Job' ? 'jobs' : 'cronjobs';
    switch (cmd.id) {
      case 'suspend':
      case 'resume': {
        const suspend = cmd.id === 'suspend';
        return this.confirm(cmd.id, [lit(`${suspend ? 'Suspend' : 'Resume'} ${sel.kind === 'Job' ? 'job' : 'cronjob'}/${safe(sel.name)} (spec.suspend: ${suspend})?`)], () => {
          void this.perform(`${cmd.id} ${sel.name}`, () => port.setSuspend(kind, ns, sel.name, suspend));
        });
      }
      case 'cj.trigger': {
        if (sel.kind !== 'CronJob') return;
        const lines = [lit(`Create a Job from cronjob/${safe(sel.name)} now, as kubectl create job --from=cronjob/${safe(sel.name)} does?`)];
        if (sel.concurrencyPolicy === 'Forbid' && sel.active > 0) lines.push(lit(`{yellow-fg}! concurrencyPolicy is Forbid and ${sel.active} run(s) are still active: a manual run starts anyway{/yellow-fg}`));
        return this.confirm('trigger', lines, () => {
          void this.perform(`trigger ${sel.name}`, () => port.trigger(ns, sel.name)).then((job) => {
            if (typeof job === 'string' && job) {
              this.pendingSelect = { view: 'jobs', name: job };
              this.switchView('jobs');
              this.requestRender();
            }
          });
        });
      }
      case 'job.delete':
        return this.confirm('delete job', [lit(`Delete job/${safe(sel.name)} and its pods (propagation Background)?`)], () => {
          void this.perform(`delete job ${sel.name}`, () => port.deleteJob(ns, sel.name));
        });
      case 'job.deletePod':
        if (sel.kind !== 'Job') return;
        return this.pick('delete which pod?', sel.pods.map((p) => p.name), (pod) =>
          this.confirm('delete pod', [lit(`Delete pod ${safe(pod)} of job/${safe(sel.name)}?`)], () => {
            void this.perform(`delete pod ${pod}`, () => port.deletePod(ns, pod));
          }),
        );
    }
  }

  private showActionLog(): void {
    const lines = this.actionLog.length
      ? this.actionLog.map((a) => lit(`${safe(new Date(a.at).toISOString().slice(11, 19))} ${a.ok === false ? `{red-fg}${safe(a.text)}{/red-fg}` : safe(a.text)}`))
      : [lit('{gray-fg}no actions yet{/gray-fg}')];
    this.overlay = { kind: 'text', title: 'action log', lines, scroll: 0, follow: true };
  }

  private switchView(view: ViewName): void {
    if (view === this.view) return;
    this.view = view;
    this.focus = 'list';
    this.detailScroll = 0;
    this.listTop = 0;
  }

  private commandLine(text: string): void {
    const [word, arg] = text.trim().split(/\s+/);
    const views: Record<string, ViewName> = { sts: 'statefulsets', statefulsets: 'statefulsets', statefulset: 'statefulsets', jobs: 'jobs', job: 'jobs', cj: 'cronjobs', cronjobs: 'cronjobs', cronjob: 'cronjobs' };
    if (!word) return;
    if (views[word]) this.switchView(views[word]);
    else if (word === 'q' || word === 'quit') this.quit();
    else if ((word === 'ns' || word === 'namespace') && arg) this.switchNamespace(arg === 'all' || arg === '-A' ? null : arg);
    else if (word === 'ns' || word === 'namespace') void this.pickNamespace();
    else this.setStatus(`unknown command ":${text}" — try :sts :jobs :cj :ns NAME :q`, true);
  }

  private promptKey(ch: string | undefined, name: string): void {
    const p = this.prompt!;
    if (name === 'escape') this.prompt = null;
    else if (name === 'enter') {
      this.prompt = null;
      p.onSubmit(p.text);
    } else if (name === 'backspace') p.text = p.text.slice(0, -1);
    else if (ch && ch.length === 1 && ch >= ' ' && ch !== '\u007f') p.text += ch;
    this.requestRender();
  }

  private overlayKey(name: string): void {
    const o = this.overlay!;
    if (name === 'escape' || name === 'q') {
      this.closeOverlay();
    } else if (o.kind === 'confirm') {
      // Only an explicit y confirms: Enter may still be in flight from the prompt before.
      if (name === 'y') {
        this.overlay = null;
        o.onConfirm();
      } else if (name === 'n') this.overlay = null;
    } else if (o.kind === 'pick') {
      if (name === 'j' || name === 'down') o.index = Math.min(o.items.length - 1, o.index + 1);
      else if (name === 'k' || name === 'up') o.index = Math.max(0, o.index - 1);
      else if (name === 'enter') {
        const item = o.items[o.index];
        this.overlay = null;
        if (item !== undefined) o.onPick(item);
      }
    } else {
      const page = Math.max(1, (this.overlayBox.height as number) - 3);
      const d = name === 'j' || name === 'down' ? 1 : name === 'k' || name === 'up' ? -1 : name === 'pagedown' ? page : name === 'pageup' ? -page : name === 'g' ? -1e9 : name === 'S-g' ? 1e9 : 0;
      if (d) {
        o.scroll = Math.max(0, o.scroll + d);
        o.follow = d > 0 && o.scroll + page >= o.lines.length;
      }
    }
    this.requestRender();
  }

  private closeOverlay(): void {
    if (this.overlay?.kind === 'text') this.overlay.stop?.();
    this.overlay = null;
  }

  private setStatus(text: string, error = false): void {
    this.status = { text, error };
    this.requestRender();
  }

  private quit(): void {
    void this.close().then(() => this.onQuit());
  }

  // ——— overlays ———

  private showHelp(): void {
    const ctx = this.context(this.selectedView());
    const lines = [lit('{bold}Keys{/bold} (from the command table; greyed: not available here, with the reason)'), lit('')];
    for (const c of commandsFor(this.view, COMMANDS)) {
      const reason = disabledReason(c, ctx);
      const keys = c.keys.map((k) => (k === 'S-g' ? 'G' : k)).join(', ');
      lines.push(lit(`${reason ? '{gray-fg}' : '{cyan-fg}'}${safe(keys.padEnd(16))}${reason ? '{/gray-fg}' : '{/cyan-fg}'} ${safe(c.help)}${reason ? ` {gray-fg}(${safe(reason)}){/gray-fg}` : ''}`));
    }
    lines.push(lit(''), lit('{gray-fg}Esc or q closes this help.{/gray-fg}'));
    this.overlay = { kind: 'text', title: 'help', lines, scroll: 0, follow: false };
  }

  private async pickNamespace(): Promise<void> {
    try {
      const names = await this.deps.listNamespaces();
      const items = ['(all namespaces)', ...names];
      const current = this.namespace === null ? 0 : Math.max(0, items.indexOf(this.namespace));
      this.overlay = { kind: 'pick', title: 'namespace', items, index: current, onPick: (item) => this.switchNamespace(item === '(all namespaces)' ? null : item) };
    } catch (err) {
      this.setStatus(`namespaces: ${err instanceof Error ? err.message : String(err)}`, true);
    }
    this.requestRender();
  }

  private switchNamespace(ns: string | null): void {
    if (ns === this.namespace) return;
    const old = this.source;
    old.off('change', this.onChange);
    void old.stop();
    this.namespace = ns;
    this.source = this.deps.openSource(ns);
    this.source.on('change', this.onChange);
    this.selected.statefulsets = this.selected.jobs = this.selected.cronjobs = null;
    this.listTop = 0;
    this.focus = 'list';
    this.setStatus(`namespace: ${ns ?? 'all'}`);
  }

  private async showYaml(sel: AnyView): Promise<void> {
    const kind: KindName = sel.kind === 'StatefulSet' ? 'statefulsets' : sel.kind === 'Job' ? 'jobs' : 'cronjobs';
    try {
      const text = await this.deps.objectYaml(kind, sel.namespace, sel.name);
      this.overlay = { kind: 'text', title: `${kind}/${sel.name} YAML`, lines: text.split('\n').map((l) => safe(l)), scroll: 0, follow: false };
    } catch (err) {
      this.setStatus(`yaml: ${err instanceof Error ? err.message : String(err)}`, true);
    }
    this.requestRender();
  }

  private podsOf(sel: AnyView): PodRef[] {
    const snap = this.source.snapshot();
    const ref = (name: string): PodRef | undefined => {
      const p = byName(snap.kinds.pods).get(nsKey(sel.namespace, name));
      return p ? { namespace: p.namespace, name: p.name, containers: [...p.initContainerNames, ...p.containerNames] } : undefined;
    };
    let names: string[];
    if (sel.kind === 'StatefulSet') names = sel.rows.filter((r) => r.pod).map((r) => r.pod!.name);
    else if (sel.kind === 'Job') names = sel.pods.map((p) => p.name);
    else names = sel.history.flatMap((r) => (byControllerUid(snap.kinds.pods).get(r.uid) ?? []).map((p) => p.name));
    return names.map(ref).filter((p): p is PodRef => p !== undefined);
  }

  private pickLogs(sel: AnyView): void {
    const pods = this.podsOf(sel);
    if (pods.length === 0) return this.setStatus('logs: no pod to show logs of', true);
    const chooseContainer = (pod: PodRef) => {
      const main = pod.containers.slice(-1);
      if (pod.containers.length <= 1) return this.openLogs(pod, main[0] ?? '');
      this.overlay = { kind: 'pick', title: `container of ${pod.name}`, items: [...pod.containers], index: pod.containers.length - 1, onPick: (c) => this.openLogs(pod, c) };
      this.requestRender();
    };
    if (pods.length === 1) return chooseContainer(pods[0]!);
    this.overlay = { kind: 'pick', title: 'logs of which pod?', items: pods.map((p) => p.name), index: 0, onPick: (name) => chooseContainer(pods.find((p) => p.name === name)!) };
  }

  private openLogs(pod: PodRef, container: string): void {
    const overlay: Overlay = { kind: 'text', title: `logs ${pod.name} [${container}] (following)`, lines: [], scroll: 0, follow: true };
    overlay.stop = this.deps.followLogs(
      pod,
      container,
      (line) => {
        overlay.lines.push(safe(line));
        if (overlay.lines.length > MAX_LOG_LINES) overlay.lines.splice(0, overlay.lines.length - MAX_LOG_LINES);
        this.requestRender();
      },
      (err) => {
        overlay.lines.push(err ? lit(`{red-fg}— ${safe(err.message)}{/red-fg}`) : lit('{gray-fg}— end of log{/gray-fg}'));
        overlay.title = `logs ${pod.name} [${container}]`;
        this.requestRender();
      },
    );
    this.overlay = overlay;
    this.requestRender();
  }
}
