import { describe, expect, it } from 'vitest';
import { scalePreview } from '../../../src/model/scale.js';
import { partitionPreview, rolloutWaves } from '../../../src/model/rollout.js';
import { statefulSetView } from '../../../src/model/statefulset.js';
import { ownerOf, rawPod, rawPvc, rawService, rawSts, slim, snapshot, T0, type PodOpts, type RawByKind } from '../../fixtures/builders.js';

type World = { sts?: Record<string, any>; stsStatus?: Record<string, any>; pods?: Record<number, PodOpts | null>; pvcs?: Record<string, string>; service?: 'headless' | 'clusterip' | 'none'; extra?: RawByKind };

/** A StatefulSet "web" with pods per ordinal (null: no pod) and claims by name → phase. */
function world(w: World = {}) {
  const sts = rawSts('web', w.sts, w.stsStatus);
  const start = w.sts?.ordinals?.start ?? 0;
  const replicas = w.sts?.replicas ?? 3;
  const podOpts = w.pods ?? Object.fromEntries(Array.from({ length: replicas }, (_, i) => [start + i, {}]));
  const pods = Object.entries(podOpts)
    .flatMap(([n, o]) => (o === null ? [] : [rawPod(`web-${n}`, { owner: ownerOf(sts, 'StatefulSet'), revision: 'web-rev1', ...o })]));
  const pvcPhases = w.pvcs ?? Object.fromEntries(Object.keys(podOpts).map((n) => [`data-web-${n}`, 'Bound']));
  const pvcs = Object.entries(pvcPhases).map(([name, phase]) => rawPvc(name, phase));
  const services = w.service === 'none' ? [] : [rawService('web', w.service !== 'clusterip')];
  const snap = snapshot({ statefulsets: [sts], pods, pvcs, services, ...w.extra });
  return statefulSetView(slim('statefulsets', sts), snap, T0);
}

