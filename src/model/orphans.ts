// Data left behind: Released volumes whose claim (named <template>-<sts>-<ordinal>) is gone, and
// claims named like a StatefulSet's that no StatefulSet makes any more and no pod uses (left by a
// StatefulSet deleted under whenDeleted: Retain). Pure; computed once per snapshot.
import { shortDuration } from '../present/time.js';
import { byClaim, byName, nsKey } from './lookup.js';
import type { Finding, Meta, PvRec, Snapshot, StatefulSetRec } from './types.js';
import { unknownReason, unknowns, type Unknowns } from './visibility.js';

export interface OrphanedVolume {
  volume: string;
  namespace: string;
  /** The claim it was bound to, which is gone. */
  claim: string;
  /** The StatefulSet whose claim it held (it exists), or null: no StatefulSet here makes claims of that name. */
  statefulSet: string | null;
  template: string | null;
  ordinal: number;
  /** Released, or Failed (a Delete that did not happen). */
  phase: string;
  capacity: string | null;
  storageClass: string;
  reclaimPolicy: string;
  /** Since when it is in that phase (else when it was made). */
  since: number | null;
}

export interface OrphanedClaim {
  claim: string;
  namespace: string;
  ordinal: number;
  phase: string;
  capacity: string | null;
  storageClass: string | null;
  volume: string;
  /** Its volume's reclaimPolicy; null when it has none or volumes are not visible. */
  reclaimPolicy: string | null;
  created: number | null;
}

export interface Orphans {
  volumes: OrphanedVolume[];
  claims: OrphanedClaim[];
  unknown: Unknowns<'volumes' | 'claims'>;
}

const ORDINAL_NAME = /^(.+)-(0|[1-9]\d*)$/;

const claimBases = new WeakMap<ReadonlyMap<string, StatefulSetRec>, Map<string, { sts: StatefulSetRec; template: string }>>();

/** Each StatefulSet's claim names without the ordinal ("ns/<template>-<sts>"), to whom they belong. */
function claimBasesOf(statefulsets: ReadonlyMap<string, StatefulSetRec>): ReadonlyMap<string, { sts: StatefulSetRec; template: string }> {
  let index = claimBases.get(statefulsets);
  if (!index) {
    index = new Map();
    for (const sts of statefulsets.values()) for (const t of sts.claimTemplates) index.set(nsKey(sts.namespace, `${t.name}-${sts.name}`), { sts, template: t.name });
    claimBases.set(statefulsets, index);
  }
  return index;
}

/** The StatefulSet, template and ordinal a claim name belongs to, or null when none in the namespace makes it. */
export function claimOwner(snap: Snapshot, namespace: string, claim: string): { sts: StatefulSetRec; template: string; ordinal: number } | null {
  const m = ORDINAL_NAME.exec(claim);
  const owner = m ? claimBasesOf(snap.kinds.statefulsets).get(nsKey(namespace, m[1]!)) : undefined;
  return owner ? { ...owner, ordinal: Number(m![2]) } : null;
}

const cache = new WeakMap<Snapshot, Orphans>();

export function orphans(snap: Snapshot): Orphans {
  let found = cache.get(snap);
  if (!found) {
    found = findOrphans(snap);
    cache.set(snap, found);
  }
  return found;
}

