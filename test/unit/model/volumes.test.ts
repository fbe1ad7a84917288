// Claims down to their volumes, from fixtures: each claim's volume, reclaimPolicy, class and
// expansion; where a resize stands; what deleting a claim does to its data; the volumes and
// claims left behind; which claims a new size grows; and what cannot be known without PVs.
import { describe, expect, it } from 'vitest';
import { previewLines } from '../../../src/kinds/statefulsets/detail.js';
import { statefulSets } from '../../../src/kinds/statefulsets/index.js';
import type { Section } from '../../../src/kinds/sections.js';
import { check, skippedChecks } from '../../../src/model/health.js';
import { orphans } from '../../../src/model/orphans.js';
import { parseQuantity } from '../../../src/model/quantity.js';
import { expandClaimRequest } from '../../../src/model/requests.js';
import { scalePreviewIn } from '../../../src/model/scale.js';
import { statefulSetView } from '../../../src/model/statefulset.js';
import type { Snapshot } from '../../../src/model/types.js';
import { deletionFate, expansionDisabled, expansionPlan, resizeOf, statefulSetStorage } from '../../../src/model/volumes.js';
import { ownerOf, rawPod, rawPv, rawPvc, rawService, rawStorageClass, rawSts, slim, snapshot, T0, type Hidden, type RawByKind } from '../../fixtures/builders.js';

const FORBIDDEN_PVS = 'forbidden: cannot list persistentvolumes (cluster-scoped)';
const FORBIDDEN_CLASSES = 'forbidden: cannot list storageclasses.storage.k8s.io (cluster-scoped)';
const CLASSES = [rawStorageClass('standard', { allowVolumeExpansion: false }), rawStorageClass('grow', { allowVolumeExpansion: true }), rawStorageClass('keep', { reclaimPolicy: 'Retain' })];

/**
 * "db": 2 replicas of template data (class "grow", Delete) with a claim retained at ordinal 2
 * (class "keep", Retain), and template logs (class "standard", not expandable) at ordinal 0.
 */
function db(hidden: Hidden = {}, extra: RawByKind = {}, spec: Record<string, unknown> = {}) {
  const sts = rawSts('db', {
    replicas: 2,
    ...spec,
    volumeClaimTemplates: [
      { metadata: { name: 'data' }, spec: { storageClassName: 'grow', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      { metadata: { name: 'logs' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '100Mi' } } } },
    ],
  });
  const pods = [0, 1].map((n) => rawPod(`db-${n}`, { owner: ownerOf(sts, 'StatefulSet'), claims: [`data-db-${n}`] }));
  const pvcs = [
    rawPvc('data-db-0', 'Bound', T0 - 3000_000, {}, { storageClass: 'grow' }),
    rawPvc('data-db-1', 'Bound', T0 - 3000_000, {}, { storageClass: 'grow', requested: '2Gi', capacity: '1Gi' }),
    rawPvc('data-db-2', 'Bound', T0 - 3000_000, {}, { storageClass: 'keep' }),
    rawPvc('logs-db-0', 'Bound', T0 - 3000_000, {}, { requested: '100Mi' }),
  ];
  const pvs = [rawPv('data-db-0'), rawPv('data-db-1'), rawPv('data-db-2', { reclaimPolicy: 'Retain', storageClass: 'keep' }), rawPv('logs-db-0', { capacity: '100Mi' })];
  const snap = snapshot({ statefulsets: [sts], pods, pvcs, pvs, storageclasses: CLASSES, services: [rawService('db')], ...extra }, 'ns', hidden);
  const view = statefulSetView(slim('statefulsets', sts), snap, T0);
  return { snap, view, storage: statefulSetStorage(view, snap) };
}

const pvc = (snap: Snapshot, name: string) => [...snap.kinds.pvcs.values()].find((p) => p.name === name)!;
const table = (sections: Section[], title: string) => sections.find((s): s is Extract<Section, { type: 'table' }> => s.type === 'table' && s.title.startsWith(title))!;
const columnOf = (t: Extract<Section, { type: 'table' }>, title: string) => t.rows.map((r) => (r as { text: string }[])[t.columns.findIndex((c) => c.title === title)]!);
const fieldsOf = (sections: Section[]) => Object.fromEntries(sections.flatMap((s) => (s.type === 'fields' ? s.fields.map((f) => [f.label, f.value]) : [])));