describe('statefulSetView', () => {
  it('says a pod the labelled watch does not hold is unlabelled, unknown or missing, as the look by name found', () => {
    const sts = rawSts('web', { replicas: 2 });
    const pods = [rawPod('web-0', { owner: ownerOf(sts, 'StatefulSet'), revision: 'web-rev1' })];
    const base = snapshot({ statefulsets: [sts], pods, pvcs: [rawPvc('data-web-0', 'Bound'), rawPvc('data-web-1', 'Bound')], services: [rawService('web', true)] });
    const view = (looked?: Map<string, any>) => statefulSetView(slim('statefulsets', sts), looked ? { ...base, unlabelledPods: looked } : base, T0);
    const stripped = slim('pods', rawPod('web-1', {}));
    expect(view().rows[1]!.unseen).toBeNull();
    expect(view(new Map()).rows[1]!.unseen).toBe('unchecked');
    expect(view(new Map()).blocking).toMatchObject({ ordinal: 1, reason: 'PodMissing', detail: 'pod web-1 not seen (looking for it by name)' });
    expect(view(new Map([['ns/web-1', null]])).blocking).toMatchObject({ reason: 'PodMissing', detail: 'pod web-1 does not exist yet' });
    const unlabelled = view(new Map([['ns/web-1', stripped]]));
    expect(unlabelled.rows[1]).toMatchObject({ pod: null, unseen: 'unlabelled' });
    expect(unlabelled.blocking).toMatchObject({ ordinal: 1, reason: 'PodUnlabelled' });
    expect(unlabelled.status).toBe('Blocked');
  });

  it('shows one row per ordinal with its pod, DNS name and Bound claim', () => {
    const v = world();
    expect(v.rows.map((r) => r.ordinal)).toEqual([0, 1, 2]);
    expect(v.rows.map((r) => r.pod?.name)).toEqual(['web-0', 'web-1', 'web-2']);
    expect(v.rows[1]!.dns).toBe('web-1.web.ns.svc.cluster.local');
    expect(v.rows[2]!.claims).toMatchObject([{ template: 'data', name: 'data-web-2', phase: 'Bound', capacity: '1Gi' }]);
    expect(v.status).toBe('Ready');
    expect(v.blocking).toBeNull();
    expect(v.findings).toEqual([]);
  });

  it('numbers ordinals from spec.ordinals.start', () => {
    const v = world({ sts: { replicas: 2, ordinals: { start: 5 } } });
    expect(v.rows.map((r) => [r.ordinal, r.podName, r.inRange])).toEqual([
      [5, 'web-5', true],
      [6, 'web-6', true],
    ]);
  });

  it('shows claims retained after a scale-down as their own rows, with a finding', () => {
    const v = world({ sts: { replicas: 2 }, stsStatus: { replicas: 2, readyReplicas: 2 }, pods: { 0: {}, 1: {} }, pvcs: { 'data-web-0': 'Bound', 'data-web-1': 'Bound', 'data-web-2': 'Bound', 'data-web-4': 'Bound' } });
    expect(v.rows.map((r) => [r.ordinal, r.inRange, r.retained])).toEqual([
      [0, true, false],
      [1, true, false],
      [2, false, true],
      [4, false, true],
    ]);
    expect(v.retainedClaims).toBe(2);
    expect(v.findings.map((f) => f.code)).toEqual(['RetainedClaims']);
    expect(v.findings[0]!.message).toContain('ordinal(s) 2, 4');
    expect(v.findings[0]!.message).toMatch(/: data-web-2, data-web-4$/);
    expect(v.status).toBe('Ready');
  });

  it('does not take another StatefulSet\'s claims for retained ones', () => {
    const v = world({ pvcs: { 'data-web-0': 'Bound', 'data-web-1': 'Bound', 'data-web-2': 'Bound', 'data-web-x-7': 'Bound', 'other-web-9': 'Bound' } });
    expect(v.rows.map((r) => r.ordinal)).toEqual([0, 1, 2]);
  });

  it('finds the ordinal that blocks OrderedReady start-up on an unbound claim', () => {
    const v = world({ stsStatus: { readyReplicas: 1 }, pods: { 0: {}, 1: { phase: 'Pending', ready: false }, 2: null }, pvcs: { 'data-web-0': 'Bound', 'data-web-1': 'Pending' } });
    expect(v.blocking).toMatchObject({ ordinal: 1, reason: 'UnboundClaim', during: 'startup' });
    expect(v.blocking!.detail).toContain('data-web-1 is Pending');
    expect(v.status).toBe('Blocked');
    expect(v.findings.find((f) => f.code === 'BlockedOrdinal')?.severity).toBe('failure');
    expect(v.rows[2]!.claims[0]!.phase).toBe('Missing');
  });

  it('names an unschedulable pod, a crash loop and init containers as the reason', () => {
    expect(world({ pods: { 0: { phase: 'Pending', ready: false, unschedulable: '0/3 nodes are available: 3 Insufficient cpu.' }, 1: null, 2: null } }).blocking).toMatchObject({
      ordinal: 0,
      reason: 'Unschedulable',
      detail: '0/3 nodes are available: 3 Insufficient cpu.',
    });
    const crash = world({ pods: { 0: {}, 1: { ready: false, restarts: 4, containerState: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } } }, 2: null } });
    expect(crash.blocking).toMatchObject({ ordinal: 1, reason: 'CrashLoop' });
    expect(crash.blocking!.detail).toContain('4 restarts');
    const init = world({
      pods: { 0: { phase: 'Pending', ready: false, initContainers: ['migrate'], initStatuses: [{ name: 'migrate', ready: false, restartCount: 0, state: { running: { startedAt: new Date(T0).toISOString() } } }] }, 1: null, 2: null },
    });
    expect(init.blocking).toMatchObject({ ordinal: 0, reason: 'InitContainers' });
    expect(init.blocking!.detail).toBe('init container migrate is running (0/1 done)');
    expect(init.status).toBe('Progressing');
    expect(init.rows[0]!.pod!.status).toBe('Init:0/1');
  });

  it('does not call a Parallel StatefulSet blocked by a pod that is merely starting', () => {
    const v = world({ sts: { podManagementPolicy: 'Parallel' }, stsStatus: { readyReplicas: 2 }, pods: { 0: {}, 1: { ready: false }, 2: {} } });
    expect(v.blocking).toBeNull();
    expect(v.status).toBe('Progressing');
  });

  it('marks revisions and the partition of a paused rolling update', () => {
    const v = world({
      sts: { replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } },
      stsStatus: { replicas: 4, readyReplicas: 4, currentRevision: 'web-rev1', updateRevision: 'web-rev2', updatedReplicas: 2, currentReplicas: 2 },
      pods: { 0: {}, 1: {}, 2: { revision: 'web-rev2' }, 3: { revision: 'web-rev2' } },
    });
    expect(v.rows.map((r) => [r.ordinal, r.pod!.updated, r.belowPartition])).toEqual([
      [0, false, true],
      [1, false, true],
      [2, true, false],
      [3, true, false],
    ]);
    expect(v.rolloutInProgress).toBe(false);
    expect(v.findings.map((f) => f.code)).toEqual(['PartitionedRollout']);
  });

  it('finds the pod a rolling update waits on, from the highest ordinal down', () => {
    const v = world({
      sts: { podManagementPolicy: 'Parallel' },
      stsStatus: { readyReplicas: 2, currentRevision: 'web-rev1', updateRevision: 'web-rev2', updatedReplicas: 1 },
      pods: { 0: {}, 1: {}, 2: { revision: 'web-rev2', ready: false, restarts: 2, containerState: { waiting: { reason: 'CrashLoopBackOff' } } } },
    });
    expect(v.rolloutInProgress).toBe(true);
    expect(v.blocking).toMatchObject({ ordinal: 2, reason: 'CrashLoop', during: 'rollout' });
  });

  it('counts a ready pod as available only after minReadySeconds, and ordered start-up waits for it', () => {
    const waiting = world({ sts: { minReadySeconds: 120 }, pods: { 0: {}, 1: { readySince: T0 - 150_000 }, 2: null } });
    expect(waiting.rows.map((r) => [r.pod?.ready, r.pod?.available, r.pod?.availableAt])).toEqual([
      [true, false, T0 + 60_000],
      [true, true, null],
      [undefined, undefined, undefined],
    ]);
    expect(waiting.blocking).toMatchObject({ ordinal: 0, reason: 'NotAvailable', during: 'startup', since: T0 - 60_000 });
    expect(waiting.blocking!.detail).toBe('pod web-0 is ready, not yet available (minReadySeconds 120, available in 60s)');
    expect(waiting.status).toBe('Progressing');
    expect(waiting.nextAvailableAt).toBe(T0 + 60_000);
    const past = world({ sts: { minReadySeconds: 30 } });
    expect(past.rows.every((r) => r.pod?.available && r.pod.availableAt === null)).toBe(true);
    expect(past.status).toBe('Ready');
    expect(past.nextAvailableAt).toBeNull();
  });

  it('lets a rolling update take down maxUnavailable ordinals before it waits, as the server kept the field', () => {
    const notReady = { revision: 'web-rev2', ready: false };
    const rollout = (maxUnavailable: number | string | undefined, pods: World['pods']) =>
      world({
        sts: { replicas: 4, podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: maxUnavailable === undefined ? {} : { maxUnavailable } } },
        stsStatus: { replicas: 4, readyReplicas: 2, currentRevision: 'web-rev1', updateRevision: 'web-rev2', updatedReplicas: 1 },
        pods,
      });
    expect(rollout(2, { 0: {}, 1: {}, 2: {}, 3: notReady }).blocking).toBeNull();
    const two = rollout(2, { 0: {}, 1: {}, 2: notReady, 3: notReady });
    expect(two.maxUnavailable).toBe(2);
    expect(two.blocking).toMatchObject({ ordinal: 3, reason: 'NotReady', during: 'rollout' });
    expect(two.blocking!.detail).toContain('2 ordinals unavailable (3, 2), maxUnavailable 2');
    // 50% of 4 replicas is 2; 10% rounds down to 0 and counts as 1; absent: one at a time.
    expect(rollout('50%', {}).maxUnavailable).toBe(2);
    expect(rollout('10%', {}).maxUnavailable).toBe(1);
    expect(rollout(undefined, { 0: {}, 1: {}, 2: {}, 3: notReady }).blocking).toMatchObject({ ordinal: 3 });
    expect(rollout(undefined, {}).maxUnavailable).toBeNull();
  });

  it('orders a rolling update in waves of maxUnavailable from the highest ordinal down to the partition', () => {
    const v = (rollingUpdate: object, type = 'RollingUpdate') => world({ sts: { replicas: 5, updateStrategy: { type, rollingUpdate } } });
    expect(rolloutWaves(v({ maxUnavailable: 2, partition: 1 }))).toEqual([[4, 3], [2, 1]]);
    expect(rolloutWaves(v({}))).toEqual([[4], [3], [2], [1], [0]]);
    expect(rolloutWaves(v({}, 'OnDelete'))).toEqual([]);
  });

  it('previews a new partition: the ordinals the controller replaces next, highest first, and the revision each ends on', () => {
    const v = world({
      sts: { replicas: 4, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 3 } } },
      stsStatus: { replicas: 4, readyReplicas: 4, currentRevision: 'web-rev1', updateRevision: 'web-rev2', updatedReplicas: 1, currentReplicas: 3 },
      pods: { 0: {}, 1: {}, 2: {}, 3: { revision: 'web-rev2' } },
    });
    expect(partitionPreview(v, 1)).toEqual({
      from: 3,
      to: 1,
      replaced: [2, 1],
      kept: [0],
      endsOn: [
        { ordinal: 0, revision: 'web-rev1' },
        { ordinal: 1, revision: 'web-rev2' },
        { ordinal: 2, revision: 'web-rev2' },
        { ordinal: 3, revision: 'web-rev2' },
      ],
    });
    expect(partitionPreview(v, 4)).toMatchObject({ replaced: [], kept: [0, 1, 2, 3] });
  });

  it('says why pods have no stable DNS name', () => {
    const notHeadless = world({ service: 'clusterip' });
    expect(notHeadless.dnsProblem).toContain('not headless');
    expect(notHeadless.rows.every((r) => r.dns === null)).toBe(true);
    expect(notHeadless.findings.map((f) => f.code)).toContain('NoStableDNS');
    expect(world({ service: 'none' }).dnsProblem).toBe('governing service "web" does not exist: pods get no stable DNS names');
  });

  it('reports a StatefulSet scaled to 0 with its claims kept', () => {
    const v = world({ sts: { replicas: 0 }, stsStatus: { replicas: 0, readyReplicas: 0 }, pods: {}, pvcs: { 'data-web-0': 'Bound' } });
    expect(v.status).toBe('Scaled to 0');
    expect(v.rows).toHaveLength(1);
    expect(v.rows[0]!.retained).toBe(true);
  });
});

