/**
 * A growing column of numbers kept as a list of chunks: appending never copies what is already stored
 * (doubling an array copies it and leaves up to half of it unused), and `take` makes the one exact-size
 * array the table keeps, releasing the chunks. Chunks start small (a 5,000-column table with a few rows
 * stays small) and grow to CHUNK_MAX values.
 */
const CHUNK_MIN = 256;
const CHUNK_MAX = 1 << 16;

type Values = Float64Array | Int32Array;

export class ChunkedValues<T extends Values> {
  private full: T[] = [];
  private fullLength = 0;
  private current: T;
  private fill = 0;

  constructor(private readonly make: (length: number) => T) {
    this.current = make(CHUNK_MIN);
  }

  get length(): number {
    return this.fullLength + this.fill;
  }

  push(value: number): void {
    if (this.fill === this.current.length) this.nextChunk();
    this.current[this.fill++] = value;
  }

  /** Calls `visit` with every stored value in order (for re-encoding a column that turned out to be text). */
  forEach(visit: (value: number, index: number) => void): void {
    let index = 0;
    for (const chunk of this.full) for (let i = 0; i < chunk.length; i++) visit(chunk[i], index++);
    for (let i = 0; i < this.fill; i++) visit(this.current[i], index++);
  }

  /** The values as one array of exactly `length` elements; the chunks are released (the builder is done). */
  take(): T {
    const out = this.make(this.length);
    let offset = 0;
    for (const chunk of this.full) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    out.set(this.current.subarray(0, this.fill), offset);
    this.full = [];
    this.fullLength = 0;
    this.current = this.make(0);
    this.fill = 0;
    return out;
  }

  private nextChunk(): void {
    if (this.current.length > 0) {
      this.full.push(this.current);
      this.fullLength += this.current.length;
    }
    this.current = this.make(Math.min(CHUNK_MAX, Math.max(CHUNK_MIN, this.current.length * 2)));
    this.fill = 0;
  }
}
