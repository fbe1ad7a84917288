// What scaling a StatefulSet to N will do: pods created or removed (highest ordinal first), claims
// created, re-attached, kept or deleted (per whenScaled), and what the operator should know first.
import { byName, nsKey } from './lookup.js';
import type { StatefulSetView } from './statefulset.js';
import type { HpaRec, Snapshot } from './types.js';
import { unknownReason, unknowns, type Unknowns } from './visibility.js';
import { deletionFate, losesData, type DataFate } from './volumes.js';

export interface ClaimChange {
  name: string;
  ordinal: number;
  template: string;
  /** create: a new claim; reattach: a retained claim comes back into use; retain: kept after its pod goes; delete: removed with its pod */
  action: 'create' | 'reattach' | 'retain' | 'delete';
  created: number | null;
  phase: string;
  /** A deleted claim's volume and what happens to the data on it. */
  data?: DataFate;
}

export interface ScalePreview {
  name: string;
  namespace: string;
  from: number;
  to: number;
  /** Ordinals whose pods will be created, in creation order. */
  create: number[];
  /** Ordinals whose pods will be removed, in removal order (highest first). */
  remove: number[];
  /** Empty when the claims are unknown (see `unknown`). */
  claims: ClaimChange[];
  warnings: string[];
  /** Data on volumes goes (or may go: its volume's reclaimPolicy is not visible) with a deleted claim. */
  deletesData: boolean;
  /** What the preview cannot tell, with the reason: claims, pods (a blocking ordinal), autoscalers, volumes (of deleted claims). */
  unknown: Unknowns<'claims' | 'pods' | 'autoscalers' | 'volumes'>;
}

/** The preview with the snapshot's autoscalers and volumes (or the reason they are not visible). */
export function scalePreviewIn(snap: Snapshot, view: StatefulSetView, target: number): ScalePreview {
  const pvcs = byName(snap.kinds.pvcs);
  const fateOf = (claim: string) => {
    const pvc = pvcs.get(nsKey(view.namespace, claim));
    return pvc ? deletionFate(pvc, snap) : undefined;
  };
  return scalePreview(view, target, [...snap.kinds.hpas.values()], unknownReason(snap, 'hpas'), fateOf, unknownReason(snap, 'pvs'));
}

export function scalePreview(
  view: StatefulSetView,
  target: number,
  hpas: readonly HpaRec[] = [],
  hpasUnknown: string | null = null,
  fateOf: (claim: string) => DataFate | undefined = () => undefined,
  volumesUnknown: string | null = null,
): ScalePreview {
  if (!Number.isInteger(target) || target < 0) throw new RangeError(`replicas must be a whole number ≥ 0, got ${target}`);
  const start = view.ordinalsStart;
  const from = view.replicas;
  const create: number[] = [];
  const remove: number[] = [];
  for (let o = start + from; o < start + target; o++) create.push(o);
  for (let o = start + from - 1; o >= start + target; o--) remove.push(o);

  const rowAt = new Map(view.rows.map((r) => [r.ordinal, r]));
  const claims: ClaimChange[] = [];
  // Without the claims, which are created, kept or re-attached is not known: no guess.
  const claimsKnown = !view.unknown.claims;
  for (const o of claimsKnown ? create : []) {
    for (const template of view.claimTemplates) {
      const cell = rowAt.get(o)?.claims.find((c) => c.template === template);
      const exists = cell !== undefined && cell.phase !== 'Missing';
      claims.push({
        name: cell?.name ?? `${template}-${view.name}-${o}`,
        ordinal: o,
        template,
        action: exists ? 'reattach' : 'create',
        created: exists ? cell.created : null,
        phase: cell?.phase ?? 'Missing',
      });
    }
  }
  for (const o of claimsKnown ? remove : []) {
    for (const template of view.claimTemplates) {
      const cell = rowAt.get(o)?.claims.find((c) => c.template === template);
      if (!cell || cell.phase === 'Missing') continue;
      const action = view.retention.whenScaled === 'Delete' ? 'delete' : 'retain';
      const data = action === 'delete' ? fateOf(cell.name) : undefined;
      claims.push({ name: cell.name, ordinal: o, template, action, created: cell.created, phase: cell.phase, ...(data ? { data } : {}) });
    }
  }

  const warnings: string[] = [];
  for (const hpa of hpas) {
    if (hpa.namespace === view.namespace && hpa.targetKind === 'StatefulSet' && hpa.targetName === view.name) {
      warnings.push(`HorizontalPodAutoscaler ${hpa.name} manages the replicas (${hpa.minReplicas}–${hpa.maxReplicas}) and will override this`);
    }
  }
  if (target === 0 && from > 0) warnings.push('scaling to 0 stops every pod of this StatefulSet');
  const deletesClaims = claimsKnown ? claims.some((c) => c.action === 'delete') : remove.length > 0 && view.claimTemplates.length > 0 && view.retention.whenScaled === 'Delete';
  if (deletesClaims) warnings.push('whenScaled: Delete — the claims of removed ordinals are deleted, and with them every volume whose reclaimPolicy is Delete, data and all');
  if (claims.some((c) => c.action === 'reattach')) warnings.push('retained claims are re-attached with the data they kept');
  if (view.podManagementPolicy === 'OrderedReady' && view.blocking && (create.length > 0 || remove.length > 0)) {
    warnings.push(`OrderedReady: the controller waits on ordinal ${view.blocking.ordinal} (${view.blocking.detail}) before going on`);
  }
  if (view.rolloutInProgress && view.partition > 0 && create.length > 0) {
    const below = create.filter((o) => o - start < view.partition);
    if (below.length) warnings.push(`ordinals ${below.join(', ')} are below the partition (${view.partition}) and start on the current revision`);
  }
  const deleted = claims.filter((c) => c.action === 'delete');
  // Unknown claims under whenScaled: Delete may hold data too.
  const deletesData = (!claimsKnown && deletesClaims) || deleted.some((c) => !c.data || losesData(c.data));
  const unknown = unknowns({ claims: view.unknown.claims ?? null, pods: view.unknown.pods ?? null, autoscalers: hpasUnknown, volumes: deleted.length ? volumesUnknown : null });
  return { name: view.name, namespace: view.namespace, from, to: target, create, remove, claims, warnings, deletesData, unknown };
}
