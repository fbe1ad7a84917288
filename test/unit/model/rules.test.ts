// The Kubernetes rules the dashboard's actions rely on, from fixtures: which claims are in use,
// which ordinal a partition step releases, which pods belong to a CronJob, what an object is made of.
import { describe, expect, it } from 'vitest';
import { cronJobParts, cronJobPods } from '../../../src/model/cronjob.js';
import { jobParts } from '../../../src/model/job.js';
import { claimInUse } from '../../../src/model/pods.js';
import { ordinalReleasedByPartitionStep } from '../../../src/model/rollout.js';
import { retainedClaims, statefulSetParts } from '../../../src/model/statefulset.js';
import { cronJobViews, jobViews, statefulSetViews } from '../../../src/model/views.js';
import { iso, ownerOf, rawCronJob, rawJob, rawPod, rawPvc, rawSts, snapshot, T0 } from '../../fixtures/builders.js';

describe('claims in use', () => {
  it('is in use while a pod of its namespace mounts it, and only then', () => {
    const snap = snapshot({ pods: [rawPod('web-0', { claims: ['data-web-0'] })] });
    expect(claimInUse(snap.kinds.pods, 'ns', 'data-web-0')).toBe(true);
    expect(claimInUse(snap.kinds.pods, 'ns', 'data-web-1')).toBe(false);
    expect(claimInUse(snap.kinds.pods, 'other', 'data-web-0')).toBe(false);
  });
});

describe('StatefulSet rules', () => {
  it('releases the ordinal just below the partition, counted from ordinals.start', () => {
    const snap = snapshot({ statefulsets: [rawSts('a', { replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } }), rawSts('b', { replicas: 4, ordinals: { start: 10 }, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 3 } } })] });
    const [a, b] = statefulSetViews(snap, T0);
    expect(ordinalReleasedByPartitionStep(a!)).toBe(1);
    expect(ordinalReleasedByPartitionStep(b!)).toBe(12);
  });

  it('lists retained claims that exist, and the parts of a StatefulSet for its events', () => {
    const sts = rawSts('web', { replicas: 1 });
    const snap = snapshot({ statefulsets: [sts], pods: [rawPod('web-0', { owner: ownerOf(sts, 'StatefulSet') })], pvcs: [rawPvc('data-web-0'), rawPvc('data-web-2')] });
    const [v] = statefulSetViews(snap, T0);
    expect(retainedClaims(v!).map((c) => c.name)).toEqual(['data-web-2']);
    expect(statefulSetParts(v!)).toEqual(['StatefulSet/ns/web', 'Pod/ns/web-0', 'PersistentVolumeClaim/ns/data-web-0', 'PersistentVolumeClaim/ns/data-web-2']);
  });
});

describe('CronJob and Job rules', () => {
  it("finds a CronJob's pods through the Jobs it controls, and nobody else's", () => {
    const cj = rawCronJob('nightly');
    const run = rawJob('nightly-1', {}, {}, { ownerReferences: [{ apiVersion: 'batch/v1', ...ownerOf(cj, 'CronJob'), controller: true }] });
    const stranger = rawJob('other-1');
    const snap = snapshot({ cronjobs: [cj], jobs: [run, stranger], pods: [rawPod('nightly-1-abc', { owner: ownerOf(run, 'Job') }), rawPod('other-1-xyz', { owner: ownerOf(stranger, 'Job') })] });
    const [v] = cronJobViews(snap, T0);
    expect(cronJobPods(v!, snap).map((p) => p.name)).toEqual(['nightly-1-abc']);
    expect(cronJobParts(v!)).toEqual(['CronJob/ns/nightly', 'Job/ns/nightly-1']);
    const job = jobViews(snap, T0).find((j) => j.name === 'nightly-1')!;
    expect(jobParts(job)).toEqual(['Job/ns/nightly-1', 'Pod/ns/nightly-1-abc']);
  });

  it('runs @every from status.lastScheduleTime, else from metadata.creationTimestamp (not the epoch)', () => {
    const MIN = 60_000;
    // Last run 2h57s ago: the next is due in 57s, so not yet late; epoch-anchored, 10:00 would look missed.
    const ran = rawCronJob('ran', { schedule: '@every 2h' }, { lastScheduleTime: iso(T0 - 120 * MIN - 57_000) });
    const fresh = rawCronJob('fresh', { schedule: '@every 1h' }, {}, { creationTimestamp: iso(T0 - 90 * MIN + 7000) });
    const views = cronJobViews(snapshot({ cronjobs: [ran, fresh] }), T0);
    const view = (name: string) => views.find((v) => v.name === name)!;
    expect(view('ran').nextRuns.slice(0, 2)).toEqual([T0 + 120 * MIN - 57_000, T0 + 240 * MIN - 57_000]);
    expect(view('ran').missed).toEqual([]);
    expect(view('fresh').nextRuns[0]).toBe(T0 + 30 * MIN + 7000);
    expect(view('fresh').missed).toEqual([T0 - 30 * MIN + 7000]);
  });
});