describe('scalePreview', () => {
  it('re-attaches retained claims on scale-up and creates the rest', () => {
    const v = world({ sts: { replicas: 2 }, pods: { 0: {}, 1: {} }, pvcs: { 'data-web-0': 'Bound', 'data-web-1': 'Bound', 'data-web-2': 'Bound' } });
    const p = scalePreview(v, 4);
    expect(p.create).toEqual([2, 3]);
    expect(p.remove).toEqual([]);
    expect(p.claims.map((c) => [c.name, c.action])).toEqual([
      ['data-web-2', 'reattach'],
      ['data-web-3', 'create'],
    ]);
    expect(p.warnings).toContain('retained claims are re-attached with the data they kept');
  });

  it('removes the highest ordinals first and keeps or deletes claims per whenScaled', () => {
    const retain = scalePreview(world(), 1);
    expect(retain.remove).toEqual([2, 1]);
    expect(retain.claims.map((c) => [c.name, c.action])).toEqual([
      ['data-web-2', 'retain'],
      ['data-web-1', 'retain'],
    ]);
    const del = scalePreview(world({ sts: { persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete', whenDeleted: 'Retain' } } }), 2);
    expect(del.claims.map((c) => c.action)).toEqual(['delete']);
    expect(del.warnings.join(' ')).toContain('deleted, and with them every volume whose reclaimPolicy is Delete');
    expect(del.deletesData).toBe(true); // with no volume to say otherwise, data may go
  });

  it('counts from ordinals.start', () => {
    const p = scalePreview(world({ sts: { replicas: 2, ordinals: { start: 10 } } }), 3);
    expect(p.create).toEqual([12]);
  });

  it('warns about scaling to 0 and about an HPA that owns the replicas', () => {
    const hpa = { metadata: { name: 'web-hpa', namespace: 'ns', uid: 'h1' }, spec: { scaleTargetRef: { kind: 'StatefulSet', name: 'web' }, minReplicas: 2, maxReplicas: 5 } };
    const p = scalePreview(world(), 0, [slim('hpas', hpa)]);
    expect(p.warnings).toEqual(expect.arrayContaining(['scaling to 0 stops every pod of this StatefulSet', 'HorizontalPodAutoscaler web-hpa manages the replicas (2–5) and will override this']));
    expect(() => scalePreview(world(), -1)).toThrow(RangeError);
    expect(() => scalePreview(world(), 1.5)).toThrow(RangeError);
  });
});
