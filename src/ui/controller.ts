// Key routing and the dialogs: every key goes through the bindings table (ui/bindings.ts plus the
// selected kind's actions). An action runs one flow — ask, plan, confirm the planned value, send —
// for the selected object or every marked one; the runner sends and logs.
import type { Span } from '../kinds/cells.js';
import { kindOf } from '../kinds/registry.js';
import type { AnyView, KindAction, ViewName } from '../kinds/types.js';
import type { HistoryRead } from '../model/revisions.js';
import type { Snapshot } from '../model/types.js';
import { ActionFlow, type FlowPort } from './action-flow.js';
import { LIST, NAVIGATION, SESSION, type GlobalBinding } from './bindings.js';
import type { BindingPort, Entry, Host } from './ports.js';
import { FleetOverlay } from './fleet.js';
import { FleetListOverlay, type FleetListPort } from './fleet-list.js';
import type { LogView } from './logs.js';
import { overlayKey, PickOverlay, promptKey, TextOverlay, type Overlay, type Prompt } from './overlays.js';
import { RefusalCache } from './rbac.js';
import { ActionRunner, type ActionPort } from './runner.js';
import type { ViewList } from './state.js';
import type { Safe } from './text.js';
import { ViewState } from './view-state.js';

export type { ActionPort } from './runner.js';
export type { Entry, Host } from './ports.js';

type Lines = readonly (readonly Span[])[];

export class Controller implements FlowPort, BindingPort {
  readonly state: ViewState;
  overlay: Overlay | null = null;
  /** The screen overlay a dialog was opened over (the fleet's list under its confirmation): shown again once the dialog closes. */
  private under: Overlay | null = null;
  promptLine: Prompt | null = null;
  status: { text: string; error: boolean } | null = null;
  readonly runner: ActionRunner;
  private readonly flow: ActionFlow;
  private rbac!: RefusalCache;
  private actions: ActionPort | undefined;

  constructor(
    readonly host: Host,
    readonly readOnly: boolean,
    actions: ActionPort | undefined,
    filter: string,
  ) {
    this.state = new ViewState(filter);
    this.runner = new ActionRunner((context) => (context === undefined ? this.actions : this.host.fleet?.actions(context)), () => host.now(), (text, error) => this.setStatus(text, error));
    this.flow = new ActionFlow(this, this.runner);
    this.useActions(actions);
  }

  /** The writer of the current context, with RBAC answers asked afresh of it (a context switch). */
  useActions(actions: ActionPort | undefined): void {
    this.actions = actions;
    this.rbac = new RefusalCache(actions && !this.readOnly ? (a) => this.runner.track(actions.refusal(a)) : undefined, () => this.host.requestRender());
  }

  snapshot = (): Snapshot => this.host.snapshot();
  readHistory = (v: AnyView): Promise<HistoryRead> => this.host.readHistory?.(v.namespace, v.name) ?? Promise.resolve({ unknown: 'revisions cannot be read here' });
  now = (): number => this.host.now();
  list = (): ViewList => this.state.list(this.snapshot(), this.now());
  selection = (): AnyView | undefined => this.list().at(this.state.selectedIndex(this.list()));
  move = (delta: number): void => this.state.move(this.list(), delta, this.host.pageSize(), this.host.detailMaxScroll?.());

  /** The bindings of the current view, global and the kind's, in the order help and hints show them. */
  entries(sel: AnyView | undefined = this.selection()): Entry[] {
    const global = (b: GlobalBinding): Entry => ({ ...b, hint: b.hint ?? false, disabled: () => b.disabledReason?.(this, sel) ?? null, run: () => b.run(this, sel) });
    const marked = this.state.marks[this.state.view].size > 0;
    const action = (a: KindAction<AnyView>): Entry => ({
      ...a,
      hint: a.hint ?? false,
      disabled: () => {
        if (this.readOnly) return 'read-only mode';
        if (marked) return a.bulk ? null : 'one object at a time: clear the marks first';
        if (!sel) return 'nothing selected';
        const access = a.access(sel);
        return a.disabledReason?.(sel, this.snapshot()) ?? (access ? this.rbac.refusal(access) : null);
      },
      run: () => (marked ? this.flow.startBulk(a, this.markedObjects()) : sel && this.flow.start(a, sel)),
    });
    return [...NAVIGATION.map(global), ...kindOf(this.state.view).actions.map(action), ...SESSION.map(global), ...LIST.map(global)];
  }

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
      if (!r.keep && this.overlay === o) {
        this.overlay = o.place === 'dialog' ? this.under : null;
        this.under = null;
      }
      if (r.prompt) this.promptLine = r.prompt;
      if (r.send) this.flow.send(r.send);
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

  // ——— dialogs and the status line ———

  private markedObjects(): { name: string; v: AnyView }[] {
    const short = kindOf(this.state.view).short;
    return this.state.marked(this.snapshot(), this.now()).map((v) => ({ name: `${short}/${v.name}`, v }));
  }

  open(o: Overlay): void {
    this.under = o.place === 'dialog' && this.overlay?.place === 'screen' ? this.overlay : null;
    this.overlay = o;
    this.host.requestRender();
  }

  prompt(label: string, onSubmit: (text: string) => void, context: Lines = []): void {
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
    this.open(new PickOverlay(title, items, index, onPick));
  }

  showText(title: string, lines: Safe[], follow = false): TextOverlay {
    const overlay = new TextOverlay(title, lines, follow);
    this.open(overlay);
    return overlay;
  }

  showLogs = (log: LogView): void => this.open(log);

  /** The fleet view, over whatever is shown: Enter switches to the selected context, 1-3 list one kind across the fleet. */
  showFleet(): void {
    const fleet = this.host.fleet;
    if (!fleet) return this.fail('fleet: one context here — start with --context a,b or --all-contexts');
    const list = (view: ViewName) => this.open(new FleetListOverlay(fleet, view, this.now, this.acrossContexts));
    this.open(new FleetOverlay(fleet, this.now, () => this.host.context ?? '', (name) => this.host.switchContext?.(name), list));
  }

  /** What a list across the fleet does: its bulk actions across contexts, and Enter into an object's context. */
  private readonly acrossContexts: FleetListPort = {
    act: (a, groups) => (this.readOnly ? this.fail(`${a.label}: read-only mode`) : this.flow.startAcross(a, groups)),
    enter: (context, view, name) => (context !== this.host.context && this.host.switchContext?.(context), this.state.select(view, name)),
  };

  /** Whether the fleet view or a list across it is open (drawn again when any context changes). */
  fleetShown(): boolean {
    return this.overlay instanceof FleetOverlay || this.overlay instanceof FleetListOverlay;
  }

  /** The cluster changed: the open overlay hears of it (a log view lets go of pods that are gone). */
  sourceChanged(): void {
    this.overlay?.sourceChanged?.(this.snapshot());
  }

  /** Closes an open overlay and whatever it streams. */
  closeOverlay(): void {
    this.overlay?.close();
    this.overlay = null;
  }

  /** Shows `name` in `view` once it appears (a Job just created). */
  reveal(view: ViewName, name: string): void {
    this.state.select(view, name);
    this.host.requestRender();
  }

  setStatus(text: string, error = false): void {
    this.status = { text, error };
    this.host.requestRender();
  }

  clearStatus = (): void => ((this.status = null), this.host.requestRender());

  fail(text: string): void {
    this.setStatus(text, true);
  }
}