function findOrphans(snap: Snapshot): Orphans {
  const inScope = (ns: string) => snap.namespace === null || ns === snap.namespace;
  const unknown = unknowns({
    volumes: unknownReason(snap, 'pvs') ?? unknownReason(snap, 'statefulsets'),
    claims: unknownReason(snap, 'pvcs') ?? unknownReason(snap, 'pods') ?? unknownReason(snap, 'statefulsets'),
  });
  const volumes: OrphanedVolume[] = [];
  for (const pv of unknown.volumes ? [] : snap.kinds.pvs.values()) {
    if (pv.phase !== 'Released' && pv.phase !== 'Failed') continue;
    const ref = pv.claim;
    const m = ref && ORDINAL_NAME.exec(ref.name);
    if (!ref || !m || !inScope(ref.namespace)) continue;
    const owner = claimOwner(snap, ref.namespace, ref.name);
    volumes.push({
      volume: pv.name,
      namespace: ref.namespace,
      claim: ref.name,
      statefulSet: owner?.sts.name ?? null,
      template: owner?.template ?? null,
      ordinal: Number(m[2]),
      phase: pv.phase,
      capacity: pv.capacity,
      storageClass: pv.storageClass,
      reclaimPolicy: pv.reclaimPolicy,
      since: pv.phaseSince ?? pv.created,
    });
  }
  const claims: OrphanedClaim[] = [];
  if (!unknown.claims) {
    const used = byClaim(snap.kinds.pods);
    const pvs = unknown.volumes ? null : byName(snap.kinds.pvs);
    for (const pvc of snap.kinds.pvcs.values()) {
      // The StatefulSet controller gives its claims the selector's labels and, under Retain, no owner.
      if (pvc.deleting !== null || pvc.owners.length > 0 || !inScope(pvc.namespace) || used.get(nsKey(pvc.namespace, pvc.name))) continue;
      const m = ORDINAL_NAME.exec(pvc.name);
      if (!m || Object.keys(pvc.labels).length === 0 || claimOwner(snap, pvc.namespace, pvc.name)) continue;
      const pv: PvRec | undefined = pvc.volumeName ? pvs?.get(nsKey('', pvc.volumeName)) : undefined;
      claims.push({
        claim: pvc.name,
        namespace: pvc.namespace,
        ordinal: Number(m[2]),
        phase: pvc.phase,
        capacity: pvc.capacity ?? pvc.requested,
        storageClass: pvc.storageClass,
        volume: pvc.volumeName,
        reclaimPolicy: pv?.reclaimPolicy ?? null,
        created: pvc.created,
      });
    }
  }
  const order = <T extends { namespace: string }>(key: (x: T) => string) => (a: T, b: T) => a.namespace.localeCompare(b.namespace) || key(a).localeCompare(key(b));
  return { volumes: volumes.sort(order((v) => v.claim)), claims: claims.sort(order((c) => c.claim)), unknown };
}

/** The orphaned volumes of one StatefulSet (held claims of its names). */
export function orphansOf(snap: Snapshot, namespace: string, statefulSet: string): OrphanedVolume[] {
  return orphans(snap).volumes.filter((v) => v.namespace === namespace && v.statefulSet === statefulSet);
}

export function volumeFinding(v: OrphanedVolume, now: number): Finding {
  const held = `volume ${v.volume} (${v.capacity ?? '?'}, ${v.phase} for ${shortDuration(v.since === null ? null : now - v.since)}, reclaimPolicy ${v.reclaimPolicy}) still holds the data of claim ${v.claim}, which is gone`;
  return v.statefulSet
    ? { severity: 'info', code: 'OrphanedVolume', object: `sts/${v.statefulSet}`, namespace: v.namespace, message: held }
    : { severity: 'info', code: 'OrphanedVolume', object: `pv/${v.volume}`, namespace: v.namespace, message: `${held}; no StatefulSet in ${v.namespace} makes claims of that name` };
}

export function claimFinding(c: OrphanedClaim): Finding {
  const volume = c.volume ? `volume ${c.volume}, reclaimPolicy ${c.reclaimPolicy ?? 'unknown'}` : 'no volume';
  return {
    severity: 'info',
    code: 'OrphanedClaim',
    object: `pvc/${c.claim}`,
    namespace: c.namespace,
    message: `claim ${c.claim} (${c.phase}, ${c.capacity ?? '?'}, ${volume}) is named like a StatefulSet's, but no StatefulSet in ${c.namespace} makes it and no StatefulSet or Job pod uses it`,
  };
}

/** `check`'s findings about orphaned data, of the objects `filter` keeps (a volume by its StatefulSet, when it has one). */
export function orphanFindings(snap: Snapshot, now: number, filter: (r: Meta) => boolean = () => true): Finding[] {
  const o = orphans(snap);
  const sts = byName(snap.kinds.statefulsets);
  const pvs = byName(snap.kinds.pvs);
  const pvcs = byName(snap.kinds.pvcs);
  const kept = (r: Meta | undefined) => r !== undefined && filter(r);
  return [
    ...o.volumes.filter((v) => kept(v.statefulSet ? sts.get(nsKey(v.namespace, v.statefulSet)) : pvs.get(nsKey('', v.volume)))).map((v) => volumeFinding(v, now)),
    ...o.claims.filter((c) => kept(pvcs.get(nsKey(c.namespace, c.claim)))).map(claimFinding),
  ];
}
