// A kind's records in a snapshot: an immutable map split into chunks by key. The store publishes a
// change to one record by copying one chunk, not the whole map, and the indexes lookup.ts builds
// over a chunk are reused by every later snapshot that shares it.

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

/** The chunks of a snapshot's map (a plain Map, as fixtures build them, is one chunk). */
export function chunksOf<T>(records: ReadonlyMap<string, T>): readonly ReadonlyMap<string, T>[] {
  return records instanceof RecordMap ? records.chunks : [records];
}

/** The store's side: changes in place, copying a chunk only while a published map still holds it. */
export class RecordMapWriter<T> {
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
