// What each claim's data lives on, and what an action does to it: the bound PersistentVolume and
// its reclaimPolicy, the storage class and whether it lets the claim grow, where a resize stands,
// what deleting a claim does to its data, and which claims of a template a new size grows. Pure.
import { modificationOf, requestRefusal, resizeRetryOf, type Modification, type ResizeRetry } from './claim-state.js';
import { byName, eventsByObject, nsKey } from './lookup.js';
import { orphansOf, type OrphanedVolume } from './orphans.js';
import { parseQuantity } from './quantity.js';
import type { StatefulSetView } from './statefulset.js';
import type { EventRec, PvcRec, PvRec, Snapshot, StorageClassRec } from './types.js';
import { unknownReason, unknowns, type Unknowns } from './visibility.js';

export interface Resize {
  /** pending: asked for, nothing reported yet; waiting: a controller said it waits; failed: it said why not. */
  state: 'pending' | 'waiting' | 'resizing' | 'filesystem' | 'failed';
  text: string;
}

export interface ClaimVolume {
  ordinal: number;
  template: string;
  claim: string;
  uid: string;
  phase: string;
  requested: string | null;
  capacity: string | null;
  accessModes: readonly string[];
  storageClass: string | null;
  volume: string;
  /** The bound volume's reclaimPolicy; null without a volume, or when volumes are not visible (`unknown.volumes`). */
  reclaimPolicy: string | null;
  /** Whether it may grow; null when the storage classes are not visible (`unknown.classes`). */
  expandable: boolean | null;
  /** Why it may not grow, when it may not. */
  notExpandable: string | null;
  resize: Resize | null;
  /** After an infeasible resize: the smaller request the API accepts. */
  retry: ResizeRetry | null;
  /** status.allocatedResources.storage, when set. */
  allocated: string | null;
  /** Its VolumeAttributesClass and any change to it under way; null when it uses none. */
  modification: Modification | null;
  /** Outside the replica count: kept after a scale-down. */
  retained: boolean;
}

export interface TemplateStorage {
  name: string;
  storage: string | null;
  storageClass: string | null;
}

export interface StatefulSetStorage {
  templates: TemplateStorage[];
  /** Every claim of its templates that exists, by ordinal. */
  claims: ClaimVolume[];
  /** Released (or Failed) volumes that held claims of its names, whose claims are gone. */
  orphans: OrphanedVolume[];
  unknown: Unknowns<'claims' | 'volumes' | 'classes' | 'events'>;
}

const volumeOf = (snap: Snapshot, pvc: PvcRec): PvRec | undefined => (pvc.volumeName ? byName(snap.kinds.pvs).get(nsKey('', pvc.volumeName)) : undefined);
const classNamed = (snap: Snapshot, name: string): StorageClassRec | undefined => byName(snap.kinds.storageclasses).get(nsKey('', name));

/** The class a claim is provisioned from: its own, else (claims made before a default class existed) its volume's. */
function classOf(pvc: PvcRec, pv: PvRec | undefined): string | null {
  return pvc.storageClass ?? (pv?.storageClass || null);
}

/** Whether a claim may grow (the API server's rule: bound, and a class that allows expansion); null when the classes are not visible. */
export function expansion(pvc: PvcRec, className: string | null, snap: Snapshot): { expandable: boolean | null; why: string | null } {
  if (pvc.phase !== 'Bound') return { expandable: false, why: `claim ${pvc.name} is ${pvc.phase}: only a bound claim can grow` };
  if (!className) return { expandable: false, why: `claim ${pvc.name} has no storage class: it cannot grow` };
  if (unknownReason(snap, 'storageclasses')) return { expandable: null, why: null };
  const sc = classNamed(snap, className);
  if (!sc) return { expandable: false, why: `storage class ${className} does not exist` };
  return sc.allowVolumeExpansion ? { expandable: true, why: null } : { expandable: false, why: `storage class ${className} does not allow volume expansion` };
}

const RESIZE_EVENTS = new Set(['ExternalExpanding', 'Resizing', 'VolumeResizeFailed', 'FileSystemResizeRequired', 'VolumeResizeSuccessful', 'FileSystemResizeSuccessful']);

/**
 * Where a resize stands: the claim's conditions first (Resizing, FileSystemResizePending, the
 * resize errors), then — while it asks for more than it has — the newest resize event about it.
 */
