// The narrow interfaces between the dashboard's parts: what the controller needs of the app
// (Host), what a key's handler may do (BindingPort), and a row of the bindings table (Entry).
import type { AnyView, ViewName } from '../kinds/types.js';
import type { LogLine, LogStreams, LogTarget } from '../model/logs.js';
import type { HistoryRead } from '../model/revisions.js';
import type { Snapshot } from '../model/types.js';
import type { Fleet } from './fleet.js';
import type { LogView } from './logs.js';
import type { TextOverlay } from './overlays.js';
import type { LogEntry } from './runner.js';
import type { ViewList } from './state.js';
import type { Safe } from './text.js';
import type { ViewState } from './view-state.js';

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
  /** The contexts the dashboard was started with (--context a,b, --all-contexts), each watched on its own. */
  readonly fleet?: Fleet;
  /** Rows a page key moves in the focused pane, and in an open text overlay. */
  pageSize(): number;
  overlayPageSize(): number;
  /** How far the detail pane can scroll, as last drawn. */
  detailMaxScroll?(): number;
  /** The cells a line of a full-screen text overlay has (tables are laid out to it). */
  overlayWidth?(): number;
  listNamespaces(): Promise<string[]>;
  objectYaml(kind: ViewName, namespace: string, name: string): Promise<string>;
  /** One StatefulSet's rollout history, read once (kube/read.ts readHistory in the real program). */
  readHistory?(namespace: string, name: string): Promise<HistoryRead>;
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

/** What a dashboard key may do: the view state, the dialogs and the host's services — not the controller. */
export interface BindingPort {
  readonly state: ViewState;
  readonly host: Host;
  readonly runner: { readonly log: readonly LogEntry[] };
  snapshot(): Snapshot;
  now(): number;
  list(): ViewList;
  move(delta: number): void;
  entries(sel?: AnyView): Entry[];
  fail(text: string): void;
  pick(title: string, items: readonly string[], onPick: (item: string) => void, index?: number): void;
  typeLine(label: string, onSubmit: (text: string) => void, text: string): void;
  showText(title: string, lines: Safe[], follow?: boolean): TextOverlay;
  showLogs(log: LogView): void;
  showFleet(): void;
}

