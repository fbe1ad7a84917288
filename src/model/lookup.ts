// Lookups over a snapshot's records. Each index is built per chunk of a record map (record-map.ts)
// and kept while that chunk is unchanged, so a snapshot that changed by one record rebuilds the
// index of one chunk; a lookup asks every chunk's index and remembers the answer for its snapshot.
import { chunksOf } from './record-map.js';
import type { EventRec, Meta } from './types.js';

export const nsKey = (namespace: string, name: string): string => `${namespace}/${name}`;

/** What an index answers: the records under a key. */
export interface Lookup<V> {
  get(key: string): V | undefined;
}

type ChunkIndex<T, V> = (chunk: ReadonlyMap<string, T>) => Map<string, V>;

/**
 * One index over a snapshot's records: `build` indexes one chunk, `merge` joins what several chunks
 * hold under one key. Cached per chunk and per snapshot map.
 */
function chunkedIndex<T, V>(build: ChunkIndex<T, V>, merge: (parts: V[]) => V): (records: ReadonlyMap<string, T>) => Lookup<V> {
  const perChunk = new WeakMap<ReadonlyMap<string, T>, Map<string, V>>();
  const perMap = new WeakMap<ReadonlyMap<string, T>, Lookup<V>>();
  const indexOf = (chunk: ReadonlyMap<string, T>) => {
    let index = perChunk.get(chunk);
    if (!index) perChunk.set(chunk, (index = build(chunk)));
    return index;
  };
  return (records) => {
    let lookup = perMap.get(records);
    if (lookup) return lookup;
    const chunks = chunksOf(records);
    if (chunks.length === 1) lookup = indexOf(chunks[0]!);
    else {
      const answers = new Map<string, V | undefined>();
      lookup = {
        get(key) {
          if (answers.has(key)) return answers.get(key);
          const parts: V[] = [];
          for (const c of chunks) {
            const v = indexOf(c).get(key);
            if (v !== undefined) parts.push(v);
          }
          const answer = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : merge(parts);
          answers.set(key, answer);
          return answer;
        },
      };
    }
    perMap.set(records, lookup);
    return lookup;
  };
}

function group<T, V>(chunk: ReadonlyMap<string, T>, keyed: (r: T) => [string, V] | null): Map<string, V[]> {
  const index = new Map<string, V[]>();
  for (const r of chunk.values()) {
    const kv = keyed(r);
    if (!kv) continue;
    const list = index.get(kv[0]);
    if (list) list.push(kv[1]);
    else index.set(kv[0], [kv[1]]);
  }
  return index;
}

const first = <V>(parts: V[]): V => parts[0]!;
const concat = <V>(parts: V[][]): V[] => parts.flat();
const newestFirst = (a: EventRec, b: EventRec) => (b.last ?? 0) - (a.last ?? 0);

const nameIndex = chunkedIndex<Meta, Meta>((chunk) => {
  const index = new Map<string, Meta>();
  for (const r of chunk.values()) index.set(nsKey(r.namespace, r.name), r);
  return index;
}, first);

/** Records by "namespace/name". */
export function byName<T extends Meta>(records: ReadonlyMap<string, T>): Lookup<T> {
  return nameIndex(records) as Lookup<T>;
}

const ownerIndex = chunkedIndex<Meta, Meta[]>(
  (chunk) =>
    group(chunk, (r) => {
      const owner = r.owners.find((o) => o.controller);
      return owner ? [owner.uid, r] : null;
    }),
  concat,
);

/** Records by the uid of their controller owner. */
export function byControllerUid<T extends Meta>(records: ReadonlyMap<string, T>): Lookup<readonly T[]> {
  return ownerIndex(records) as unknown as Lookup<readonly T[]>;
}

const eventIndex = chunkedIndex<EventRec, EventRec[]>(
  (chunk) => {
    const index = group(chunk, (e) => [`${e.involved.kind}/${e.involved.namespace || e.namespace}/${e.involved.name}`, e]);
    for (const list of index.values()) list.sort(newestFirst);
    return index;
  },
  (parts) => concat(parts).sort(newestFirst),
);

/** Events by "Kind/namespace/name" of the object they are about, newest first. */
export function eventsByObject(events: ReadonlyMap<string, EventRec>): Lookup<readonly EventRec[]> {
  return eventIndex(events);
}

const ORDINAL_NAME = /^(.+)-(0|[1-9]\d*)$/;

const ordinalIndex = chunkedIndex<Meta, { ordinal: number; record: Meta }[]>(
  (chunk) =>
    group(chunk, (r) => {
      const m = ORDINAL_NAME.exec(r.name);
      return m ? [nsKey(r.namespace, m[1]!), { ordinal: Number(m[2]), record: r }] : null;
    }),
  concat,
);

/**
 * Records named "<base>-<ordinal>" by "namespace/base": a StatefulSet's pods under its name, its
 * claims under "<template>-<name>". Saves scanning every pod and claim for every StatefulSet.
 */
export function byOrdinalBase<T extends Meta>(records: ReadonlyMap<string, T>): Lookup<readonly { ordinal: number; record: T }[]> {
  return ordinalIndex(records) as unknown as Lookup<readonly { ordinal: number; record: T }[]>;
}