export function resizeOf(pvc: PvcRec, events: readonly EventRec[], eventsUnknown: string | null): Resize | null {
  const on = (type: string) => pvc.conditions.find((c) => c.type === type && c.status === 'True');
  const withMessage = (what: string, message: string) => (message ? `${what}: ${message}` : what);
  const error = on('ControllerResizeError') ?? on('NodeResizeError');
  if (error) return { state: 'failed', text: withMessage(error.type, error.message) };
  if (pvc.resizeStatus.endsWith('Infeasible')) return { state: 'failed', text: `${pvc.resizeStatus}: ${pvc.requested} cannot be given, still ${pvc.capacity ?? '?'}` };
  const fs = on('FileSystemResizePending');
  if (fs) return { state: 'filesystem', text: withMessage('FileSystemResizePending', fs.message || 'waiting for the node to grow the file system') };
  const resizing = on('Resizing');
  if (resizing) return { state: 'resizing', text: withMessage('Resizing', resizing.message) };
  const requested = parseQuantity(pvc.requested);
  const capacity = parseQuantity(pvc.capacity);
  if (requested === null || capacity === null || requested <= capacity) return null;
  const event = events.find((e) => RESIZE_EVENTS.has(e.reason));
  if (event) return { state: event.type === 'Warning' ? 'failed' : 'waiting', text: withMessage(event.reason, event.message) };
  const asked = `requested ${pvc.requested}, capacity still ${pvc.capacity}`;
  return { state: 'pending', text: eventsUnknown ? `${asked} (events not visible: ${eventsUnknown})` : asked };
}

const storageCache = new WeakMap<StatefulSetView, { inputs: readonly unknown[]; storage: StatefulSetStorage }>();

/** The storage of each claim of a StatefulSet, and the volumes left of its claims that are gone. */
export function statefulSetStorage(v: StatefulSetView, snap: Snapshot): StatefulSetStorage {
  // Reused while the view and every kind it reads are the same objects (a pod's change leaves them).
  const k = snap.kinds;
  const inputs = [k.pvcs, k.pvs, k.storageclasses, k.events, k.statefulsets, ...(['pvs', 'events', 'storageclasses'] as const).map((kind) => unknownReason(snap, kind))];
  const kept = storageCache.get(v);
  if (kept && kept.inputs.every((x, i) => x === inputs[i])) return kept.storage;
  const storage = storageOf(v, snap);
  storageCache.set(v, { inputs, storage });
  return storage;
}

function storageOf(v: StatefulSetView, snap: Snapshot): StatefulSetStorage {
  const hidden = { volumes: unknownReason(snap, 'pvs'), events: unknownReason(snap, 'events') };
  const rec = snap.kinds.statefulsets.get(v.uid);
  const pvcs = byName(snap.kinds.pvcs);
  const events = eventsByObject(snap.kinds.events);
  const claims = v.rows.flatMap((r) =>
    r.claims.flatMap((c): ClaimVolume[] => {
      const pvc = c.phase === 'Missing' ? undefined : pvcs.get(nsKey(v.namespace, c.name));
      if (!pvc) return [];
      const pv = hidden.volumes ? undefined : volumeOf(snap, pvc);
      const className = classOf(pvc, pv);
      const grow = expansion(pvc, className, snap);
      return [
        {
          ordinal: r.ordinal,
          template: c.template,
          claim: pvc.name,
          uid: pvc.uid,
          phase: pvc.phase,
          requested: pvc.requested,
          capacity: pvc.capacity,
          accessModes: pvc.accessModes,
          storageClass: className,
          volume: pvc.volumeName,
          reclaimPolicy: pv?.reclaimPolicy ?? null,
          expandable: grow.expandable,
          notExpandable: grow.why,
          resize: resizeOf(pvc, events.get(`PersistentVolumeClaim/${pvc.namespace}/${pvc.name}`) ?? [], hidden.events),
          retry: resizeRetryOf(pvc),
          allocated: pvc.allocated,
          modification: modificationOf(pvc),
          retained: r.retained,
        },
      ];
    }),
  );
  // Without claim templates there is nothing the volumes or classes could tell.
  const stored = v.claimTemplates.length > 0;
  const unknown = unknowns({
    claims: v.unknown.claims ?? null,
    volumes: stored ? hidden.volumes : null,
    classes: stored ? unknownReason(snap, 'storageclasses') : null,
    // Only a resize that waits without word depends on the events.
    events: claims.some((c) => c.resize?.state === 'pending') ? hidden.events : null,
  });
  return {
    templates: (rec?.claimTemplates ?? []).map((t) => ({ name: t.name, storage: t.storage, storageClass: t.storageClass })),
    claims,
    orphans: orphansOf(snap, v.namespace, v.name),
    unknown,
  };
}

// ——— what deleting a claim does to its data ———

export interface DataFate {
  /** deleted/recycled: the data goes; released: it stays on a Released volume; none: no volume; unknown: volumes not visible. */
  fate: 'deleted' | 'released' | 'recycled' | 'none' | 'unknown';
  volume: string;
  reclaimPolicy: string | null;
  text: string;
}