describe('quantities', () => {
  it('reads binary and decimal suffixes and exponents, and nothing else', () => {
    expect(parseQuantity('1Gi')).toBe(2 ** 30);
    expect(parseQuantity('1.5Gi')).toBe(1.5 * 2 ** 30);
    expect(parseQuantity('500M')).toBe(5e8);
    expect(parseQuantity('2e9')).toBe(2e9);
    expect(parseQuantity(' 100Mi ')).toBe(100 * 2 ** 20);
    for (const bad of ['', 'Gi', '1 Gi', '1gb', '1GiB', 'ten', '-']) expect(parseQuantity(bad), bad).toBeNull();
    expect(parseQuantity('1Gi')! > parseQuantity('1000M')!).toBe(true);
  });
});

describe('each claim down to its volume', () => {
  it('has its sizes, access modes, class, volume, reclaimPolicy and whether it can grow', () => {
    const { storage } = db();
    expect(storage.unknown).toEqual({});
    expect(storage.claims.map((c) => [c.ordinal, c.claim, c.requested, c.capacity, c.accessModes.join(), c.storageClass, c.volume, c.reclaimPolicy, c.expandable, c.retained])).toEqual([
      [0, 'data-db-0', '1Gi', '1Gi', 'ReadWriteOnce', 'grow', 'pvc-data-db-0', 'Delete', true, false],
      [0, 'logs-db-0', '100Mi', '100Mi', 'ReadWriteOnce', 'standard', 'pvc-logs-db-0', 'Delete', false, false],
      [1, 'data-db-1', '2Gi', '1Gi', 'ReadWriteOnce', 'grow', 'pvc-data-db-1', 'Delete', true, false],
      [2, 'data-db-2', '1Gi', '1Gi', 'ReadWriteOnce', 'keep', 'pvc-data-db-2', 'Retain', false, true],
    ]);
    expect(storage.claims.find((c) => c.claim === 'logs-db-0')!.notExpandable).toBe('storage class standard does not allow volume expansion');
    expect(storage.templates).toEqual([
      { name: 'data', storage: '1Gi', storageClass: 'grow' },
      { name: 'logs', storage: '100Mi', storageClass: null },
    ]);
  });

  it('takes the volume’s class for a claim that names none, and says why a claim cannot grow', () => {
    const sts = rawSts('web', { replicas: 2 });
    const pvcs = [rawPvc('data-web-0', 'Bound', T0, {}, { storageClass: null }), rawPvc('data-web-1', 'Pending', T0, {}, { storageClass: 'grow' })];
    const snap = snapshot({ statefulsets: [sts], pvcs, pvs: [rawPv('data-web-0', { storageClass: 'grow' })], storageclasses: CLASSES });
    const s = statefulSetStorage(statefulSetView(slim('statefulsets', sts), snap, T0), snap);
    expect(s.claims.map((c) => [c.claim, c.storageClass, c.expandable, c.notExpandable])).toEqual([
      ['data-web-0', 'grow', true, null],
      ['data-web-1', 'grow', false, 'claim data-web-1 is Pending: only a bound claim can grow'],
    ]);
    expect(deletionFate(pvc(snap, 'data-web-1'), snap)).toMatchObject({ fate: 'none', text: 'no volume is bound to it: no data goes with it' });
  });

  it('reads where a resize stands: conditions, a resize error, the events while it waits, or just the request', () => {
    const claim = (o: Parameters<typeof rawPvc>[4]) => slim('pvcs', rawPvc('data-db-1', 'Bound', T0, {}, { requested: '2Gi', capacity: '1Gi', ...o }));
    const event = (reason: string, type: string, message: string) => ({ kind: 'Event' as const, uid: reason, namespace: 'ns', name: reason, resourceVersion: '1', involved: { kind: 'PersistentVolumeClaim', name: 'data-db-1', namespace: 'ns', uid: '' }, type, reason, message, count: 1, last: T0, source: '' });
    expect(resizeOf(claim({ conditions: [{ type: 'Resizing', status: 'True' }] }), [], null)).toEqual({ state: 'resizing', text: 'Resizing' });
    expect(resizeOf(claim({ conditions: [{ type: 'FileSystemResizePending', status: 'True', message: 'Waiting for user to (re-)start a pod' }] }), [], null)).toEqual({
      state: 'filesystem',
      text: 'FileSystemResizePending: Waiting for user to (re-)start a pod',
    });
    expect(resizeOf(claim({ conditions: [{ type: 'ControllerResizeError', status: 'True', message: 'disk quota exceeded' }] }), [], null)).toEqual({ state: 'failed', text: 'ControllerResizeError: disk quota exceeded' });
    expect(resizeOf(claim({ resizeStatus: 'ControllerResizeInfeasible' }), [], null)).toEqual({ state: 'failed', text: 'ControllerResizeInfeasible: 2Gi cannot be given, still 1Gi' });
    expect(resizeOf(claim({}), [event('ExternalExpanding', 'Normal', 'waiting for an external controller to expand this PVC')], null)).toEqual({
      state: 'waiting',
      text: 'ExternalExpanding: waiting for an external controller to expand this PVC',
    });
    expect(resizeOf(claim({}), [event('VolumeResizeFailed', 'Warning', 'no space')], null)).toEqual({ state: 'failed', text: 'VolumeResizeFailed: no space' });
    expect(resizeOf(claim({}), [], 'forbidden: cannot list events in namespace "ns"')).toEqual({
      state: 'pending',
      text: 'requested 2Gi, capacity still 1Gi (events not visible: forbidden: cannot list events in namespace "ns")',
    });
    // Grown: an old event says nothing any more.
    expect(resizeOf(claim({ capacity: '2Gi' }), [event('VolumeResizeFailed', 'Warning', 'no space')], null)).toBeNull();
  });

  it('shows the claims and volumes in describe and the detail pane, with a Volumes line', () => {
    const { snap, view } = db();
    const detail = statefulSets.detail(view, [], snap, T0);
    expect(fieldsOf(detail).Volumes).toBe('4 bound (reclaimPolicy 3 Delete, 1 Retain)');
    const t = table(detail, 'Claims and volumes');
    expect(columnOf(t, 'RECLAIM').map((c) => c.text)).toEqual(['Delete', 'Delete', 'Delete', 'Retain']);
    expect(columnOf(t, 'EXPAND').map((c) => c.text)).toEqual(['yes', 'no', 'yes', 'no']);
    expect(columnOf(t, 'RESIZE').map((c) => c.text)).toEqual(['-', '-', 'requested 2Gi, capacity still 1Gi', '-']);
    expect(columnOf(t, 'ACCESS').map((c) => c.text)).toEqual(['RWO', 'RWO', 'RWO', 'RWO']);
  });
});

