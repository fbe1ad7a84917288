// Values read from raw API objects (from a list: Dates; from a watch: strings), whatever shape
// they arrive in: times, strings, numbers, maps, lists, quantities, metadata and conditions.
import type { Condition, Meta, OwnerRef } from '../model/types.js';

// Raw objects are untyped JSON as far as this module is concerned.
export type Raw = Record<string, any>;

export function toMs(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
  return Number.isFinite(ms) ? ms : null;
}

export const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : v === undefined || v === null ? fallback : String(v));
export const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
export const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const strMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, val] of Object.entries(v)) out[k] = str(val);
  return out;
};
export const list = (v: unknown): Raw[] => (Array.isArray(v) ? v : []);
/** Quantities arrive as strings ("10Gi") or, from some serializers, as numbers. */
export const quantity = (v: unknown): string | null => (v === undefined || v === null ? null : str(v));

/**
 * A record: the object's metadata and its kind's own fields. Built by adding to one object (not by
 * spreading into a new one, which gives every record a hidden class of its own: megabytes of them).
 */
export function record<R extends Meta>(m: Meta, own: Omit<R, keyof Meta>): R {
  return Object.assign(m, own) as R;
}

export function meta(o: Raw): Meta {
  const m: Raw = o.metadata ?? {};
  return {
    uid: str(m.uid),
    name: str(m.name),
    namespace: str(m.namespace),
    labels: strMap(m.labels),
    annotations: strMap(m.annotations),
    created: toMs(m.creationTimestamp),
    deleting: toMs(m.deletionTimestamp),
    resourceVersion: str(m.resourceVersion),
    generation: num(m.generation, 0),
    owners: list(m.ownerReferences).map(
      (r): OwnerRef => ({ kind: str(r.kind), name: str(r.name), uid: str(r.uid), controller: r.controller === true }),
    ),
  };
}

export function conditions(v: unknown): Condition[] {
  return list(v).map((c) => ({
    type: str(c.type),
    status: str(c.status),
    reason: str(c.reason),
    message: str(c.message),
    lastTransition: toMs(c.lastTransitionTime),
  }));
}
