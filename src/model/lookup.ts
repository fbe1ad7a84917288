// Lookups over a snapshot's records. A store's record map carries its indexes, kept up to date a
// record at a time (record-map.ts); a plain Map (as tests build snapshots) gets them built once.
import { RecordMap, type IndexDef } from './record-map.js';
import type { EventRec, KindName, Meta, PodRec } from './types.js';

export const nsKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** What an index answers: the records under a key. */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

const ORDINAL_NAME = /^(.+)-(0|[1-9]\d*)$/;
const newestFirst = (a: EventRec, b: EventRec) => (b.last ?? 0) - (a.last ?? 0);

const NAME: IndexDef<Meta> = { id: 'name', unique: true, keys: (r) => [nsKey(r.namespace, r.name)] };
const OWNER: IndexDef<Meta> = {
  id: 'owner',
  keys: (r) => {
    const owner = r.owners.find((o) => o.controller);
    return owner ? [owner.uid] : [];
  },
};
const ORDINAL_BASE: IndexDef<Meta> = {
  id: 'ordinal',
  keys: (r) => {
    const m = ORDINAL_NAME.exec(r.name);
    return m ? [nsKey(r.namespace, m[1]!)] : [];
  },
};
const CLAIM: IndexDef<PodRec> = { id: 'claim', keys: (p) => p.claimNames.map((c) => nsKey(p.namespace, c)) };
const ABOUT: IndexDef<EventRec> = {
  id: 'about',
  keys: (e) => [`${e.involved.kind}/${e.involved.namespace || e.namespace}/${e.involved.name}`],
  order: newestFirst,
};

/** The indexes the store keeps for a kind's records. */
export function indexesFor(kind: KindName): readonly IndexDef<any>[] {
  return kind === 'events' ? [ABOUT] : kind === 'pods' ? [NAME, OWNER, ORDINAL_BASE, CLAIM] : [NAME, OWNER, ORDINAL_BASE];
}

const built = new WeakMap<ReadonlyMap<string, unknown>, Map<string, Map<string, unknown>>>();

function indexOf<V>(records: ReadonlyMap<string, any>, def: IndexDef<any>): Lookup<V> {
  const kept = records instanceof RecordMap ? records.indexes.get(def.id) : undefined;
  if (kept) return kept as Lookup<V>;
  let byId = built.get(records);
  if (!byId) built.set(records, (byId = new Map()));
  let index = byId.get(def.id);
  if (!index) {
    index = new Map();
    for (const r of records.values()) {
      for (const k of def.keys(r)) {
        if (def.unique) index.set(k, r);
        else {
          const list = index.get(k) as unknown[] | undefined;
          if (list) list.push(r);
          else index.set(k, [r]);
        }
      }
    }
    if (def.order) for (const list of index.values()) (list as unknown[]).sort(def.order);
    byId.set(def.id, index);
  }
  return index as Lookup<V>;
}

/** Records by "namespace/name". */
export function byName<T extends Meta>(records: ReadonlyMap<string, T>): Lookup<T> {
  return indexOf<T>(records, NAME);
}

/** Records by the uid of their controller owner. */
export function byControllerUid<T extends Meta>(records: ReadonlyMap<string, T>): Lookup<readonly T[]> {
  return indexOf<readonly T[]>(records, OWNER);
}

/** Events by "Kind/namespace/name" of the object they are about, newest first. */
export function eventsByObject(events: ReadonlyMap<string, EventRec>): Lookup<readonly EventRec[]> {
  return indexOf<readonly EventRec[]>(events, ABOUT);
}

/** Pods by the claims they mount, "namespace/claim". */
export function byClaim(pods: ReadonlyMap<string, PodRec>): Lookup<readonly PodRec[]> {
  return indexOf<readonly PodRec[]>(pods, CLAIM);
}

const ordinalEntries = new WeakMap<readonly Meta[], { ordinal: number; record: Meta }[]>();

/**
 * Records named "<base>-<ordinal>" by "namespace/base": a StatefulSet's pods under its name, its
 * claims under "<template>-<name>". Saves scanning every pod and claim for every StatefulSet.
 */
export function byOrdinalBase<T extends Meta>(records: ReadonlyMap<string, T>): Lookup<readonly { ordinal: number; record: T }[]> {
  const index = indexOf<readonly T[]>(records, ORDINAL_BASE);
  return {
    get(key) {
      const list = index.get(key);
      if (!list) return undefined;
      let entries = ordinalEntries.get(list);
      if (!entries) ordinalEntries.set(list, (entries = list.map((record) => ({ ordinal: Number(ORDINAL_NAME.exec(record.name)![2]), record }))));
      return entries as { ordinal: number; record: T }[];
    },
  };
}