describe('without PersistentVolumes or StorageClasses', () => {
  it('says once why volumes are missing, shows ? for reclaimPolicy, and knows the claims all the same', () => {
    const { snap, view, storage } = db({ pvs: 'forbidden' });
    expect(storage.unknown).toEqual({ volumes: FORBIDDEN_PVS });
    expect(storage.claims.map((c) => [c.claim, c.reclaimPolicy, c.volume])).toEqual([
      ['data-db-0', null, 'pvc-data-db-0'],
      ['logs-db-0', null, 'pvc-logs-db-0'],
      ['data-db-1', null, 'pvc-data-db-1'],
      ['data-db-2', null, 'pvc-data-db-2'],
    ]);
    const detail = statefulSets.detail(view, [], snap, T0);
    expect(fieldsOf(detail).Volumes).toBe(`unknown — ${FORBIDDEN_PVS}`);
    expect(fieldsOf(detail).Claims).toBe('3/4 Bound +1 retained');
    expect(columnOf(table(detail, 'Claims and volumes'), 'RECLAIM')).toEqual(Array(4).fill({ text: '?', tone: 'muted', unknown: FORBIDDEN_PVS }));
    expect(deletionFate(pvc(snap, 'data-db-2'), snap)).toMatchObject({
      fate: 'unknown',
      text: `whether volume pvc-data-db-2 and its data go with it is not known: its reclaimPolicy cannot be read (${FORBIDDEN_PVS}); its class keep makes volumes with reclaimPolicy Retain, but a volume's own may differ`,
    });
    expect(orphans(snap).unknown).toEqual({ volumes: FORBIDDEN_PVS });
  });

  it('cannot tell which claims may grow, and says so instead of offering it', () => {
    const { storage } = db({ storageclasses: 'syncing' });
    expect(storage.unknown).toEqual({ classes: 'still loading storageclasses' });
    expect(storage.claims.map((c) => c.expandable)).toEqual([null, null, null, null]);
    expect(expansionDisabled(storage)).toBe('storage classes not visible (still loading storageclasses)');
  });

  it('lets check go on (their checks are info only), listing what it skipped', () => {
    const { snap } = db({ pvs: 'forbidden' });
    expect(skippedChecks(snap)).toEqual([{ kind: 'pvs', reason: FORBIDDEN_PVS, checks: ['OrphanedVolume'] }]);
    expect(check(snap, T0, { graceMs: 0 }).map((f) => f.code)).toEqual(['RetainedClaims']);
  });
});

