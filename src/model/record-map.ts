// A kind's records in a snapshot: an immutable map split into chunks by key, with its indexes
// (lookup.ts defines them) kept the same way. The store publishes a change to one record by copying
// the one chunk of the records and of each index it touched, never the whole map.

export const CHUNKS = 16;

/** Which chunk holds a key: a hash of its last characters (uids are random hex). */
export function chunkOf(key: string): number {
  let h = 0;
  for (let i = Math.max(0, key.length - 8); i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return (h >>> 0) % CHUNKS;
}

export class RecordMap<T> implements ReadonlyMap<string, T> {
  constructor(
    readonly chunks: readonly ReadonlyMap<string, T>[],
    readonly size: number,
    /** Index id → index (a RecordMap of index key → record, or → records). */
    readonly indexes: ReadonlyMap<string, RecordMap<unknown>> = new Map(),
  ) {}

  get(key: string): T | undefined {
    return this.chunks[chunkOf(key)]!.get(key);
  }

  has(key: string): boolean {
    return this.chunks[chunkOf(key)]!.has(key);
  }

  *entries(): MapIterator<[string, T]> {
    for (const c of this.chunks) yield* c.entries();
  }

  *keys(): MapIterator<string> {
    for (const c of this.chunks) yield* c.keys();
  }

  *values(): MapIterator<T> {
    for (const c of this.chunks) yield* c.values();
  }

  [Symbol.iterator](): MapIterator<[string, T]> {
    return this.entries();
  }

  forEach(fn: (value: T, key: string, map: ReadonlyMap<string, T>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
}

/** Changes in place, copying a chunk only while a published map still holds it. */
class ChunkedWriter<T> {
  private chunks: Map<string, T>[] = emptyChunks();
  /** Chunks a published RecordMap holds: copied before they change. */
  private readonly shared: boolean[] = new Array<boolean>(CHUNKS).fill(false);
  private count = 0;
  private published: RecordMap<T> | null = null;

  get size(): number {
    return this.count;
  }

  get(key: string): T | undefined {
    return this.chunks[chunkOf(key)]!.get(key);
  }

  has(key: string): boolean {
    return this.chunks[chunkOf(key)]!.has(key);
  }

  *values(): IterableIterator<T> {
    for (const c of this.chunks) yield* c.values();
  }

  set(key: string, value: T): void {
    const chunk = this.own(chunkOf(key));
    if (!chunk.has(key)) this.count++;
    chunk.set(key, value);
  }

  delete(key: string): boolean {
    const i = chunkOf(key);
    if (!this.chunks[i]!.has(key)) return false;
    this.own(i).delete(key);
    this.count--;
    return true;
  }

  /** Everything at once (a list): fresh chunks. */
  replace(records: ReadonlyMap<string, T>): void {
    this.chunks = emptyChunks();
    this.shared.fill(false);
    this.count = 0;
    this.published = null;
    for (const [k, v] of records) this.set(k, v);
  }

  /** An immutable view of the records now; the same object until something changes. */
  publish(): RecordMap<T> {
    if (!this.published) {
      this.published = new RecordMap<T>([...this.chunks], this.count);
      this.shared.fill(true);
    }
    return this.published;
  }

  private own(i: number): Map<string, T> {
    this.published = null;
    if (this.shared[i]) {
      this.chunks[i] = new Map(this.chunks[i]);
      this.shared[i] = false;
    }
    return this.chunks[i]!;
  }
}

function emptyChunks<T>(): Map<string, T>[] {
  return Array.from({ length: CHUNKS }, () => new Map<string, T>());
}

/**
 * An index over records: the keys a record is found under. Unique: one record per key (a name);
 * otherwise every record under a key, in `order` when given.
 */
export interface IndexDef<T> {
  readonly id: string;
  keys(record: T): readonly string[];
  readonly unique?: boolean;
  order?(a: T, b: T): number;
}

/** The store's side: records and their indexes, changed in place, published as RecordMaps. */
export class RecordMapWriter<T> {
  private readonly records = new ChunkedWriter<T>();
  private readonly indexWriters: ChunkedWriter<unknown>[];
  private published: RecordMap<T> | null = null;

  constructor(private readonly defs: readonly IndexDef<T>[] = []) {
    this.indexWriters = defs.map(() => new ChunkedWriter<unknown>());
  }

  get size(): number {
    return this.records.size;
  }

  get(key: string): T | undefined {
    return this.records.get(key);
  }

  has(key: string): boolean {
    return this.records.has(key);
  }

  values(): IterableIterator<T> {
    return this.records.values();
  }

  set(key: string, value: T): void {
    const old = this.records.get(key);
    this.records.set(key, value);
    this.reindex(old, value);
  }

  delete(key: string): boolean {
    const old = this.records.get(key);
    if (old === undefined) return false;
    this.records.delete(key);
    this.reindex(old, undefined);
    return true;
  }

  replace(records: ReadonlyMap<string, T>): void {
    this.records.replace(new Map());
    for (const w of this.indexWriters) w.replace(new Map());
    this.published = null;
    for (const [k, v] of records) this.set(k, v);
  }

  publish(): RecordMap<T> {
    if (!this.published) {
      const base = this.records.publish();
      const indexes = new Map(this.defs.map((d, i) => [d.id, this.indexWriters[i]!.publish()]));
      this.published = new RecordMap(base.chunks, base.size, indexes);
    }
    return this.published;
  }

  private reindex(old: T | undefined, value: T | undefined): void {
    this.published = null;
    this.defs.forEach((def, i) => {
      const index = this.indexWriters[i]!;
      const oldKeys = old === undefined ? [] : def.keys(old);
      const newKeys = value === undefined ? [] : def.keys(value);
      if (def.unique) {
        for (const k of oldKeys) if (!newKeys.includes(k) && index.get(k) === old) index.delete(k);
        for (const k of newKeys) index.set(k, value);
        return;
      }
      for (const k of new Set([...oldKeys, ...newKeys])) {
        const before = (index.get(k) as T[] | undefined) ?? [];
        const after = before.filter((r) => r !== old);
        if (value !== undefined && newKeys.includes(k)) {
          after.push(value);
          if (def.order) after.sort(def.order);
        }
        if (after.length) index.set(k, after);
        else index.delete(k);
      }
    });
  }
}
