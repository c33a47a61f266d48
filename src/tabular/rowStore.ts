/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 16777619;

/** The FNV-1a hash of `bytes[start, end)`, as the CSV byte reader computes it while scanning. */
export function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  return hash;
}

/**
 * Are the UTF-8 bytes `bytes[start, end)` empty or white space, as `trim` sees them? ASCII is looked at as bytes; a
 * text with other characters is decoded and trimmed, not kept (a cell no reading keeps, or one whose string is made
 * when a reader asks for it: RowStore.text).
 */
export function isBlankUtf8(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === 32 || (byte >= 9 && byte <= 13)) continue;
    if (byte < 0x80) return false;
    return bytes.toString('utf8', i, end).trim() === '';
  }
  return true;
}

/**
 * A table's rows as numbers: each distinct cell text is kept once, and a row is its cells' numbers in an
 * Int32Array. HR exports repeat a few thousand values (specialties, roles, months, ids) across a million cells,
 * so 100,000 candidates' rows take tens of megabytes instead of a string per cell; and what is read from a cell
 * (a label resolved, a date parsed) can be remembered per number, once for every row that repeats it.
 */
export class RowStore {
  /**
   * Each distinct cell text, by its number, while the store is read: those given as text (intern); a text found by
   * its bytes (internBytes) is undefined here, decoded each time it is asked for (text). After compact, a store that
   * keeps its texts' bytes lets these go too.
   */
  private texts: (string | undefined)[] = [];
  /** How many distinct texts a bytes-only store holds. */
  private textTotal = 0;

  /** How many distinct texts the store holds: their numbers are 0 up to this. */
  get textCount(): number {
    return this.bytesOnly ? this.textTotal : this.texts.length;
  }

  /**
   * The text of a number. A text read as bytes is decoded each time (a new string): each reader asks once per text
   * (the cell readers and the id reader remember what they read, by number). Kept here, every string of a lot's
   * tables lived as long as the lot and was copied twice by the young generation's collector on its way to the old:
   * on the diverse 100k batch, about 20 MB less survived it, and 210 MB less was allocated.
   */
  text(number: number): string {
    if (!this.bytesOnly) {
      const text = this.texts[number];
      if (text !== undefined) return text;
    }
    const start = this.startOf[number]!;
    return this.arena.toString('utf8', start, start + this.lengthOf[number]!);
  }
  /** Compacted with its texts' bytes kept and its strings let go: a text is decoded when asked for (text). */
  private bytesOnly = false;
  /**
   * Texts' numbers by text, for the text path (intern). Of a store of texts only: every text, those `add` kept
   * going in when intern next asks (up to `mapped`). Of one that keeps bytes: those intern was asked for; any other
   * is found by its bytes, then kept here too.
   */
  private readonly numbers = new Map<string, number>();
  /** A store of texts only: texts up to here are in `numbers`. */
  private mapped = 0;
  private cells = new Int32Array(1 << 12);
  /** Cells per row (the header's), fixed by the first row. */
  private width = -1;
  length = 0;

  /**
   * `textsOnly`: a table whose cells all come as text (a workbook's): its texts' bytes are not kept for a byte
   * reader that never comes (encoding each of half a million distinct texts cost a tenth of a workbook's reading).
   */
  constructor(private readonly textsOnly = false) {}

  /** The number of a text, kept if new: equal texts share one number (and one string). */
  intern(text: string): number {
    if (this.compacted) this.reopen();
    if (this.textsOnly) for (; this.mapped < this.texts.length; this.mapped++) this.numbers.set(this.texts[this.mapped]!, this.mapped);
    let number = this.numbers.get(text);
    if (number !== undefined) return number;
    if (this.textsOnly) number = this.texts.push(text) - 1;
    // Found by its bytes (the byte reader's texts are not in `numbers`), or kept with them, so that the byte reader
    // finds every text in its own table. A text with a lone surrogate (which no decoding makes) is its own: its
    // bytes, a replacement character's, would find another's.
    else if (LONE_SURROGATE.test(text)) number = this.texts.push(text) - 1;
    else {
      if (this.encoded.length < 3 * text.length) this.encoded = Buffer.allocUnsafe(Math.max(2 * this.encoded.length, 3 * text.length));
      const length = this.encoded.write(text, 0, 'utf8');
      number = this.internBytes(this.encoded, 0, length, fnv1a(this.encoded, 0, length), text);
    }
    this.numbers.set(text, number);
    return number;
  }

  /** Room to encode a text in, for intern (a UTF-16 code unit is at most 3 bytes of UTF-8). */
  private encoded = Buffer.allocUnsafe(256);

  /**
   * A text kept as given, not looked for among those kept (a store of texts only): for a copier whose texts are
   * distinct already (those of a store of a whole table, each once), so that copying rows looks no string up.
   */
  add(text: string): number {
    if (!this.textsOnly) throw new Error('only a table of texts only takes texts unlooked for');
    return this.texts.push(text) - 1;
  }

