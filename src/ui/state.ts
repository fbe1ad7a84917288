// What the dashboard derives from a snapshot for the current view: the filtered, sorted list rows
// (view models) and the selected one. Memoised per snapshot version and second, since ages change.
import type { CommandContext, ViewName } from '../model/commands.js';
import { cronJobViewOf, jobViewOf, sorted, statefulSetViewOf } from '../model/views.js';
import { parseSelector } from '../model/selector.js';
import type { CronJobRec, JobRec, Meta, Snapshot, StatefulSetRec } from '../model/types.js';
import type { CronJobView } from '../model/cronjob.js';
import type { JobView } from '../model/job.js';
import type { StatefulSetView } from '../model/statefulset.js';

export type AnyView = StatefulSetView | JobView | CronJobView;

export const VIEW_TITLES: Record<ViewName, string> = { statefulsets: 'StatefulSets', jobs: 'Jobs', cronjobs: 'CronJobs' };
export const VIEW_KIND = { statefulsets: 'statefulsets', jobs: 'jobs', cronjobs: 'cronjobs' } as const;

/** A filter typed by the operator: "label=value" selects by label, anything else matches names. */
export function filterFn(filter: string): (r: Meta) => boolean {
  const f = filter.trim();
  if (!f) return () => true;
  if (/[=!]/.test(f)) {
    try {
      const sel = parseSelector(f);
      return (r) => sel(r.labels);
    } catch {
      return () => false;
    }
  }
  const needle = f.toLowerCase();
  return (r) => r.name.toLowerCase().includes(needle) || r.namespace.toLowerCase().includes(needle);
}

/**
 * The rows of the current view: records sorted and filtered (cheap, kept per snapshot version), and
 * view models built only for the rows asked for — the visible ones and the selection — so the
 * once-a-second redraw costs what the screen shows, not what the cluster holds.
 */
export interface ViewList {
  readonly length: number;
  record(i: number): Meta;
  at(i: number): AnyView | undefined;
  indexOfUid(uid: string): number;
  indexOfName(name: string): number;
}

export class ViewCache {
  private key = '';
  private records: Meta[] = [];

  list(view: ViewName, snap: Snapshot, now: number, filter: string): ViewList {
    const key = `${view}|${snap.version}|${filter}`;
    if (key !== this.key) {
      this.records = sorted(snap.kinds[VIEW_KIND[view]] as ReadonlyMap<string, Meta>, filterFn(filter));
      this.key = key;
    }
    const records = this.records;
    const build = (r: Meta): AnyView =>
      view === 'statefulsets'
        ? statefulSetViewOf(r as StatefulSetRec, snap, now)
        : view === 'jobs'
          ? jobViewOf(r as JobRec, snap, now)
          : cronJobViewOf(r as CronJobRec, snap, now);
    return {
      length: records.length,
      record: (i) => records[i]!,
      at: (i) => (i >= 0 && i < records.length ? build(records[i]!) : undefined),
      indexOfUid: (uid) => records.findIndex((r) => r.uid === uid),
      indexOfName: (name) => records.findIndex((r) => r.name === name),
    };
  }
}

export function commandContext(view: ViewName, readOnly: boolean, selected: AnyView | undefined): CommandContext {
  const hasPod = !!selected && (selected.kind === 'StatefulSet' ? selected.rows.some((r) => r.pod) : selected.kind === 'Job' ? selected.pods.length > 0 : selected.history.length > 0);
  return { view, readOnly, hasSelection: !!selected, hasPod };
}
