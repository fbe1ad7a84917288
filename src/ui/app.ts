// The dashboard: the screen, the live source, and the render loop. Keys go to the controller; what
// is drawn comes from the kinds' columns and sections. No Kubernetes rule is decided here.
import blessed from 'blessed';
import { kindOf, kindOfView } from '../kinds/registry.js';
import type { AnyView, ViewName } from '../kinds/types.js';
import { relatedEvents } from '../model/events.js';
import type { Snapshot } from '../model/types.js';
import type { LogLine, LogStreams, LogTarget } from '../model/logs.js';
import { countText, footerText, headerText } from './chrome.js';
import { Controller, type ActionPort, type Host } from './controller.js';
import { detailLines } from './detail.js';
import { listLines } from './list.js';
import { drawOverlay } from './overlays.js';
import { DRAWN, Pictures } from './pictures.js';
import type { ViewList } from './state.js';
import { listTop } from './view-state.js';
import { changesAt, untilChange } from '../present/time.js';
import { lit, safe, type Safe } from './text.js';
import { ScheduleTimeline } from './widgets/timeline.js';

export type { ActionPort } from './controller.js';

export interface LiveSource {
  snapshot(): Snapshot;
  on(event: 'change', listener: () => void): unknown;
  off(event: 'change', listener: () => void): unknown;
  stop(): Promise<void>;
}

/** Everything that talks to one kubeconfig context: made afresh for each (its own credentials). */
export interface ContextDeps {
  actions?: ActionPort;
  context: string;
  server: string;
  namespace: string | null;
  /** A live source for a namespace (null: all); called again when the operator switches namespace. */
  openSource(namespace: string | null): LiveSource;
  listNamespaces(): Promise<string[]>;
  objectYaml(kind: ViewName, namespace: string, name: string): Promise<string>;
  streamLogs(targets: readonly LogTarget[], onLine: (line: LogLine) => void, onEnd: () => void): LogStreams;
}

/** The kubeconfig's contexts, and how to connect to one (rejects with one line when it cannot). */
export interface Contexts {
  names(): string[];
  open(name: string, namespace: string | null): Promise<ContextDeps>;
}

export interface AppDeps extends ContextDeps {
  readOnly: boolean;
  /** The list filter to start with (a name part or label=value). */
  filter?: string;
  contexts?: Contexts;
  /** Writes a saved log (the dashboard: a file). */
  saveText(path: string, text: string): Promise<void>;
  now?: () => number;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Frames per second at most. */
  maxFps?: number;
  /** The terminal type (default: $TERM). */
  terminal?: string;
  /** No colours (NO_COLOR): symbols and words carry every state, and no chart is drawn. */
  plain?: boolean;
}

/** Even when nothing on screen moves with the clock, a frame is built this often. */
const MAX_STILL_MS = 60_000;

// Our colour tags; cluster text cannot make one (its braces are escaped at the boundary).
const COLOR_TAGS = /\{\/?[a-z]+-(fg|bg)\}/g;
// On 8 colours blessed draws grey as black: muted text is drawn in the default colour there.
const GRAY_TAGS = /\{\/?gray-(fg|bg)\}/g;

/**
 * $TERM as blessed can use it. blessed cannot read newer terminfo entries (tmux-256color) and falls
 * back to 8-colour xterm; any "…-256color" terminal gets xterm-256color's description instead.
 */
function terminalName(term: string | undefined): string {
  if (!term || term === 'dumb') return 'xterm-256color';
  return /-256colou?r$/.test(term) ? 'xterm-256color' : term;
}