  // Texts by their UTF-8 bytes, for a store that keeps them (not of texts only): an open-addressing table of
  // (number + 1), 0 empty, over each text's bytes kept in an arena. Every text is in it: intern encodes its text.
  private slots = new Int32Array(1 << 12);
  private registered = 0;
  private hashOf = new Int32Array(1 << 10);
  private startOf = new Int32Array(1 << 10);
  private lengthOf = new Int32Array(1 << 10).fill(-1);
  private arena = Buffer.allocUnsafe(1 << 16);
  private arenaUsed = 0;

  /**
   * The number of the text whose UTF-8 bytes are `bytes[start, end)` (valid UTF-8), `hash` their FNV-1a hash as
   * the reader computed it while scanning: the text is not decoded here (see text); `text`, of the text path, is kept.
   */
  internBytes(bytes: Buffer, start: number, end: number, hash: number, text?: string): number {
    if (this.textsOnly) throw new Error('a table of texts only was given bytes');
    if (this.compacted) this.reopen();
    // Fields read once into locals: this runs for every cell of a batch.
    const { slots, hashOf, lengthOf, startOf, arena } = this;
    const mask = slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0) break;
      const number = entry - 1;
      if (hashOf[number] !== hash || lengthOf[number] !== length) continue;
      const at = startOf[number]! - start;
      let i = start;
      while (i < end && arena[at + i] === bytes[i]) i++;
      if (i === end) return number;
    }
    // Not met before, on either path (the text path registers its texts' bytes).
    const number = this.texts.push(text) - 1;
    this.register(number, bytes, start, length, hash);
    return number;
  }

  /**
   * The number here of the text numbered `number` in `from`, kept if new: found by the bytes `from` keeps of it (a
   * store being read, each text once), its string shared where `from` holds one; by its text when `from` keeps no bytes.
   */
  copyText(from: RowStore, number: number): number {
    if (this.textsOnly || from.textsOnly || from.compacted || !(from.lengthOf[number]! >= 0)) return this.intern(from.text(number));
    const start = from.startOf[number]!;
    return this.internBytes(from.arena, start, start + from.lengthOf[number]!, from.hashOf[number]!, from.texts[number]);
  }

  private register(number: number, bytes: Uint8Array, start: number, length: number, hash: number): void {
    if (number >= this.hashOf.length) {
      const size = Math.max(this.hashOf.length * 2, number + 1);
      for (const key of ['hashOf', 'startOf', 'lengthOf'] as const) {
        const grown = new Int32Array(size).fill(key === 'lengthOf' ? -1 : 0);
        grown.set(this[key]);
        this[key] = grown;
      }
    }
    if (this.arenaUsed + length > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaUsed + length));
      this.arena.copy(grown, 0, 0, this.arenaUsed);
      this.arena = grown;
    }
    // A short text (nearly every cell) byte by byte: a subarray for it was a new Buffer object for every text a store
    // keeps, millions of them in a batch.
    const { arena, arenaUsed } = this;
    if (length <= 64) for (let k = 0; k < length; k++) arena[arenaUsed + k] = bytes[start + k]!;
    else arena.set(bytes.subarray(start, start + length), arenaUsed);
    this.hashOf[number] = hash;
    this.startOf[number] = this.arenaUsed;
    this.lengthOf[number] = length;
    this.arenaUsed += length;
    // Kept at most half full, so that probes stay short.
    if (++this.registered * 2 > this.slots.length) this.rehash();
    else this.place(number);
  }

  private place(number: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashOf[number]! & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = number + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let number = 0; number < this.texts.length && number < this.lengthOf.length; number++) if (this.lengthOf[number]! >= 0) this.place(number);
  }

  /** How many times the store was emptied (clear): its numbers then are not those of now. */
  emptied = 0;

  /**
   * Empties the store for the rows of a next chunk of a file, keeping the room it grew to: a file read a chunk at a
   * time makes no new store (and its tables) a chunk.
   */
  clear(): void {
    if (this.compacted) this.reopen();
    this.texts.length = 0;
    this.numbers.clear();
    this.mapped = 0;
    this.width = -1;
    this.length = 0;
    this.slots.fill(0);
    this.lengthOf.fill(-1);
    this.registered = this.arenaUsed = 0;
    this.blank.fill(0);
    this.emptied++;
  }

  /** Compacted (see compact): what finds a text's number is let go until a text is added again. */
  private compacted = false;

  /**
   * The store as read, in as little memory as it takes: its rows' cells exactly as many as they are (grown by
   * doubling, up to half of them were room to grow), and what finds a text's number (the tables over its bytes,
   * the map of strings) let go. A store that keeps its texts' bytes (one not of texts only) also lets their
   * strings go, keeping the bytes: a whole company's texts then lie outside the JavaScript heap, whose collector
   * would otherwise let the heap grow to a multiple of them while the candidates are scored. That is all built
   * again should a text be added after all.
   */
  compact(): void {
    if (this.cells.length > this.length * this.columnCount) this.cells = this.cells.slice(0, this.length * this.columnCount);
    if (this.compacted) return;
    this.compacted = true;
    this.numbers.clear();
    this.mapped = 0;
    this.slots = new Int32Array(0);
    this.blank = new Uint8Array(0);
    if (!this.textsOnly) {
      this.bytesOnly = true;
      this.textTotal = this.texts.length;
      this.texts = [];
      this.hashOf = new Int32Array(0);
      this.startOf = this.startOf.slice(0, this.textTotal);
      this.lengthOf = this.lengthOf.slice(0, this.textTotal);
      this.arena = Buffer.from(this.arena.subarray(0, this.arenaUsed));
      return;
    }
    this.hashOf = this.startOf = this.lengthOf = new Int32Array(0);
    this.arena = Buffer.allocUnsafe(0);
    this.arenaUsed = this.registered = 0;
  }

  /** After compact: the texts found by their bytes again, or (of texts only) by `numbers`, brought up to date as intern asks. */
  private reopen(): void {
    if (this.bytesOnly) {
      this.texts = Array.from({ length: this.textTotal }, (_, number) => this.text(number));
      this.bytesOnly = false;
    }
    this.compacted = false;
    this.slots = new Int32Array(1 << 12);
    this.hashOf = new Int32Array(1 << 10);
    this.startOf = new Int32Array(1 << 10);
    this.lengthOf = new Int32Array(1 << 10).fill(-1);
    this.arena = Buffer.allocUnsafe(1 << 16);
    this.arenaUsed = this.registered = 0;
    if (this.textsOnly) return;
    for (let number = 0; number < this.texts.length; number++) {
      const bytes = Buffer.from(this.texts[number]!, 'utf8');
      this.register(number, bytes, 0, bytes.length, fnv1a(bytes, 0, bytes.length));
    }
  }

  private blank: Uint8Array = new Uint8Array(0);

  /** Is the text of this number empty or white space (memoised per number)? */
  isBlank(number: number): boolean {
    if (number >= this.blank.length) {
      const grown = new Uint8Array(Math.max(this.blank.length * 2, number + 1, 256));
      grown.set(this.blank);
      this.blank = grown;
    }
    if (this.blank[number] === 0) this.blank[number] = this.blankText(number) ? 2 : 1;
    return this.blank[number] === 2;
  }

  /**
   * Is a text empty or white space? By its bytes where the store keeps them (a row's first cell, asked of every new
   * id, was decoded for this alone, and again for the id).
   */
  private blankText(number: number): boolean {
    const text = this.bytesOnly ? undefined : this.texts[number];
    if (text !== undefined || !(this.lengthOf[number]! >= 0)) return (text ?? this.text(number)).trim() === '';
    const start = this.startOf[number]!;
    return isBlankUtf8(this.arena, start, start + this.lengthOf[number]!);
  }

  push(cells: readonly string[]): void {
    const at = this.slotOfRow(cells.length);
    for (let i = 0; i < this.width; i++) this.cells[at + i] = this.intern(cells[i]!);
    this.length++;
  }

  /** A row given as its cells' numbers (the first `count` of `numbers`). */
  pushNumbers(numbers: Int32Array, count: number): void {
    const at = this.slotOfRow(count);
    for (let i = 0; i < count; i++) this.cells[at + i] = numbers[i]!;
    this.length++;
  }

  private slotOfRow(cells: number): number {
    if (this.width === -1) this.width = cells;
    if (cells !== this.width) throw new RangeError(`row of ${cells} cells in a table of ${this.width}`);
    const at = this.length * this.width;
    if (at + this.width > this.cells.length) {
      const grown = new Int32Array(Math.max(this.cells.length * 2, at + this.width));
      grown.set(this.cells);
      this.cells = grown;
    }
    return at;
  }

  /**
   * A new store of this one's rows from row `first` on, each text they use kept once (found by its bytes where
   * this store keeps them): for a reading that goes on filling a store after handing on the rows before (see
   * Reading's `gathered`), which copies only the rows read ahead.
   */
  rowsFrom(first: number): RowStore {
    const store = new RowStore(this.textsOnly);
    const numbers = new Int32Array(this.textCount).fill(-1);
    const width = this.columnCount;
    const cells = new Int32Array(width);
    for (let row = first; row < this.length; row++) {
      for (let c = 0; c < width; c++) {
        const number = this.cells[row * width + c]!;
        if (numbers[number] === -1) numbers[number] = this.textsOnly ? store.add(this.texts[number]!) : store.copyText(this, number);
        cells[c] = numbers[number]!;
      }
      store.pushNumbers(cells, width);
    }
    return store;
  }

  /** Cells a row (0 before the first row). */
  get columnCount(): number {
    return Math.max(this.width, 0);
  }

  /** The number of a row's cell (0-based row and column). */
  cell(row: number, column: number): number {
    return this.cells[row * this.width + column]!;
  }

  /**
   * A row's cells as text. `decoded`: the texts decoded so far, by number, filled as it goes, for a caller that reads
   * many rows of a store whose texts are kept as bytes (one being read, or compacted) and should decode each text once.
   */
  get(row: number, decoded?: (string | undefined)[]): string[] {
    const cells: string[] = [];
    for (let i = 0; i < this.width; i++) {
      const number = this.cells[row * this.width + i]!;
      cells.push(decoded ? (decoded[number] ??= this.text(number)) : this.text(number));
    }
    return cells;
  }
}