describe('what deleting a claim does to its data', () => {
  it('deletes a Delete volume with the data, keeps a Retain one as Released, scrubs a Recycle one', () => {
    const { snap } = db({}, { pvs: [rawPv('data-db-0'), rawPv('data-db-2', { reclaimPolicy: 'Retain' }), rawPv('logs-db-0', { reclaimPolicy: 'Recycle' })] });
    expect(deletionFate(pvc(snap, 'data-db-0'), snap)).toEqual({ fate: 'deleted', volume: 'pvc-data-db-0', reclaimPolicy: 'Delete', text: 'volume pvc-data-db-0 (reclaimPolicy Delete) is deleted with it: the data on it is gone for good' });
    expect(deletionFate(pvc(snap, 'data-db-2'), snap)).toEqual({ fate: 'released', volume: 'pvc-data-db-2', reclaimPolicy: 'Retain', text: 'volume pvc-data-db-2 (reclaimPolicy Retain) is kept as Released, with the data on it' });
    expect(deletionFate(pvc(snap, 'logs-db-0'), snap).fate).toBe('recycled');
    expect(deletionFate(pvc(snap, 'data-db-1'), snap)).toMatchObject({ fate: 'none', text: 'its volume pvc-data-db-1 does not exist any more' });
  });

  it('lists in a scale-down under whenScaled: Delete each claim with its volume and fate, and knows when no data goes', () => {
    const whenScaled = (policy: string, hidden: Hidden = {}) => db(hidden, {}, { replicas: 3, persistentVolumeClaimRetentionPolicy: { whenScaled: policy, whenDeleted: 'Retain' } });
    const { snap, view } = whenScaled('Delete');
    const down = scalePreviewIn(snap, view, 1);
    expect(down.claims.map((c) => [c.name, c.action, c.data?.fate])).toEqual([
      ['data-db-2', 'delete', 'released'],
      ['data-db-1', 'delete', 'deleted'],
    ]);
    expect(down.deletesData).toBe(true);
    expect(previewLines(down).map((l) => l.map((s) => s.text).join(''))).toContain(
      '  claim data-db-1: delete — volume pvc-data-db-1 (reclaimPolicy Delete) is deleted with it: the data on it is gone for good',
    );
    expect(scalePreviewIn(snap, view, 2)).toMatchObject({ deletesData: false, claims: [{ name: 'data-db-2', data: { fate: 'released' } }] });
    const retain = whenScaled('Retain');
    expect(scalePreviewIn(retain.snap, retain.view, 1).deletesData).toBe(false);
    const hidden = whenScaled('Delete', { pvs: 'forbidden' });
    expect(scalePreviewIn(hidden.snap, hidden.view, 2)).toMatchObject({ deletesData: true, unknown: { volumes: FORBIDDEN_PVS } });
  });
});

