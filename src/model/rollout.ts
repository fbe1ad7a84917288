// A rolling update's arithmetic on a StatefulSet's view: what a new partition moves, which ordinal
// a partition step releases, and the waves the controller replaces ordinals in.
import type { OrdinalRow, StatefulSetView } from './statefulset.js';

export interface PartitionPreview {
  from: number;
  to: number;
  /** Ordinals the controller replaces next (on an older revision, at or above the new partition), highest first. */
  replaced: number[];
  /** Ordinals below the new partition: they keep (or, raised, are left on) the revision they run. */
  kept: number[];
  /** The revision each in-range ordinal ends on once the controller is done. */
  endsOn: { ordinal: number; revision: string }[];
}

/** What a new partition does, as the controller carries out a rolling update: ordinals ≥ partition go to the update revision. */
export function partitionPreview(v: StatefulSetView, to: number): PartitionPreview {
  const rows = v.rows.filter((r) => r.inRange);
  const above = (r: OrdinalRow) => r.ordinal - v.ordinalsStart >= to;
  return {
    from: v.partition,
    to,
    replaced: rows.filter((r) => above(r) && r.pod?.updated !== true).map((r) => r.ordinal).reverse(),
    kept: rows.filter((r) => !above(r)).map((r) => r.ordinal),
    endsOn: rows.map((r) => ({ ordinal: r.ordinal, revision: above(r) ? v.updateRevision : r.pod?.revision || v.currentRevision })),
  };
}

/** The ordinal that moves to the update revision when a rolling update's partition is lowered by one. */
export function ordinalReleasedByPartitionStep(v: StatefulSetView): number {
  return v.ordinalsStart + v.partition - 1;
}

/**
 * What a rolling update replaces, in the controller's order: the ordinals at or above the partition,
 * highest first, in waves of maxUnavailable (one without it). Empty under OnDelete: pods change only
 * when deleted.
 */
export function rolloutWaves(v: StatefulSetView): number[][] {
  if (v.updateStrategy !== 'RollingUpdate') return [];
  const atOnce = v.maxUnavailable ?? 1;
  const ordinals = v.rows.filter((r) => r.inRange && !r.belowPartition).map((r) => r.ordinal).reverse();
  const waves: number[][] = [];
  for (let i = 0; i < ordinals.length; i += atOnce) waves.push(ordinals.slice(i, i + atOnce));
  return waves;
}
