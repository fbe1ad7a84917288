// All view models of a snapshot, sorted by namespace and name — what lists and `get` show.
// Each object's view is reused while the records it is derived from are the same objects (records
// are immutable: a change replaces them) and until the clock alone would make it read differently:
// the same second, the time a CronJob's view names, or for ever for a view of no time.
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
  /** The times between which the clock alone does not change the view ([from, until)). */
  from: number;
  until: number;
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
  /** When the view reads differently by the clock alone: Infinity for a timeless one. */
  until: (v: V) => number,
  clockDrawn = false,
): V {
  const m = cache.get(rec);
  if (m && m.from <= now && now < m.until) {
    if (m.snap === snap && m.options === options) return m.view;
    const deps = depsOf();
    if (m.deps.length === deps.length && m.deps.every((d, i) => d === deps[i])) {
      m.snap = snap;
      m.options = options;
      return m.view;
    }
  }
  const view = build();
  const end = until(view);
  if (end !== Infinity || clockDrawn) clocked.add(view);
  cache.set(rec, { snap, options, deps: depsOf(), from: end === Infinity ? -Infinity : secondOf(now), until: end, view });
  return view;
}

const secondOf = (now: number) => Math.floor(now / 1000) * 1000;
/** The view is timeless when `still`, else it holds for the rest of this second. */
const thisSecond = (still: boolean, now: number) => (still ? Infinity : secondOf(now) + 1000);

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
  // What the pods looked for by name turned out to be (unlabelled, absent, not known yet).
  if (snap.unlabelledPods) for (let i = sts.ordinalsStart; i < sts.ordinalsStart + sts.replicas; i++) deps.push(snap.unlabelledPods.get(nsKey(sts.namespace, `${sts.name}-${i}`)));
  for (const t of sts.claimTemplates) {
    deps.push(t.name);
    for (const e of byOrdinalBase(snap.kinds.pvcs).get(nsKey(sts.namespace, `${t.name}-${sts.name}`)) ?? []) deps.push(e.record);
  }
  return deps;
}

/** One StatefulSet's view, reused while its pods, claims and Service are the same records and as visible as before. */
export function statefulSetViewOf(s: StatefulSetRec, snap: Snapshot, now: number, options?: StatefulSetViewOptions): StatefulSetView {
  const still = (v: StatefulSetView) => v.blocking?.since == null && v.nextAvailableAt === null && v.rows.every((r) => r.pod?.deleting == null && !r.stuck);
  return memoized(stsMemo, s, snap, options, () => statefulSetDeps(s, snap, options), now, () => statefulSetView(s, snap, now, options), (v) => thisSecond(still(v), now));
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
    (v) => thisSecond(v.finished !== null && v.pods.every((p) => p.started === null || p.finished !== null), now),
  );
}

/** One CronJob's view, reused while its Jobs are the same records until the time it names (its next run, a run it would miss). Its ages are drawn from the clock. */
export function cronJobViewOf(c: CronJobRec, snap: Snapshot, now: number, options?: CronJobViewOptions): CronJobView {
  const deps = () => [options?.defaultZone, unknownReason(snap, 'jobs'), ...(byControllerUid(snap.kinds.jobs).get(c.uid) ?? [])];
  return memoized(cronJobMemo, c, snap, options, deps, now, () => cronJobView(c, snap, now, options), (v) => v.changesAt, true);
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