export class App implements Host {
  readonly screen: blessed.Widgets.Screen;
  private readonly header: blessed.Widgets.BoxElement;
  private readonly list: blessed.Widgets.BoxElement;
  private readonly detail: blessed.Widgets.BoxElement;
  private readonly footer: blessed.Widgets.BoxElement;
  private readonly overlayBox: blessed.Widgets.BoxElement;
  private readonly controller: Controller;
  private readonly pictures: Pictures;
  private readonly timeline = new ScheduleTimeline();
  private readonly plain: boolean;
  private readonly fewColors: boolean;
  private source: LiveSource;
  namespace: string | null;
  /** The context everything talks to now. */
  private ctx: ContextDeps;
  private renderTimer: NodeJS.Timeout | null = null;
  /** What each box shows, so an unchanged frame is not drawn again. */
  private readonly shown = new WeakMap<blessed.Widgets.BoxElement, { content?: string; label?: string }>();
  private layout = '';
  private overlayShown = false;
  /** When the clock-drawn text on screen next changes: the tick builds no frame before then. */
  private redrawAt = 0;
  private lastRender = 0;
  private readonly tick: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];
  private lastUpdate: number | null = null;
  /** How far the detail pane could scroll in the frame last built. */
  private detailMax = 0;
  readonly now: () => number;
  private readonly onChange = () => {
    this.lastUpdate = this.now();
    this.controller.sourceChanged();
    this.requestRender();
  };
  private closed = false;

  constructor(private readonly deps: AppDeps) {
    this.now = deps.now ?? Date.now;
    this.namespace = deps.namespace;
    this.ctx = deps;
    this.controller = new Controller(this, deps.readOnly, deps.actions, deps.filter ?? '');
    this.screen = blessed.screen({
      smartCSR: true,
      fullUnicode: true,
      warnings: false,
      autoPadding: false,
      title: 'kstate',
      terminal: deps.terminal ?? terminalName(process.env.TERM),
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
    const colors = (this.screen.tput as unknown as { colors: number }).colors;
    this.plain = deps.plain ?? (!!process.env.NO_COLOR || colors < 8);
    this.fewColors = colors < 16;
    this.pictures = new Pictures(this.screen);
    this.screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) => {
      if (this.closed) return;
      this.controller.onKey(ch, key.full ?? key.name ?? '');
      // A key is answered at once; only cluster changes wait for the frame-rate limit.
      this.requestRender(true);
    });
    this.screen.on('resize', () => this.requestRender());
    this.source = this.ctx.openSource(this.namespace);
    this.source.on('change', this.onChange);
    // Countdowns and ages move with the clock: a frame is built when the text on screen would change.
    this.tick = setInterval(() => this.clockTick(), 1000);
    this.tick.unref?.();
    this.requestRender();
  }

  // ——— lifecycle ———

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.tick);
    if (this.renderTimer) clearTimeout(this.renderTimer);
    this.controller.closeOverlay();
    this.source.off('change', this.onChange);
    this.pictures.clear();
    this.screen.destroy();
    await this.source.stop();
  }

  /** Resolves once nothing is in flight (requests, access reviews) and no render is pending: tests wait for this instead of sleeping. */
  async whenIdle(): Promise<void> {
    const runner = this.controller.runner;
    for (;;) {
      await runner.idle();
      if (this.renderTimer) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
      else if (runner.busy === 0) return;
    }
  }

  /** The text on screen, one string per row (for tests and the benchmark). */
  screenText(): string[] {
    const lines = (this.screen as unknown as { lines: [string, string][][] }).lines;
    return lines.map((row) => row.map((c) => c[1]).join(''));
  }

  onQuit: () => void = () => {};

  /** What the once-a-second timer does: a frame only when a text on screen reads differently by now. */
  clockTick(): void {
    if (this.now() >= this.redrawAt) this.requestRender();
  }

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
    this.source = this.ctx.openSource(ns);
    this.source.on('change', this.onChange);
    this.controller.state.reset();
    this.controller.setStatus(`namespace: ${ns ?? 'all'}`);
  }

  get context(): string {
    return this.ctx.context;
  }

  listContexts(): string[] {
    return this.deps.contexts?.names() ?? [this.ctx.context];
  }

  /**
   * Everything rebuilt for another context: its own KubeConfig, store and watches, writer and RBAC
   * answers; nothing made for the old one is kept. A context that cannot be loaded leaves the
   * current one in place and says why; one that cannot connect says so in the header.
   */
  switchContext(name: string): void {
    if (name === this.ctx.context) return;
    if (!this.deps.contexts) return this.controller.fail('contexts: only one here');
    this.controller.setStatus(`context ${name}: connecting…`);
    this.deps.contexts.open(name, this.namespace).then(
      (next) => this.useContext(name, next),
      (err: unknown) => this.controller.fail(`context ${name}: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private useContext(name: string, next: ContextDeps): void {
    if (this.closed) return;
    this.controller.closeOverlay();
    const old = this.source;
    old.off('change', this.onChange);
    void old.stop();
    this.ctx = next;
    this.namespace = next.namespace;
    this.controller.useActions(next.actions);
    this.source = next.openSource(this.namespace);
    this.source.on('change', this.onChange);
    this.lastUpdate = null;
    this.controller.state.reset();
    this.controller.setStatus(`context: ${name}`);
  }

  pageSize(): number {
    return Math.max(1, ((this.controller.state.focus === 'list' ? this.list.height : this.detail.height) as number) - 3);
  }

  overlayPageSize(): number {
    return Math.max(1, (this.overlayBox.height as number) - 3);
  }

  overlayWidth(): number {
    // One cell short of the inner width: blessed wraps a line that fills the box exactly.
    return Math.max(20, ((this.screen.width as number) || 80) - 3);
  }

  listNamespaces(): Promise<string[]> {
    return this.ctx.listNamespaces();
  }

  objectYaml(kind: ViewName, namespace: string, name: string): Promise<string> {
    return this.ctx.objectYaml(kind, namespace, name);
  }

  streamLogs(targets: readonly LogTarget[], onLine: (line: LogLine) => void, onEnd: () => void): LogStreams {
    return this.ctx.streamLogs(targets, onLine, onEnd);
  }

  saveText(path: string, text: string): Promise<void> {
    return this.deps.saveText(path, text);
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
    const now = this.now();
    const { value: changed, until } = untilChange(() => this.build(now));
    this.redrawAt = Math.min(until, now + MAX_STILL_MS);
    // A frame that reads as the one on screen is not drawn again.
    if (changed) this.screen.render();
  }

  /** Puts the frame for `now` into the widgets; false when it is the frame they show already. */
  private build(now: number): boolean {
    const c = this.controller;
    const st = c.state;
    const snap = this.source.snapshot();
    const width = (this.screen.width as number) || 80;
    const height = (this.screen.height as number) || 24;
    const kind = kindOf(st.view);
    const views = c.list();
    const index = st.selectedIndex(views);
    const sel = views.at(index);
    let changed = false;

    changed = this.put(this.header, 'content', this.paint(headerText(snap, now, st.view, { context: this.ctx.context, namespace: this.namespace, readOnly: this.deps.readOnly, lastUpdate: this.lastUpdate }))) || changed;
    const small = height < 14;
    const listHeight = small ? Math.max(3, height - 3) : Math.max(5, Math.min(views.length + 3, Math.floor((height - 3) * 0.4)));
    const layout = `${width}x${height} ${listHeight} ${st.focus} ${this.plain}`;
    if (layout !== this.layout) {
      this.layout = layout;
      changed = true;
      this.list.top = 2;
      this.list.height = listHeight;
      this.detail.top = 2 + listHeight;
      this.detail.height = Math.max(0, height - 3 - listHeight);
      small ? this.detail.hide() : this.detail.show();
      this.list.style.border.fg = this.border(st.focus === 'list');
      this.detail.style.border.fg = this.border(st.focus === 'detail');
      this.overlayBox.style.border.fg = this.plain ? 'default' : 'yellow';
    }

    // One cell short of the inner width: blessed wraps a line that fills the box exactly.
    const inner = Math.max(1, width - 3);
    const rowsVisible = Math.max(1, listHeight - 3);
    const top = listTop(st.listTop, index, rowsVisible, views.length);
    const marked = st.marks[st.view].size;
    changed = this.put(this.list, 'label', ` ${kind.title} (${countText(snap, st.view, views.length)})${st.filter ? ` /${safe(st.filter)}` : ''} · sort ${st.sortLabel()}${marked ? ` · ${marked} marked` : ''} `) || changed;
    const lines = listLines(kind, views, top, rowsVisible, index, inner, now, { allNamespaces: this.namespace === null, wide: st.wide, marks: st.marks[st.view] });
    changed = this.put(this.list, 'content', this.paint((views.length ? lines : [lines[0]!, this.emptyText(snap)]).join('\n'))) || changed;

    const showTimeline = !!kind.runs && st.picture !== null;
    // A hidden pane (a small terminal) is neither built nor drawn.
    if (small) this.pictures.clear();
    const [label, content] = small ? [' detail ', ''] : showTimeline ? this.timelinePane(views, st.picture!, now, inner) : this.detailPane(sel, snap, now, inner);
    changed = this.put(this.detail, 'label', label) || changed;
    changed = this.put(this.detail, 'content', this.paint(content)) || changed;
    changed = this.pictures.changed() || changed;

    changed = this.put(this.footer, 'content', this.paint(footerText(c, c.entries(sel)))) || changed;
    // A dialog or the log view is drawn every time it is open, and once more as it closes.
    const overlay = !!(c.overlay || c.promptLine?.dialog);
    drawOverlay(this.overlayBox, c.overlay, c.promptLine, width, height, (text) => this.paint(text));
    if (overlay) changesAt(now + 1000);
    changed = overlay || this.overlayShown || changed;
    this.overlayShown = overlay;
    return changed;
  }

  /** Sets a box's content or label unless it shows that already; tells whether it changed. */
  private put(box: blessed.Widgets.BoxElement, what: 'content' | 'label', text: string): boolean {
    const shown = this.shown.get(box) ?? {};
    if (shown[what] === text) return false;
    shown[what] = text;
    this.shown.set(box, shown);
    if (what === 'content') box.setContent(text);
    else box.setLabel(text);
    return true;
  }

  /** The selection's sections: pictures fixed at the top of the pane, the text under them scrolling. */
  private detailPane(sel: AnyView | undefined, snap: Snapshot, now: number, inner: number): [string, string] {
    const st = this.controller.state;
    const sections = sel ? kindOfView(sel).detail(sel, relatedEvents(snap, kindOfView(sel).parts(sel)), snap, now) : [];
    const picture = this.pictures.draw(sections, this.plain ? null : { top: (this.detail.top as number) + 1, left: 1, width: inner });
    // Beside a chart narrower than the pane: a list section (a CronJob's next runs) in the room left.
    const beside = picture.rows && inner - picture.width >= 30 ? sections.find((s) => s.type === 'lines') : undefined;
    const besideLines = beside ? [...(picture.caption ? [picture.caption, lit('')] : []), ...detailLines([beside], inner - picture.width - 2)] : [];
    const reserved = Array.from({ length: picture.rows }, (_, i) => `${' '.repeat(picture.width + 2)}${besideLines[i] ?? ''}`);
    const drawn = new Set(picture.rows ? [...DRAWN, ...(beside ? [beside.type] : [])] : []);
    const lines = sel ? detailLines(sections, inner, { drawn, unfolded: st.unfolded }) : [this.emptyText(snap)];
    const rows = Math.max(1, (this.detail.height as number) - 2 - picture.rows);
    const scroll = this.detailScroll(lines.length - rows);
    return [sel ? ` ${kindOfView(sel).short}/${safe(sel.name)} ` : ' detail ', [...reserved, ...lines.slice(scroll, scroll + rows)].join('\n')];
  }

  /** The CronJobs' next runs on one time axis, in place of the detail pane. */
  private timelinePane(views: ViewList, span: number, now: number, inner: number): [string, string] {
    const st = this.controller.state;
    this.pictures.clear();
    const lines = this.timeline.lines(views, span, now, inner);
    const visible = Math.max(1, (this.detail.height as number) - 2);
    const scroll = this.detailScroll(lines.length - visible);
    return [' schedule timeline ', lines.slice(scroll, scroll + visible).join('\n')];
  }

  /** Where the detail pane starts, within what it has; the furthest it can go is kept for the next scroll key. */
  private detailScroll(max: number): number {
    this.detailMax = Math.max(0, max);
    return Math.min(this.controller.state.detailScroll, this.detailMax);
  }

  detailMaxScroll(): number {
    return this.detailMax;
  }

  /** The focused pane's border in cyan, the other grey; without colours, the terminal's own. */
  private border(focused: boolean): string {
    return this.plain ? 'default' : focused ? 'cyan' : this.fewColors ? 'white' : 'gray';
  }

  /** NO_COLOR: our colour tags go, the symbols and words stay. */
  private paint(text: string): string {
    return this.plain ? text.replace(COLOR_TAGS, '') : this.fewColors ? text.replace(GRAY_TAGS, '') : text;
  }

  private emptyText(snap: Snapshot): Safe {
    const { view, filter } = this.controller.state;
    const status = snap.status[view];
    if (status.state === 'syncing') return lit('{yellow-fg}syncing…{/yellow-fg}');
    if (status.state === 'forbidden') return lit(`{red-fg}${safe(status.error ?? 'forbidden')}{/red-fg}`);
    if (status.state === 'error') return lit(`{red-fg}${safe(status.error ?? 'error')} — retrying{/red-fg}`);
    return lit(`{gray-fg}no ${kindOf(view).title} in ${safe(this.namespace ?? 'any namespace')}${filter ? ` matching "${safe(filter)}"` : ''}{/gray-fg}`);
  }
}
