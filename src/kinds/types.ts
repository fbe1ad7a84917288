// What a workload kind is to the rest of kstate: its names, the kinds it needs listed, its view
// models, its columns (one definition for `kstate get` and the dashboard list), its detail
// sections, and its key bindings with their handlers.
import type { CronJobView, RunChoice } from '../model/cronjob.js';
import type { JobView } from '../model/job.js';
import type { LabelledPod } from '../model/logs.js';
import type { AccessQuestion, ActionRequest } from '../model/requests.js';
import type { StatefulSetView } from '../model/statefulset.js';
import type { EventRec, KindName, Meta, Snapshot } from '../model/types.js';
import type { Cell, Span } from './cells.js';
import type { Section, TableColumn } from './sections.js';
import type { SortKey } from './sorts.js';

export type ViewName = 'statefulsets' | 'jobs' | 'cronjobs';
export type AnyView = StatefulSetView | JobView | CronJobView;

export interface Column<V> extends TableColumn {
  cell(v: V, now: number): Cell;
  /** Only with `-o wide`. */
  wide?: boolean;
}

/** A confirmation: the request it will send, and what the operator reads before saying yes. */
export interface Confirmation {
  title: string;
  lines: readonly (readonly Span[])[];
  request: ActionRequest;
  /** The action log's words for it (default: the request's summary). */
  summary?: string;
  /** Called with the server's answer once the request has been sent. */
  then?: (result: unknown) => void;
}

/** One object of a bulk action: the request for it and what the dialog shows of it. */
export interface Planned {
  request: ActionRequest;
  summary: string;
  /** Its preview under its line in the dialog (a scale's ordinals and claims). */
  lines: readonly (readonly Span[])[];
}

/** What planning a bulk action reads: the dashboard's Ui, or the CLI's one snapshot. */
export interface PlanContext {
  snapshot(): Snapshot;
  now(): number;
}

/** One confirmation for every marked object: what is sent, and what is skipped and why. */
export interface BulkConfirmation {
  title: string;
  /** What the operator reads before the targets (what the action cannot do). */
  notes?: readonly (readonly Span[])[];
  targets: readonly (Planned & { name: string })[];
  /** `refused`: read-only mode or RBAC said no (a failure); otherwise the object's state (e.g. already suspended). */
  skipped: readonly { name: string; reason: string; refused: boolean }[];
}

/** What a binding's handler may do in the dashboard. */
export interface Ui {
  snapshot(): Snapshot;
  now(): number;
  /** Asks for a line of text in a dialog, with `context` (what the answer will do) above it. */
  prompt(label: string, onSubmit: (text: string) => void, context?: readonly (readonly Span[])[]): void;
  pick(title: string, items: readonly string[], onPick: (item: string) => void): void;
  confirm(c: Confirmation): void;
  /** One confirmation for several requests, each asked of read-only mode and RBAC first (as a bulk action's). */
  confirmEach(title: string, notes: readonly (readonly Span[])[], plans: readonly { name: string; plan: Planned | { skip: string } }[]): void;
  /** Sends without a dialog (the handler has had its confirmation, e.g. a typed name). */
  send(request: ActionRequest, summary?: string): void;
  fail(text: string): void;
  /** Shows `name` in `view` once it appears (a Job just created). */
  select(view: ViewName, name: string): void;
}

export interface KindBinding<V> {
  id: string;
  keys: readonly string[];
  /** Short label for the hint bar. */
  label: string;
  /** One line for the help screen. */
  help: string;
  hint?: boolean;
  /** The RBAC question it asks in the selected object's namespace. */
  access(v: V): AccessQuestion;
  disabledReason?(v: V, snap: Snapshot): string | null;
  run(v: V, ui: Ui): void;
  /**
   * With marked objects: the request for one of them, or why it is skipped. `ask` is a question put
   * once for all of them (a scale's target); `input` is the answer.
   */
  bulk?: { ask?: string; plan(v: V, at: PlanContext, input: string): Planned | { skip: string } };
}

export interface WorkloadKind<V extends AnyView = AnyView> {
  view: ViewName;
  kind: V['kind'];
  /** The prefix of "sts/web". */
  short: string;
  title: string;
  aliases: readonly string[];
  /** What listing this kind needs (the kind itself first), and what describing one adds. */
  lists: readonly KindName[];
  describeLists: readonly KindName[];
  viewOf(rec: Meta, snap: Snapshot, now: number): V;
  columns: readonly Column<V>[];
  /** The orders the list offers (the first is the default: namespace and name). */
  sorts: readonly SortKey<V>[];
  detail(v: V, events: readonly EventRec[], snap: Snapshot, now: number): Section[];
  /** What `describe` adds to the detail (a StatefulSet's scale previews), and what it sends in JSON. */
  describeExtra?(v: V, snap: Snapshot): { sections: Section[]; json: Record<string, unknown> };
  /** Event keys of the object and what it is made of. */
  parts(v: V): string[];
  /**
   * The pods whose logs `l` shows, labelled for a merged stream; a CronJob's are those of its last
   * (or last failed) run. A title for the log view, or why there is nothing to show.
   */
  logPods(v: V, snap: Snapshot, run: RunChoice): { title: string; pods: LabelledPod[] } | { problem: string };
  bindings: readonly KindBinding<V>[];
}
