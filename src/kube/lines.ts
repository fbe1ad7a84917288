// Bytes of a log stream cut into lines. Each line is decoded from its own bytes, so a kept line
// never pins the chunk it came in (a sliced string would), and a line longer than `maxBytes` is
// cut there, so a stream without newlines cannot grow memory without bound.

const NL = 0x0a;

export class LineSplitter {
  private rest: Buffer | null = null;
  /** Bytes dropped from the line being read, because it passed maxBytes. */
  private dropped = 0;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly maxBytes = 16 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(NL); nl >= 0; nl = chunk.indexOf(NL, start)) {
      this.emit(chunk, start, nl);
      start = nl + 1;
    }
    if (start < chunk.length) this.keep(chunk, start, chunk.length);
  }

  /** The last line, when the stream ended without a newline. */
  end(): void {
    if (this.rest || this.dropped) this.emit(Buffer.alloc(0), 0, 0);
  }

  private emit(chunk: Buffer, start: number, end: number): void {
    let bytes = chunk.subarray(start, end);
    if (this.rest) {
      bytes = Buffer.concat([this.rest, bytes.subarray(0, Math.max(0, this.maxBytes - this.rest.length))]);
      this.dropped += end - start - (bytes.length - this.rest.length);
      this.rest = null;
    } else if (bytes.length > this.maxBytes) {
      this.dropped += bytes.length - this.maxBytes;
      bytes = bytes.subarray(0, this.maxBytes);
    }
    if (bytes.length && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, -1);
    const text = bytes.toString('utf8');
    this.onLine(this.dropped ? `${text}… [${this.dropped} bytes cut]` : text);
    this.dropped = 0;
  }

  private keep(chunk: Buffer, start: number, end: number): void {
    const have = this.rest?.length ?? 0;
    const room = Math.max(0, this.maxBytes - have);
    const take = Math.min(room, end - start);
    this.dropped += end - start - take;
    // A copy: the chunk itself is not kept.
    this.rest = Buffer.concat([this.rest ?? Buffer.alloc(0), chunk.subarray(start, start + take)]);
  }
}

/**
 * Bytes of a log stream cut into lines but otherwise as they came: not decoded, not cut, not
 * stripped (`kstate logs` into a pipe or a file, byte for byte what `kubectl logs` writes). A line
 * longer than `pieceBytes` comes in pieces, so one without a newline does not grow memory without
 * bound: `first` says a piece starts its line, `end` how it ends it ('newline', 'eof' for a last
 * line without one, null when the line goes on).
 */
export class ByteLineSplitter {
  private rest: Buffer[] = [];
  private restBytes = 0;
  private midLine = false;

  constructor(
    private readonly onPiece: (bytes: Buffer, first: boolean, end: 'newline' | 'eof' | null) => void,
    private readonly pieceBytes = 64 * 1024,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(NL); nl >= 0; nl = chunk.indexOf(NL, start)) {
      this.piece(chunk.subarray(start, nl), 'newline');
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.rest.push(Buffer.from(chunk.subarray(start)));
      this.restBytes += chunk.length - start;
      if (this.restBytes >= this.pieceBytes) this.piece(Buffer.alloc(0), null);
    }
  }

  end(): void {
    if (this.restBytes > 0) this.piece(Buffer.alloc(0), 'eof');
  }

  private piece(tail: Buffer, end: 'newline' | 'eof' | null): void {
    const bytes = this.restBytes ? Buffer.concat([...this.rest, tail]) : tail;
    this.rest = [];
    this.restBytes = 0;
    this.onPiece(bytes, !this.midLine, end);
    this.midLine = end === null;
  }
}
