// What a workload kind is to the rest of kstate: its names, the kinds it needs listed, its view
// models, its columns (one definition for `kstate get` and the dashboard list), its detail
// sections, and its actions (key, marked objects and CLI subcommand from one definition).
import type { CronJobView, RunChoice } from '../model/cronjob.js';
import type { JobView } from '../model/job.js';
import type { LabelledPod } from '../model/logs.js';
import type { AccessQuestion, ActionRequest } from '../model/requests.js';
import type { HistoryRead } from '../model/revisions.js';
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

type Lines = readonly (readonly Span[])[];

/** One request of a plan, and what the dialog shows of it. */
export interface Target {
  /** The object it acts on ("cronjob/nightly", "pvc/data-web-0"). */
  name: string;
  request: ActionRequest;
  /** Its line in a list of targets, and the log's words for it when it is one of several. */
  summary: string;
  /** Its preview under that line (a scale's ordinals and claims). */
  lines: Lines;
  /** The context whose own credentials send it, in a plan across contexts (else the current one). */
  context?: string;
}

/** Why an object is left out: `refused` when read-only mode or RBAC said no (a failure), else its state. */
export interface Skipped {
  name: string;
  reason: string;
  refused: boolean;
  context?: string;
}

/**
 * Everything an action will do, planned before anything is sent: the requests, what the operator
 * reads before saying yes, and whether a name must be typed. The confirmation holds this value and
 * `y` sends exactly its targets — the same for a key, for marked objects and for the CLI.
 */
export interface ActionPlan {
  title: string;
  /** The action log's words for it (a list plan logs each target's summary instead). */
  summary: string;
  /** What the operator reads first (the question; what the action cannot do). */
  lines: Lines;
  targets: readonly Target[];
  skipped: readonly Skipped[];
  /** Several objects: the dialog lists every target and skipped one. */
  list?: boolean;
  /** Data goes: this name is typed instead of y; `alone` is why it is left out among marked objects. */
  typed?: { label: string; name: string; alone: string };
  /** Once sent, show the object the server made (its name from the answer) in this view. */
  reveal?: ViewName;
}

/** What planning reads: the dashboard's state, or the CLI's one snapshot. */
export interface PlanContext {
  snapshot(): Snapshot;
  now(): number;
  /** The object's rollout history, read from the server just before planning an action that `reads` it. */
  history?: HistoryRead;
}

/** A question an action asks before it can plan: a line typed, or one of a list. `answers` are the earlier ones. */
export type Ask<V> =
  | {
      kind: 'text';
      label(v: V, answers: readonly string[]): string;
      context?(v: V, at: PlanContext, answers: readonly string[]): Lines;
      /** In the CLI this answer comes from a flag (e.g. --time-zone), not from a word after the name; '' when absent. */
      flag?: 'timeZone';
    }
  | {
      kind: 'pick';
      title: string;
      items(v: V, at: PlanContext): readonly string[];
      /** One item is taken without asking. */
      auto?: boolean;
      /** In the CLI this answer comes from a flag (e.g. --to-revision); '' when absent. */
      flag?: 'toRevision';
    };

/**
 * One action, defined once for its key, for the marked objects and for its `kstate` subcommand.
 * `plan` gets the answers to `ask` (in the CLI, the words after the object's name).
 */
export interface KindAction<V> {
  id: string;
  keys: readonly string[];
  /** Short label for the hint bar. */
  label: string;
  /** One line for the help screen. */
  help: string;
  hint?: boolean;
  /** The `kstate` subcommand (`scale`, `delete`…) and its usage line. */
  cli?: { command: string; usage: string };
  /**
   * The RBAC question asked of the selected object before anything is typed (its name included: a
   * Role may grant it by resourceNames), or null when the object is chosen in the action (a pod).
   */
  access(v: V): AccessQuestion | null;
  disabledReason?(v: V, snap: Snapshot): string | null;
  /** The object is already as the action would leave it: not an error in the CLI ("nothing to do"). */
  done?(v: V): string | null;
  ask?: readonly Ask<V>[];
  /** What planning needs read from the server first, beyond the snapshot (PlanContext.history). */
  reads?: 'history';
  plan(v: V, at: PlanContext, answers: readonly string[]): ActionPlan | { skip: string };
  /** It applies to marked objects, with one question asked once for all (a scale's target). */
  bulk?: { ask?: string };
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
  /** Its pods' logs are always merged, each line labelled (a StatefulSet's ordinals): no pod to pick. */
  logsMerged?: boolean;
  /** It runs on a schedule (a CronJob): a failed run's logs, the timeline of next runs; why its runs are not known. */
  runs?: { hidden(v: V): string | undefined };
  actions: readonly KindAction<V>[];
}
