// What scaling a StatefulSet to N will do: pods created or removed (highest ordinal first), claims
// created, re-attached, kept or deleted (per whenScaled), and what the operator should know first.
import type { StatefulSetView } from './statefulset.js';
import type { HpaRec, Snapshot } from './types.js';
import { unknownReason, unknowns, type Unknowns } from './visibility.js';

export interface ClaimChange {
  name: string;
  ordinal: number;
  template: string;
  /** create: a new claim; reattach: a retained claim comes back into use; retain: kept after its pod goes; delete: removed with its pod */
  action: 'create' | 'reattach' | 'retain' | 'delete';
  created: number | null;
  phase: string;
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
  /** What the preview cannot tell, with the reason: claims, pods (a blocking ordinal), autoscalers. */
  unknown: Unknowns<'claims' | 'pods' | 'autoscalers'>;
}

/** The preview with the snapshot's autoscalers (or the reason they are not visible). */
export function scalePreviewIn(snap: Snapshot, view: StatefulSetView, target: number): ScalePreview {
  return scalePreview(view, target, [...snap.kinds.hpas.values()], unknownReason(snap, 'hpas'));
}

export function scalePreview(view: StatefulSetView, target: number, hpas: readonly HpaRec[] = [], hpasUnknown: string | null = null): ScalePreview {
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
      claims.push({ name: cell.name, ordinal: o, template, action: view.retention.whenScaled === 'Delete' ? 'delete' : 'retain', created: cell.created, phase: cell.phase });
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
  if (deletesClaims) warnings.push('whenScaled: Delete — the claims of removed ordinals are deleted with their data');
  if (claims.some((c) => c.action === 'reattach')) warnings.push('retained claims are re-attached with the data they kept');
  if (view.podManagementPolicy === 'OrderedReady' && view.blocking && (create.length > 0 || remove.length > 0)) {
    warnings.push(`OrderedReady: the controller waits on ordinal ${view.blocking.ordinal} (${view.blocking.detail}) before going on`);
  }
  if (view.rolloutInProgress && view.partition > 0 && create.length > 0) {
    const below = create.filter((o) => o - start < view.partition);
    if (below.length) warnings.push(`ordinals ${below.join(', ')} are below the partition (${view.partition}) and start on the current revision`);
  }
  const unknown = unknowns({ claims: view.unknown.claims ?? null, pods: view.unknown.pods ?? null, autoscalers: hpasUnknown });
  return { name: view.name, namespace: view.namespace, from, to: target, create, remove, claims, warnings, unknown };
}
