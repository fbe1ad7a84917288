// Lists reuse each object's view while its inputs are the same records, and derive it again when
// any of them changes or, for views that show a duration, when the second changes.
import { describe, expect, it } from 'vitest';
import { cronJobViewOf, jobViews, statefulSetViews } from '../../../src/model/views.js';
import type { Snapshot } from '../../../src/model/types.js';
import { ownerOf, rawCronJob, rawJob, rawPod, rawPvc, rawSts, slim, snapshot, T0 } from '../../fixtures/builders.js';

const sts = rawSts('web', { replicas: 2 });
const pod = (n: number, o = {}) => rawPod(`web-${n}`, { owner: ownerOf(sts, 'StatefulSet'), revision: 'web-rev1', ...o });

/** The same snapshot with one pod record replaced, as the store does on a watch event. */
function withPod(snap: Snapshot, raw: ReturnType<typeof rawPod>): Snapshot {
  const pods = new Map(snap.kinds.pods);
  const rec = slim('pods', raw);
  pods.set(rec.uid, rec);
  return { ...snap, version: snap.version + 1, kinds: { ...snap.kinds, pods } };
}

describe('memoized list views', () => {
  it('reuses a StatefulSet view across seconds and snapshots while its records are unchanged', () => {
    const snap = snapshot({ statefulsets: [sts], pods: [pod(0), pod(1)], pvcs: [rawPvc('data-web-0'), rawPvc('data-web-1')] });
    const [a] = statefulSetViews(snap, T0);
    const [b] = statefulSetViews(snap, T0 + 5000);
    expect(b).toBe(a);
    const unrelated = withPod(snap, rawPod('other-0'));
    expect(statefulSetViews(unrelated, T0 + 6000)[0]).toBe(a);
  });

  it('derives the view again when one of its pods changes', () => {
    const snap = snapshot({ statefulsets: [sts], pods: [pod(0), pod(1)], pvcs: [rawPvc('data-web-0'), rawPvc('data-web-1')] });
    const [a] = statefulSetViews(snap, T0);
    const [b] = statefulSetViews(withPod(snap, pod(1, { phase: 'Pending', ready: false })), T0);
    expect(b).not.toBe(a);
    expect(b!.rows[1]!.pod!.ready).toBe(false);
    expect(a!.rows[1]!.pod!.ready).toBe(true);
  });

  it('moves a blocked StatefulSet’s "for Ns" with the clock', () => {
    const snap = snapshot({ statefulsets: [sts], pods: [pod(0, { phase: 'Pending', ready: false, unschedulable: '0/3 nodes are available' })], pvcs: [rawPvc('data-web-0')] });
    const message = (now: number) => statefulSetViews(snap, now)[0]!.findings.find((f) => f.code === 'BlockedOrdinal')!.message;
    const first = message(T0);
    const later = message(T0 + 10_000);
    expect(first).not.toBe(later);
    expect(Number(/for (\d+)s/.exec(later)![1]) - Number(/for (\d+)s/.exec(first)![1])).toBe(10);
  });

  it('keeps a running Job’s duration moving and a finished Job’s view fixed', () => {
    const running = rawJob('run', {}, { startTime: new Date(T0 - 60_000).toISOString(), active: 1 });
    const done = rawJob('done', {}, { startTime: new Date(T0 - 60_000).toISOString(), completionTime: new Date(T0 - 30_000).toISOString(), succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] });
    const snap = snapshot({ jobs: [running, done] });
    const [d1, r1] = jobViews(snap, T0);
    const [d2, r2] = jobViews(snap, T0 + 3000);
    expect(r2!.durationMs! - r1!.durationMs!).toBe(3000);
    expect(d2).toBe(d1);
    expect(d1!.durationMs).toBe(30_000);
  });

  it("reuses a CronJob's view until its next run or the next run it would miss, and a suspended one's for ever", () => {
    // Every 5 minutes; last scheduled at T0 (T0 is on a 5-minute boundary), so nothing is missed yet.
    const cj = rawCronJob('tick', { schedule: '*/5 * * * *' }, { lastScheduleTime: new Date(T0).toISOString() });
    const off = rawCronJob('off', { schedule: '*/5 * * * *', suspend: true });
    const snap = snapshot({ cronjobs: [cj, off] });
    const view = (name: string, now: number) => cronJobViewOf(snap.kinds.cronjobs.get(`uid-${name}`) ?? [...snap.kinds.cronjobs.values()].find((r) => r.name === name)!, snap, now);
    const a = view('tick', T0 + 1000);
    expect(a.nextRuns[0]).toBe(T0 + 300_000);
    expect(a.changesAt).toBe(T0 + 300_000);
    expect(view('tick', T0 + 299_999)).toBe(a);
    const b = view('tick', T0 + 300_000);
    expect(b).not.toBe(a);
    expect(b.nextRuns[0]).toBe(T0 + 600_000);
    // No Job started for T0+5m: 90 s later that run counts as missed, and the view says so then.
    expect(b.changesAt).toBe(T0 + 390_000);
    expect(view('tick', T0 + 389_000).missed).toEqual([]);
    expect(view('tick', T0 + 390_000).missed).toEqual([T0 + 300_000]);
    const o = view('off', T0);
    expect(o.changesAt).toBe(Infinity);
    expect(view('off', T0 + 86_400_000)).toBe(o);
  });

  it('derives the view again when a pod looked for by name is found without its labels', () => {
    const snap = snapshot({ statefulsets: [sts], pods: [pod(0)], pvcs: [rawPvc('data-web-0'), rawPvc('data-web-1')] });
    const looking = { ...snap, version: snap.version + 1, unlabelledPods: new Map() };
    const [a] = statefulSetViews(looking, T0);
    expect(a!.rows[1]!.unseen).toBe('unchecked');
    const found = { ...snap, version: snap.version + 2, unlabelledPods: new Map([['ns/web-1', slim('pods', rawPod('web-1'))]]) };
    const [b] = statefulSetViews(found, T0 + 1000);
    expect(b).not.toBe(a);
    expect(b!.rows[1]!.unseen).toBe('unlabelled');
    expect(b!.blocking).toMatchObject({ ordinal: 1, reason: 'PodUnlabelled' });
  });
});
