// All view models of a snapshot, sorted by namespace and name — what lists and `get` show.
import { cronJobView, type CronJobView, type CronJobViewOptions } from './cronjob.js';
import { jobView, type JobView } from './job.js';
import { statefulSetView, type StatefulSetView, type StatefulSetViewOptions } from './statefulset.js';
import type { Meta, Snapshot } from './types.js';

const byNsName = <T extends Meta>(a: T, b: T) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

export function sorted<T extends Meta>(records: ReadonlyMap<string, T>, filter: (r: T) => boolean = () => true): T[] {
  return [...records.values()].filter(filter).sort(byNsName);
}

export function statefulSetViews(snap: Snapshot, now: number, filter?: (r: Meta) => boolean, options?: StatefulSetViewOptions): StatefulSetView[] {
  return sorted(snap.kinds.statefulsets, filter).map((s) => statefulSetView(s, snap, now, options));
}

export function jobViews(snap: Snapshot, now: number, filter?: (r: Meta) => boolean): JobView[] {
  return sorted(snap.kinds.jobs, filter).map((j) => jobView(j, snap, now));
}

export function cronJobViews(snap: Snapshot, now: number, filter?: (r: Meta) => boolean, options?: CronJobViewOptions): CronJobView[] {
  return sorted(snap.kinds.cronjobs, filter).map((c) => cronJobView(c, snap, now, options));
}