describe('orphaned data', () => {
  const web = rawSts('web', { replicas: 1 });
  const released = (claim: string, namespace = 'ns') => rawPv(claim, { phase: 'Released', reclaimPolicy: 'Retain', capacity: '5Gi', since: T0 - 2 * 3600_000, namespace });
  const left = (name: string, labels: Record<string, string> = { app: 'old' }) => rawPvc(name, 'Bound', T0 - 86_400_000, { labels });
  const world = (hidden: Hidden = {}, namespace: string | null = 'ns') =>
    snapshot(
      {
        statefulsets: [web],
        pods: [rawPod('web-0', { owner: ownerOf(web, 'StatefulSet'), claims: ['data-web-0'] }), rawPod('app-0', { claims: ['cache-app-0'] })],
        pvcs: [rawPvc('data-web-0'), left('data-old-0'), left('data-old-1'), left('cache-app-0'), left('manual', {}), left('scratch-1', {}), rawPvc('owned-1', 'Bound', T0, { labels: { a: 'b' }, ownerReferences: [{ kind: 'Pod', name: 'x', uid: 'u', controller: false }] })],
        pvs: [rawPv('data-web-0'), released('data-web-3'), released('data-web-4', 'other'), released('data-gone-0'), released('notes'), rawPv('data-old-0', { reclaimPolicy: 'Retain' })],
      },
      namespace,
      hidden,
    );

  it('finds Released volumes of a StatefulSet’s claims, and claims no StatefulSet makes and no pod uses', () => {
    const o = orphans(world());
    expect(o.unknown).toEqual({});
    expect(o.volumes.map((v) => [v.volume, v.claim, v.statefulSet, v.template, v.ordinal, v.capacity, v.reclaimPolicy, v.since])).toEqual([
      ['pvc-data-gone-0', 'data-gone-0', null, null, 0, '5Gi', 'Retain', T0 - 2 * 3600_000],
      ['pvc-data-web-3', 'data-web-3', 'web', 'data', 3, '5Gi', 'Retain', T0 - 2 * 3600_000],
    ]);
    expect(o.claims.map((c) => [c.claim, c.ordinal, c.volume, c.reclaimPolicy])).toEqual([
      ['data-old-0', 0, 'pvc-data-old-0', 'Retain'],
      ['data-old-1', 1, 'pvc-data-old-1', null],
    ]);
    expect(orphans(world({}, null)).volumes.map((v) => `${v.namespace}/${v.claim}`)).toEqual(['ns/data-gone-0', 'ns/data-web-3', 'other/data-web-4']);
  });

  it('reports them as info in check, by StatefulSet where there is one, and lists them in its detail', () => {
    const snap = world();
    const found = check(snap, T0, { graceMs: 0 }).filter((f) => f.code.startsWith('Orphaned'));
    expect(found.map((f) => [f.severity, f.object, f.code])).toEqual([
      ['info', 'pv/pvc-data-gone-0', 'OrphanedVolume'],
      ['info', 'pvc/data-old-0', 'OrphanedClaim'],
      ['info', 'pvc/data-old-1', 'OrphanedClaim'],
      ['info', 'sts/web', 'OrphanedVolume'],
    ]);
    expect(found.find((f) => f.object === 'sts/web')!.message).toBe('volume pvc-data-web-3 (5Gi, Released for 120m, reclaimPolicy Retain) still holds the data of claim data-web-3, which is gone');
    expect(found[1]!.message).toBe('claim data-old-0 (Bound, 1Gi, volume pvc-data-old-0, reclaimPolicy Retain) is named like a StatefulSet\'s, but no StatefulSet in ns makes it and no StatefulSet or Job pod uses it');
    expect(check(snap, T0, { graceMs: 0, filter: (r) => r.labels.app === 'old' }).map((f) => f.object)).toEqual(['pvc/data-old-0', 'pvc/data-old-1']);
    const v = statefulSetView(slim('statefulsets', web), snap, T0);
    const detail = statefulSets.detail(v, [], snap, T0);
    expect(columnOf(table(detail, 'Orphaned volumes'), 'VOLUME').map((c) => c.text)).toEqual(['pvc-data-web-3']);
    expect(fieldsOf(detail).Volumes).toBe('1 bound (reclaimPolicy 1 Delete); 1 orphaned (claim gone, volume kept)');
    expect(columnOf(table(detail, 'Findings'), 'CODE').map((c) => c.text)).toEqual(['NoStableDNS', 'OrphanedVolume']);
  });

  it('claims none without pods or StatefulSets to tell, and no volume without PVs', () => {
    expect(orphans(world({ pods: 'forbidden' }))).toMatchObject({ claims: [], unknown: { claims: 'forbidden: cannot list pods in namespace "ns"' } });
    expect(orphans(world({ pvs: 'syncing' }))).toMatchObject({ volumes: [], unknown: { volumes: 'still loading persistentvolumes' } });
    expect(check(world({ pvs: 'forbidden', pods: 'forbidden' }), T0, { graceMs: 0 }).filter((f) => f.code.startsWith('Orphaned'))).toEqual([]);
  });
});