export function deletionFate(pvc: PvcRec, snap: Snapshot): DataFate {
  const volume = pvc.volumeName;
  if (!volume) return { fate: 'none', volume, reclaimPolicy: null, text: 'no volume is bound to it: no data goes with it' };
  const hidden = unknownReason(snap, 'pvs');
  if (hidden) {
    const sc = pvc.storageClass && !unknownReason(snap, 'storageclasses') ? classNamed(snap, pvc.storageClass) : undefined;
    const hint = sc ? `; its class ${sc.name} makes volumes with reclaimPolicy ${sc.reclaimPolicy}, but a volume's own may differ` : '';
    return { fate: 'unknown', volume, reclaimPolicy: null, text: `whether volume ${volume} and its data go with it is not known: its reclaimPolicy cannot be read (${hidden})${hint}` };
  }
  const pv = volumeOf(snap, pvc);
  if (!pv) return { fate: 'none', volume, reclaimPolicy: null, text: `its volume ${volume} does not exist any more` };
  const policy = pv.reclaimPolicy;
  if (policy === 'Delete') return { fate: 'deleted', volume, reclaimPolicy: policy, text: `volume ${volume} (reclaimPolicy Delete) is deleted with it: the data on it is gone for good` };
  if (policy === 'Recycle') return { fate: 'recycled', volume, reclaimPolicy: policy, text: `volume ${volume} (reclaimPolicy Recycle) is scrubbed and offered again: the data on it is gone` };
  return { fate: 'released', volume, reclaimPolicy: policy, text: `volume ${volume} (reclaimPolicy ${policy}) is kept as Released, with the data on it` };
}

/** Whether the data may be lost (an unknown fate counts: it may). */
export const losesData = (f: DataFate): boolean => f.fate === 'deleted' || f.fate === 'recycled' || f.fate === 'unknown';

// ——— growing the claims of a template ———

export interface ExpansionStep {
  claim: string;
  uid: string;
  from: string | null;
  /** Why this claim is left as it is, or null: it is patched. */
  skip: string | null;
}

export type ExpansionPlan = { template: TemplateStorage; size: string; steps: ExpansionStep[] } | { error: string };

/** Why no claim of the StatefulSet can grow, or null when one can. */
export function expansionDisabled(s: StatefulSetStorage): string | null {
  if (s.templates.length === 0) return 'no claim templates';
  if (s.unknown.claims) return `claims not visible (${s.unknown.claims})`;
  if (s.unknown.classes) return `storage classes not visible (${s.unknown.classes})`;
  if (s.claims.length === 0) return 'no claims yet';
  if (s.claims.some((c) => c.expandable)) return null;
  return [...new Set(s.claims.map((c) => c.notExpandable))].join('; ');
}

/** Each claim of `template` grown to `sizeText`, or skipped with the reason; one line of error for a size that cannot be. */
export function expansionPlan(s: StatefulSetStorage, template: string, sizeText: string): ExpansionPlan {
  const t = s.templates.find((x) => x.name === template);
  if (!t) return { error: `no claim template "${template}" (templates: ${s.templates.map((x) => x.name).join(', ') || 'none'})` };
  const size = parseQuantity(sizeText);
  if (size === null || size <= 0) return { error: `not a size: "${sizeText}" (use a quantity like 2Gi or 500Mi)` };
  const claims = s.claims.filter((c) => c.template === template);
  if (claims.length === 0) return { error: `template ${template} has no claims yet: nothing to grow` };
  // Smaller than a claim asks for: only a retry above its capacity, after a resize it could not get.
  const refusal = claims.map((c) => requestRefusal({ name: c.claim, requested: c.requested, capacity: c.capacity }, size)).find((r) => r !== null);
  if (refusal) return { error: `${sizeText.trim()}: ${refusal}` };
  const steps = claims.map((c) => ({
    claim: c.claim,
    uid: c.uid,
    from: c.requested,
    skip: parseQuantity(c.requested) === size ? `already requests ${c.requested}` : (c.notExpandable ?? (c.expandable === null ? `whether it can grow is not known (${s.unknown.classes})` : null)),
  }));
  if (steps.every((x) => x.skip)) {
    const byReason = new Map<string, string[]>();
    for (const x of steps) byReason.set(x.skip!, [...(byReason.get(x.skip!) ?? []), x.claim]);
    return { error: `nothing to grow: ${[...byReason].map(([why, claims]) => `${why} (${claims.join(', ')})`).join('; ')}` };
  }
  return { template: t, size: sizeText.trim(), steps };
}
