// The dashboard: lays out the widgets, routes keys through the command table, and draws view
// models from the live snapshot. It computes no Kubernetes semantics itself.
import blessed from 'blessed';
import { COMMANDS, commandForKey, commandsFor, disabledReason, type Command, type ViewName } from '../model/commands.js';
import { relatedEvents } from '../model/events.js';
import { byControllerUid } from '../model/lookup.js';
import type { KindName, Snapshot } from '../model/types.js';
import { commandContext, VIEW_KIND, VIEW_TITLES, ViewCache, type AnyView } from './state.js';
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

export interface AppDeps {
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
    this.screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) => this.onKey(ch, key));
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

  requestRender(): void {
    if (this.closed || this.renderTimer) return;
    const minGap = 1000 / (this.deps.maxFps ?? 20);
    const wait = Math.max(0, this.lastRender + minGap - Date.now());
    this.renderTimer = setTimeout(() => {
      this.renderTimer = null;
      this.render();
      const waiters = this.idleWaiters.splice(0);
      for (const w of waiters) w();
    }, wait);
  }

  private currentList(snap: Snapshot, now: number): AnyView[] {
    return this.cache.list(this.view, snap, now, this.filter);
  }

  private selectedIndex(views: readonly AnyView[]): number {
    const uid = this.selected[this.view];
    const i = uid === null ? -1 : views.findIndex((v) => v.uid === uid);
    return i >= 0 ? i : views.length > 0 ? 0 : -1;
  }

  private selectedView(): AnyView | undefined {
    const views = this.currentList(this.source.snapshot(), this.now());
    return views[this.selectedIndex(views)];
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
    const index = this.selectedIndex(views);
    const sel = views[index];
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

  private listText(snap: Snapshot, views: readonly AnyView[], index: number, width: number, rowsVisible: number, now: number): string[] {
    const { columns, row } = this.columnsAndRow(now);
    // Only the visible rows are built; column widths come from them.
    const visible = views.slice(this.listTop, this.listTop + rowsVisible);
    const cells = visible.map(row);
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
    const ctx = commandContext(this.view, this.deps.readOnly, sel);
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
    if (o.kind === 'text') {
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
    const reason = disabledReason(cmd, commandContext(this.view, this.deps.readOnly, sel));
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
        this.selected[this.view] = views[next]!.uid;
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
    }
    this.requestRender();
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
    else if (name === 'enter' || name === 'return') {
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
    } else if (o.kind === 'pick') {
      if (name === 'j' || name === 'down') o.index = Math.min(o.items.length - 1, o.index + 1);
      else if (name === 'k' || name === 'up') o.index = Math.max(0, o.index - 1);
      else if (name === 'enter' || name === 'return') {
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
    const ctx = commandContext(this.view, this.deps.readOnly, this.selectedView());
    const lines = [lit('{bold}Keys{/bold} (from the command table)'), lit('')];
    for (const c of COMMANDS) {
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
    const pods = [...snap.kinds.pods.values()];
    const ref = (name: string): PodRef | undefined => {
      const p = pods.find((x) => x.namespace === sel.namespace && x.name === name);
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
