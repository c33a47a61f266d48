import { FNV_OFFSET, FNV_PRIME } from '../tabular/rowStore.js';

/**
 * A reading of texts remembered by text, up to `capacity` texts (then it starts again, so that memory stays
 * bounded): an open-addressing table of the texts' FNV-1a hashes over their UTF-16 code units, the hashes kept
 * beside the slots so that a probe compares a number before it reads a string.
 *
 * Why not a Map: a batch asks with the texts of each lot's tables, new strings every few thousand candidates, and a
 * Map hashes each new string object with V8's own string hash before it looks; 376,000 lookups of a diverse 100k
 * batch took 0.39 s of a CPU profile on `memo.get` alone.
 */
export class RememberedTexts<T> {
  /** Per slot: the entry's index + 1, 0 empty. Twice the entries at most, so that probes stay short. */
  private slots = new Int32Array(1 << 10);
  /** Per slot: the hash of its entry's text. */
  private hashes = new Int32Array(1 << 10);
  private texts: string[] = [];
  private values: T[] = [];

  constructor(
    private readonly read: (text: string) => T,
    private readonly capacity: number,
  ) {}

  /** The reading of `text`: remembered, or read now and remembered. */
  of(text: string): T {
    let hash = FNV_OFFSET;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
    const { slots, hashes, texts } = this;
    const mask = slots.length - 1;
    for (let slot = hash & mask, entry = slots[slot]!; entry !== 0; slot = (slot + 1) & mask, entry = slots[slot]!) {
      if (hashes[slot] === hash && texts[entry - 1] === text) return this.values[entry - 1]!;
    }
    const value = this.read(text);
    if (this.texts.length >= this.capacity) this.forget();
    if (2 * (this.texts.length + 1) > this.slots.length) this.grow();
    // Probed again (the slot just found is in cache): the table may have been emptied or grown.
    const slot = this.freeSlot(hash);
    this.slots[slot] = this.texts.push(text);
    this.hashes[slot] = hash;
    this.values.push(value);
    return value;
  }

  private freeSlot(hash: number): number {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    return slot;
  }

  /** Every text let go: the table keeps its size (it has been needed once). */
  private forget(): void {
    this.slots.fill(0);
    this.texts = [];
    this.values = [];
  }

  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    for (let s = 0; s < slots.length; s++) {
      if (slots[s] === 0) continue;
      const slot = this.freeSlot(hashes[s]!);
      this.slots[slot] = slots[s]!;
      this.hashes[slot] = hashes[s]!;
    }
  }
}
