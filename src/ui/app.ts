// The dashboard: the screen, the live source, and the render loop. Keys go to the controller; what
// is drawn comes from the kinds' columns and sections. No Kubernetes rule is decided here.
import blessed from 'blessed';
import { kindOf, kindOfView } from '../kinds/registry.js';
import type { ViewName } from '../kinds/types.js';
import { relatedEvents } from '../model/events.js';
import type { Snapshot } from '../model/types.js';
import { countText, footerText, headerText } from './chrome.js';
import { Controller, type ActionPort, type Host, type PodRef } from './controller.js';
import { detailLines } from './detail.js';
import { listLines } from './list.js';
import { drawOverlay } from './overlays.js';
import { lit, safe, type Safe } from './text.js';

export type { ActionPort, PodRef } from './controller.js';

export interface LiveSource {
  snapshot(): Snapshot;
  on(event: 'change', listener: () => void): unknown;
  off(event: 'change', listener: () => void): unknown;
  stop(): Promise<void>;
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
  objectYaml(kind: ViewName, namespace: string, name: string): Promise<string>;
  followLogs(pod: PodRef, container: string, onLine: (line: string) => void, onEnd: (err: Error | null) => void): () => void;
  now?: () => number;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Frames per second at most. */
  maxFps?: number;
}