describe('growing the claims of a template', () => {
  it('patches each claim whose class allows it, skips the others with the reason, and never shrinks one', () => {
    const { storage, snap } = db({}, { storageclasses: [rawStorageClass('grow', { allowVolumeExpansion: true }), rawStorageClass('standard'), rawStorageClass('keep')] });
    expect(expansionPlan(storage, 'data', '4Gi')).toEqual({
      template: { name: 'data', storage: '1Gi', storageClass: 'grow' },
      size: '4Gi',
      steps: [
        { claim: 'data-db-0', uid: pvc(snap, 'data-db-0').uid, from: '1Gi', skip: null },
        { claim: 'data-db-1', uid: pvc(snap, 'data-db-1').uid, from: '2Gi', skip: null },
        { claim: 'data-db-2', uid: pvc(snap, 'data-db-2').uid, from: '1Gi', skip: 'storage class keep does not allow volume expansion' },
      ],
    });
    expect(expansionPlan(storage, 'data', '2Gi')).toMatchObject({ steps: [{ skip: null }, { skip: 'already requests 2Gi' }, { skip: 'storage class keep does not allow volume expansion' }] });
    // data-db-1 asks for 2Gi and has 1Gi: the API lets its request come down to above 1Gi, no lower.
    expect(expansionPlan(storage, 'data', '1500Mi')).toMatchObject({ steps: [{ claim: 'data-db-0', skip: null }, { claim: 'data-db-1', from: '2Gi', skip: null }, {}] });
    expect(expansionPlan(storage, 'data', '900Mi')).toEqual({ error: '900Mi: claim data-db-0 requests 1Gi: a claim cannot shrink' });
    expect(expansionPlan(storage, 'data', 'lots')).toEqual({ error: 'not a size: "lots" (use a quantity like 2Gi or 500Mi)' });
    expect(expansionPlan(storage, 'logs', '1Gi')).toEqual({ error: 'nothing to grow: storage class standard does not allow volume expansion (logs-db-0)' });
    expect(expansionPlan(storage, 'www', '1Gi')).toEqual({ error: 'no claim template "www" (templates: data, logs)' });
  });

  it('is disabled with the reason when no claim’s class allows expansion', () => {
    const { storage } = db({}, { storageclasses: [rawStorageClass('standard')] });
    expect(expansionDisabled(storage)).toBe('storage class grow does not exist; storage class standard does not allow volume expansion; storage class keep does not exist');
    const binding = statefulSets.actions.find((b) => b.id === 'sts.expand')!;
    const { snap, view } = db({}, { storageclasses: [rawStorageClass('standard')] });
    expect(binding.disabledReason!(view, snap)).toBe(expansionDisabled(storage));
    const growing = db();
    expect(binding.disabledReason!(growing.view, growing.snap)).toBeNull();
  });

  it('sends a merge patch of the size with the uid it showed', () => {
    expect(expandClaimRequest('ns', 'data-db-0', 'u-1', '4Gi')).toEqual({
      method: 'PATCH',
      path: '/api/v1/namespaces/ns/persistentvolumeclaims/data-db-0',
      contentType: 'application/merge-patch+json',
      body: { metadata: { uid: 'u-1' }, spec: { resources: { requests: { storage: '4Gi' } } } },
      summary: 'grow claim data-db-0 to 4Gi',
      access: { verb: 'patch', group: '', resource: 'persistentvolumeclaims', namespace: 'ns', name: 'data-db-0' },
    });
  });
});
