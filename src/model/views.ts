// All view models of a snapshot, sorted by namespace and name — what lists and `get` show.
// Each object's view is reused while the records it is derived from are the same objects (records
// are immutable: a change replaces them) and, unless the view is timeless, within the same second.
import { cronJobView, type CronJobView, type CronJobViewOptions } from './cronjob.js';
import { jobView, type JobView } from './job.js';
import { byControllerUid, byName, byOrdinalBase, nsKey } from './lookup.js';
import { DEFAULT_CLUSTER_DOMAIN, DEFAULT_GRACE_MS, statefulSetView, type StatefulSetView, type StatefulSetViewOptions } from './statefulset.js';
import type { CronJobRec, JobRec, Meta, Snapshot, StatefulSetRec } from './types.js';
import { unknownReason } from './visibility.js';

const byNsName = <T extends Meta>(a: T, b: T) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const sortedCache = new WeakMap<ReadonlyMap<string, unknown>, unknown[]>();

export function sorted<T extends Meta>(records: ReadonlyMap<string, T>, filter?: (r: T) => boolean): T[] {
  let all = sortedCache.get(records) as T[] | undefined;
  if (!all) {
    all = [...records.values()].sort(byNsName);
    sortedCache.set(records, all);
  }
  return filter ? all.filter(filter) : all;
}

interface Memo<V> {
  /** The snapshot and options the deps were last read with: with both the same they cannot have changed. */
  snap: Snapshot;
  options: object | undefined;
  deps: readonly unknown[];
  /** The second the view was derived in, or null when it does not depend on the time. */
  second: number | null;
  view: V;
}

/** Views derived from the time as well as their records: they may read differently next second. */
const clocked = new WeakSet<object>();

/** Whether a view of ours can change with the clock alone (not only when its records do). */
export const dependsOnClock = (view: object): boolean => clocked.has(view);

function memoized<R extends object, V extends object>(
  cache: WeakMap<R, Memo<V>>,
  rec: R,
  snap: Snapshot,
  options: object | undefined,
  depsOf: () => readonly unknown[],
  now: number,
  build: () => V,
  timeless: (v: V) => boolean,
): V {
  const second = Math.floor(now / 1000);
  const m = cache.get(rec);
  if (m && (m.second === null || m.second === second)) {
    if (m.snap === snap && m.options === options) return m.view;
    const deps = depsOf();
    if (m.deps.length === deps.length && m.deps.every((d, i) => d === deps[i])) {
      m.snap = snap;
      m.options = options;
      return m.view;
    }
  }
  const view = build();
  const still = timeless(view);
  if (!still) clocked.add(view);
  cache.set(rec, { snap, options, deps: depsOf(), second: still ? null : second, view });
  return view;
}

const stsMemo = new WeakMap<StatefulSetRec, Memo<StatefulSetView>>();
const jobMemo = new WeakMap<JobRec, Memo<JobView>>();
const cronJobMemo = new WeakMap<CronJobRec, Memo<CronJobView>>();

function statefulSetDeps(sts: StatefulSetRec, snap: Snapshot, options: StatefulSetViewOptions | undefined): unknown[] {
  const deps: unknown[] = [
    // The defaults spelled out: a caller that passes them and one that leaves them out share a view.
    options?.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
    options?.graceMs ?? DEFAULT_GRACE_MS,
    unknownReason(snap, 'pods'),
    unknownReason(snap, 'pvcs'),
    unknownReason(snap, 'services'),
    unknownReason(snap, 'nodes'),
    byName(snap.kinds.services).get(nsKey(sts.namespace, sts.serviceName)),
  ];
  const nodes = byName(snap.kinds.nodes);
  for (const e of byOrdinalBase(snap.kinds.pods).get(nsKey(sts.namespace, sts.name)) ?? []) deps.push(e.record, nodes.get(nsKey('', e.record.nodeName)));
  for (const t of sts.claimTemplates) {
    deps.push(t.name);
    for (const e of byOrdinalBase(snap.kinds.pvcs).get(nsKey(sts.namespace, `${t.name}-${sts.name}`)) ?? []) deps.push(e.record);
  }
  return deps;
}

/** One StatefulSet's view, reused while its pods, claims and Service are the same records and as visible as before. */
export function statefulSetViewOf(s: StatefulSetRec, snap: Snapshot, now: number, options?: StatefulSetViewOptions): StatefulSetView {
  return memoized(stsMemo, s, snap, options, () => statefulSetDeps(s, snap, options), now, () => statefulSetView(s, snap, now, options), (v) => v.blocking?.since == null && v.nextAvailableAt === null && v.rows.every((r) => r.pod?.deleting == null && !r.stuck));
}

/** One Job's view, reused while its pods are the same records and as visible as before. */
export function jobViewOf(j: JobRec, snap: Snapshot, now: number): JobView {
  return memoized(
    jobMemo,
    j,
    snap,
    undefined,
    () => [unknownReason(snap, 'pods'), ...(byControllerUid(snap.kinds.pods).get(j.uid) ?? [])],
    now,
    () => jobView(j, snap, now),
    (v) => v.finished !== null && v.pods.every((p) => p.started === null || p.finished !== null),
  );
}

/** One CronJob's view, reused within the second while its Jobs are the same records. */
export function cronJobViewOf(c: CronJobRec, snap: Snapshot, now: number, options?: CronJobViewOptions): CronJobView {
  const deps = () => [options?.defaultZone, unknownReason(snap, 'jobs'), ...(byControllerUid(snap.kinds.jobs).get(c.uid) ?? [])];
  return memoized(cronJobMemo, c, snap, options, deps, now, () => cronJobView(c, snap, now, options), () => false);
}

/** The views one at a time, derived as they are reached: a caller can yield to I/O between them. */
export function* eachStatefulSetView(snap: Snapshot, now: number, filter?: (r: Meta) => boolean, options?: StatefulSetViewOptions): Generator<StatefulSetView> {
  for (const s of sorted(snap.kinds.statefulsets, filter)) yield statefulSetViewOf(s, snap, now, options);
}

export function* eachJobView(snap: Snapshot, now: number, filter?: (r: Meta) => boolean): Generator<JobView> {
  for (const j of sorted(snap.kinds.jobs, filter)) yield jobViewOf(j, snap, now);
}

export function* eachCronJobView(snap: Snapshot, now: number, filter?: (r: Meta) => boolean, options?: CronJobViewOptions): Generator<CronJobView> {
  for (const c of sorted(snap.kinds.cronjobs, filter)) yield cronJobViewOf(c, snap, now, options);
}

export const statefulSetViews = (snap: Snapshot, now: number, filter?: (r: Meta) => boolean, options?: StatefulSetViewOptions): StatefulSetView[] => [...eachStatefulSetView(snap, now, filter, options)];

export const jobViews = (snap: Snapshot, now: number, filter?: (r: Meta) => boolean): JobView[] => [...eachJobView(snap, now, filter)];

export const cronJobViews = (snap: Snapshot, now: number, filter?: (r: Meta) => boolean, options?: CronJobViewOptions): CronJobView[] => [...eachCronJobView(snap, now, filter, options)];
