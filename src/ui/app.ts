// The dashboard: the screen, the live source, and the render loop. Keys go to the controller; what
// is drawn comes from the kinds' columns and sections. No Kubernetes rule is decided here.
import blessed from 'blessed';
import type { ViewName } from '../kinds/types.js';
import type { Snapshot } from '../model/types.js';
import type { LogLine, LogStreams, LogTarget } from '../model/logs.js';
import type { HistoryRead } from '../model/revisions.js';
import { Controller, type ActionPort, type Host } from './controller.js';
import type { Fleet } from './fleet.js';
import { Frame } from './frame.js';

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
  readHistory?(namespace: string, name: string): Promise<HistoryRead>;
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
  /** Several contexts (--context a,b, --all-contexts): the dashboard opens on their fleet view. */
  fleet?: Fleet;
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
  private readonly controller: Controller;
  private readonly frame: Frame;
  private source: LiveSource;
  namespace: string | null;
  /** The context everything talks to now. */
  private ctx: ContextDeps;
  private renderTimer: NodeJS.Timeout | null = null;
  /** When the clock-drawn text on screen next changes: the tick builds no frame before then. */
  private redrawAt = 0;
  private lastRender = 0;
  private readonly tick: NodeJS.Timeout;
  private idleWaiters: (() => void)[] = [];
  private lastUpdate: number | null = null;
  readonly now: () => number;
  private readonly onChange = () => {
    this.lastUpdate = this.now();
    this.controller.sourceChanged();
    this.requestRender();
  };
  private readonly onFleetChange = () => {
    if (this.controller.fleetShown()) this.requestRender();
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
    this.frame = new Frame(this.screen, deps.plain);
    this.screen.on('keypress', (ch: string | undefined, key: blessed.Widgets.Events.IKeyEventArg) => {
      if (this.closed) return;
      this.controller.onKey(ch, key.full ?? key.name ?? '');
      // A key is answered at once; only cluster changes wait for the frame-rate limit.
      this.requestRender(true);
    });
    this.screen.on('resize', () => this.requestRender());
    this.source = this.ctx.openSource(this.namespace);
    this.source.on('change', this.onChange);
    if (deps.fleet) {
      deps.fleet.on('change', this.onFleetChange);
      this.controller.showFleet();
    }
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
    this.deps.fleet?.off('change', this.onFleetChange);
    this.frame.clear();
    this.screen.destroy();
    await Promise.all([this.source.stop(), this.deps.fleet?.stop()]);
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

  get fleet(): Fleet | undefined {
    return this.deps.fleet;
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
    return Math.max(1, ((this.controller.state.focus === 'list' ? this.frame.list.height : this.frame.detail.height) as number) - 3);
  }

  overlayPageSize(): number {
    return Math.max(1, (this.frame.overlayBox.height as number) - 3);
  }

  detailMaxScroll(): number {
    return this.frame.detailMaxScroll();
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

  readHistory(namespace: string, name: string): Promise<HistoryRead> {
    return this.ctx.readHistory?.(namespace, name) ?? Promise.resolve({ unknown: 'revisions cannot be read here' });
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
    const info = { context: this.ctx.context, namespace: this.namespace, readOnly: this.deps.readOnly, lastUpdate: this.lastUpdate };
    const { changed, until } = this.frame.build(this.controller, this.source.snapshot(), now, info);
    this.redrawAt = Math.min(until, now + MAX_STILL_MS);
    // A frame that reads as the one on screen is not drawn again.
    if (changed) this.screen.render();
  }

}
