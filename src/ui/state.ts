// What the dashboard derives from a snapshot for the current view: the filtered, sorted list rows
// (view models) and the selected one. Memoised per snapshot version and second, since ages change.
import type { CommandContext, ViewName } from '../model/commands.js';
import { cronJobViews, jobViews, statefulSetViews } from '../model/views.js';
import { parseSelector } from '../model/selector.js';
import type { Meta, Snapshot } from '../model/types.js';
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

export class ViewCache {
  private key = '';
  private views: AnyView[] = [];

  list(view: ViewName, snap: Snapshot, now: number, filter: string): AnyView[] {
    const key = `${view}|${snap.version}|${Math.floor(now / 1000)}|${filter}`;
    if (key !== this.key) {
      const f = filterFn(filter);
      this.views = view === 'statefulsets' ? statefulSetViews(snap, now, f) : view === 'jobs' ? jobViews(snap, now, f) : cronJobViews(snap, now, f);
      this.key = key;
    }
    return this.views;
  }
}

export function commandContext(view: ViewName, readOnly: boolean, selected: AnyView | undefined): CommandContext {
  const hasPod = !!selected && (selected.kind === 'StatefulSet' ? selected.rows.some((r) => r.pod) : selected.kind === 'Job' ? selected.pods.length > 0 : selected.history.length > 0);
  return { view, readOnly, hasSelection: !!selected, hasPod };
}