export class App implements Host {
  readonly screen: blessed.Widgets.Screen;
  private readonly header: blessed.Widgets.BoxElement;
  private readonly list: blessed.Widgets.BoxElement;
  private readonly detail: blessed.Widgets.BoxElement;
  private readonly footer: blessed.Widgets.BoxElement;
  private readonly overlayBox: blessed.Widgets.BoxElement;
  private readonly controller: Controller;
  private source: LiveSource;
  namespace: string | null;
  private renderTimer: NodeJS.Timeout | null = null;
  private lastRender = 0;
  private readonly tick: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];
  private lastUpdate: number | null = null;
  readonly now: () => number;
  private readonly onChange = () => {
    this.lastUpdate = this.now();
    this.requestRender();
  };
  private closed = false;

  constructor(private readonly deps: AppDeps) {
    this.now = deps.now ?? Date.now;
    this.namespace = deps.namespace;
    this.controller = new Controller(this, deps.readOnly, deps.actions, deps.filter ?? '');
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
    // Lines arrive fitted to the pane; blessed's own wrapping counts a combining mark as a cell and
    // would push a full row onto the next line.
    this.list = blessed.box({ parent: this.screen, top: 2, left: 0, width: '100%', height: 8, tags: true, wrap: false, border: { type: 'line' }, style: { border: { fg: 'cyan' } } });
    this.detail = blessed.box({ parent: this.screen, top: 10, left: 0, width: '100%', height: 10, tags: true, wrap: false, border: { type: 'line' }, style: { border: { fg: 'gray' } } });
    this.footer = blessed.box({ parent: this.screen, bottom: 0, left: 0, width: '100%', height: 1, tags: true });
    this.overlayBox = blessed.box({ parent: this.screen, top: 2, left: 0, width: '100%', height: 10, tags: true, border: { type: 'line' }, style: { border: { fg: 'yellow' } }, hidden: true });
    this.screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) => {
      if (this.closed) return;
      this.controller.onKey(ch, key.full ?? key.name ?? '');
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
    if (this.controller.overlay?.kind === 'text') this.controller.overlay.stop?.();
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

  // ——— Host: what the controller asks of the app ———

  snapshot(): Snapshot {
    return this.source.snapshot();
  }

  quit(): void {
    void this.close().then(() => this.onQuit());
  }

  switchNamespace(ns: string | null): void {
    if (ns === this.namespace) return;
    const old = this.source;
    old.off('change', this.onChange);
    void old.stop();
    this.namespace = ns;
    this.source = this.deps.openSource(ns);
    this.source.on('change', this.onChange);
    this.controller.resetSelection();
    this.controller.setStatus(`namespace: ${ns ?? 'all'}`);
  }

  pageSize(): number {
    return Math.max(1, ((this.controller.focus === 'list' ? this.list.height : this.detail.height) as number) - 3);
  }

  overlayPageSize(): number {
    return Math.max(1, (this.overlayBox.height as number) - 3);
  }

  listNamespaces(): Promise<string[]> {
    return this.deps.listNamespaces();
  }

  objectYaml(kind: ViewName, namespace: string, name: string): Promise<string> {
    return this.deps.objectYaml(kind, namespace, name);
  }

  followLogs(pod: PodRef, container: string, onLine: (line: string) => void, onEnd: (err: Error | null) => void): () => void {
    return this.deps.followLogs(pod, container, onLine, onEnd);
  }

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

  render(): void {
    if (this.closed) return;
    this.lastRender = Date.now();
    const c = this.controller;
    const snap = this.source.snapshot();
    const now = this.now();
    const width = (this.screen.width as number) || 80;
    const height = (this.screen.height as number) || 24;
    const kind = kindOf(c.view);
    const views = c.list();
    const index = c.selectedIndex(views);
    const sel = views.at(index);

    this.header.setContent(headerText(snap, now, c.view, { context: this.deps.context, namespace: this.namespace, readOnly: this.deps.readOnly, lastUpdate: this.lastUpdate }));
    const small = height < 14;
    const listHeight = small ? Math.max(3, height - 3) : Math.max(5, Math.min(views.length + 3, Math.floor((height - 3) * 0.4)));
    this.list.top = 2;
    this.list.height = listHeight;
    this.detail.top = 2 + listHeight;
    this.detail.height = Math.max(0, height - 3 - listHeight);
    small ? this.detail.hide() : this.detail.show();
    this.list.style.border.fg = c.focus === 'list' ? 'cyan' : 'gray';
    this.detail.style.border.fg = c.focus === 'detail' ? 'cyan' : 'gray';

    // One cell short of the inner width: blessed wraps a line that fills the box exactly.
    const inner = Math.max(1, width - 3);
    const rowsVisible = Math.max(1, listHeight - 3);
    if (index >= 0) {
      if (index < c.listTop) c.listTop = index;
      if (index >= c.listTop + rowsVisible) c.listTop = index - rowsVisible + 1;
    }
    c.listTop = Math.max(0, Math.min(c.listTop, Math.max(0, views.length - rowsVisible)));
    this.list.setLabel(` ${kind.title} (${countText(snap, c.view, views.length)})${c.filter ? ` /${c.filter}` : ''} `);
    const lines = listLines(kind, views, c.listTop, rowsVisible, index, inner, now, this.namespace === null);
    this.list.setContent((views.length ? lines : [lines[0]!, this.emptyText(snap)]).join('\n'));

    const detail = sel ? detailLines(kindOfView(sel).detail(sel, relatedEvents(snap, kindOfView(sel).parts(sel)), snap, now), inner) : [this.emptyText(snap)];
    const detailRows = Math.max(1, (this.detail.height as number) - 2);
    c.detailScroll = Math.max(0, Math.min(c.detailScroll, detail.length - detailRows));
    this.detail.setLabel(sel ? ` ${kindOfView(sel).short}/${safe(sel.name)} ` : ' detail ');
    this.detail.setContent(detail.slice(c.detailScroll, c.detailScroll + detailRows).join('\n'));

    this.footer.setContent(footerText(c, c.entries(sel)));
    drawOverlay(this.overlayBox, c.overlay, width, height);
    this.screen.render();
  }

  private emptyText(snap: Snapshot): Safe {
    const c = this.controller;
    const st = snap.status[c.view];
    if (st.state === 'syncing') return lit('{yellow-fg}syncing…{/yellow-fg}');
    if (st.state === 'forbidden') return lit(`{red-fg}${safe(st.error ?? 'forbidden')}{/red-fg}`);
    if (st.state === 'error') return lit(`{red-fg}${safe(st.error ?? 'error')} — retrying{/red-fg}`);
    return lit(`{gray-fg}no ${kindOf(c.view).title} in ${safe(this.namespace ?? 'any namespace')}${c.filter ? ` matching "${safe(c.filter)}"` : ''}{/gray-fg}`);
  }
}
