// Lookups over a snapshot's records, built once per record map and reused while it is unchanged
// (the store hands out the same Map object for a kind until that kind changes).
import type { EventRec, Meta } from './types.js';

export const nsKey = (namespace: string, name: string): string => `${namespace}/${name}`;

const byNameCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, unknown>>();
const byOwnerCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, unknown[]>>();
const eventsCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, EventRec[]>>();
const ordinalCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, { ordinal: number; record: unknown }[]>>();

/** Records by "namespace/name". */
export function byName<T extends Meta>(records: ReadonlyMap<string, T>): ReadonlyMap<string, T> {
  let index = byNameCache.get(records) as Map<string, T> | undefined;
  if (!index) {
    index = new Map();
    for (const r of records.values()) index.set(nsKey(r.namespace, r.name), r);
    byNameCache.set(records, index);
  }
  return index;
}

/** Records by the uid of their controller owner. */
export function byControllerUid<T extends Meta>(records: ReadonlyMap<string, T>): ReadonlyMap<string, readonly T[]> {
  let index = byOwnerCache.get(records) as Map<string, T[]> | undefined;
  if (!index) {
    index = new Map();
    for (const r of records.values()) {
      const owner = r.owners.find((o) => o.controller);
      if (!owner) continue;
      const list = index.get(owner.uid);
      if (list) list.push(r);
      else index.set(owner.uid, [r]);
    }
    byOwnerCache.set(records, index);
  }
  return index;
}

/** Events by "Kind/namespace/name" of the object they are about, newest first. */
export function eventsByObject(events: ReadonlyMap<string, EventRec>): ReadonlyMap<string, readonly EventRec[]> {
  let index = eventsCache.get(events);
  if (!index) {
    index = new Map();
    for (const e of events.values()) {
      const k = `${e.involved.kind}/${e.involved.namespace || e.namespace}/${e.involved.name}`;
      const list = index.get(k);
      if (list) list.push(e);
      else index.set(k, [e]);
    }
    for (const list of index.values()) list.sort((a, b) => (b.last ?? 0) - (a.last ?? 0));
    eventsCache.set(events, index);
  }
  return index;
}

/**
 * Records named "<base>-<ordinal>" by "namespace/base": a StatefulSet's pods under its name, its
 * claims under "<template>-<name>". Saves scanning every pod and claim for every StatefulSet.
 */
export function byOrdinalBase<T extends Meta>(records: ReadonlyMap<string, T>): ReadonlyMap<string, readonly { ordinal: number; record: T }[]> {
  let index = ordinalCache.get(records) as Map<string, { ordinal: number; record: T }[]> | undefined;
  if (!index) {
    index = new Map();
    for (const r of records.values()) {
      const m = /^(.+)-(0|[1-9]\d*)$/.exec(r.name);
      if (!m) continue;
      const k = nsKey(r.namespace, m[1]!);
      const entry = { ordinal: Number(m[2]), record: r };
      const list = index.get(k);
      if (list) list.push(entry);
      else index.set(k, [entry]);
    }
    ordinalCache.set(records, index);
  }
  return index;
}
