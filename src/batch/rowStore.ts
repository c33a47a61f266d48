/**
 * Rows of a large CSV kept as UTF-8 bytes in blocks of about 4 MB, with typed-array offsets: a JS string per row
 * costs its header and, for a row with any Japanese character, two bytes per character; this costs the bytes.
 * At 100,000 candidates (130 MB of CSV) it halves the heap that must stay live until every candidate is joined.
 */
const BLOCK_BYTES = 4 << 20;

export class RowStore {
  private readonly blocks: Buffer[] = [];
  private pending: string[] = [];
  private pendingBytes = 0;
  private blockOf = new Int32Array(1024);
  private startOf = new Int32Array(1024);
  private endOf = new Int32Array(1024);
  length = 0;

  push(row: string): void {
    if (this.length === this.blockOf.length) this.grow();
    const bytes = Buffer.byteLength(row);
    this.blockOf[this.length] = this.blocks.length;
    this.startOf[this.length] = this.pendingBytes;
    this.endOf[this.length] = this.pendingBytes + bytes;
    this.length++;
    this.pending.push(row);
    this.pendingBytes += bytes;
    if (this.pendingBytes >= BLOCK_BYTES) this.seal();
  }

  /** Ends the current block (called when reading is done). */
  seal(): void {
    if (this.pending.length === 0) return;
    this.blocks.push(Buffer.from(this.pending.join(''), 'utf8'));
    this.pending = [];
    this.pendingBytes = 0;
  }

  get(index: number): string {
    const block = this.blockOf[index]!;
    if (block === this.blocks.length) this.seal(); // read before sealing: seal now
    return this.blocks[block]!.toString('utf8', this.startOf[index], this.endOf[index]);
  }

  private grow(): void {
    const size = this.blockOf.length * 2;
    for (const key of ['blockOf', 'startOf', 'endOf'] as const) {
      const next = new Int32Array(size);
      next.set(this[key]);
      this[key] = next;
    }
  }
}
