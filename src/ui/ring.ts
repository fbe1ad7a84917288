// A bounded buffer for a log view: at most `capacity` items and `maxBytes` of them; the oldest go
// first. Items keep their sequence number, so a position survives the front being dropped.

export class Ring<T> {
  private readonly items: (T | undefined)[];
  private head = 0;
  private size = 0;
  private bytes = 0;
  private first = 0;

  constructor(
    readonly capacity: number,
    readonly maxBytes: number,
    private readonly sizeOf: (item: T) => number,
  ) {
    this.items = new Array<T | undefined>(capacity);
  }

  get length(): number {
    return this.size;
  }

  /** Sequence number of the oldest item kept. */
  get firstSeq(): number {
    return this.first;
  }

  /** Sequence number the next item will get (items pushed in all). */
  get nextSeq(): number {
    return this.first + this.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  push(item: T): void {
    const b = this.sizeOf(item);
    while (this.size > 0 && (this.size === this.capacity || this.bytes + b > this.maxBytes)) this.shift();
    this.items[(this.head + this.size) % this.capacity] = item;
    this.size++;
    this.bytes += b;
  }

  at(seq: number): T | undefined {
    const i = seq - this.first;
    return i >= 0 && i < this.size ? this.items[(this.head + i) % this.capacity] : undefined;
  }

  /** Oldest first, with their sequence numbers. */
  *entries(): IterableIterator<[number, T]> {
    for (let i = 0; i < this.size; i++) yield [this.first + i, this.items[(this.head + i) % this.capacity]!];
  }

  clear(): void {
    this.first += this.size;
    this.items.fill(undefined);
    this.head = this.size = this.bytes = 0;
  }

  private shift(): void {
    const item = this.items[this.head]!;
    this.items[this.head] = undefined;
    this.bytes -= this.sizeOf(item);
    this.head = (this.head + 1) % this.capacity;
    this.size--;
    this.first++;
  }
}
