// Lookups over a snapshot's records, built once per record map and reused while it is unchanged
// (the store hands out the same Map object for a kind until that kind changes).
import type { EventRec, Meta } from './types.js';

export const nsKey = (namespace: string, name: string): string => `${namespace}/${name}`;

const byNameCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, unknown>>();
const byOwnerCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, unknown[]>>();
const eventsCache = new WeakMap<ReadonlyMap<string, unknown>, Map<string, EventRec[]>>();

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
