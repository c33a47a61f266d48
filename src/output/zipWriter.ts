import { constants, crc32, deflateRawSync } from 'node:zlib';

/** Where a zip's bytes go, in order (an AtomicFile: buffered, atomic, failures reported as `unwritable`). */
export interface ByteSink {
  writeBytes(data: Uint8Array): void;
}

/** Bytes gathered before they are deflated: large enough that each deflate call is worth its set-up. */
const CHUNK_BYTES = 1 << 20;
/**
 * Fast deflate: a sheet's XML repeats itself, so level 1 already takes it to about an eighth. (At 100k candidates,
 * level 3 made a tenth fewer bytes for twice the deflate time, about 0.7 s more.)
 */
const LEVEL = 1;
/**
 * Past this a zip needs ZIP64 records, which this writer does not write: a sheet of Excel's 1,048,576 rows is about
 * 400 MB of XML, and the whole workbook at 100k candidates 56 MB.
 */
const ZIP32_LIMIT = 0xffffffff;

/**
 * A part's bytes, deflated as they come, a chunk at a time, handing out the compressed bytes. Written as text
 * (UTF-8) or straight into `buffer` (`reserve`, then `at` moved on): a sheet's rows are bytes a writer puts there
 * itself, with no string made for them.
 *
 * Deflate runs synchronously (`deflateRawSync`): each chunk but the last ends with a sync flush, which closes its
 * blocks on a byte boundary without ending the stream, so the chunks joined are one raw deflate stream (each
 * starts without the previous one's window, which costs a few bytes a megabyte). Synchronous, rows are never
 * queued behind an asynchronous stream: memory stays at one chunk whatever the pace, and a failure is thrown where
 * the row was added.
 */
export class DeflatedText {
  buffer = Buffer.allocUnsafe(CHUNK_BYTES + SLACK_BYTES);
  /** Where the next byte goes in `buffer`. */
  at = 0;
  crc = 0;
  size = 0;
  compressedSize = 0;

  constructor(private readonly out: (compressed: Buffer) => void) {}

  /** Room for `bytes` more at `at`: what is buffered is deflated first when it is a chunk or they would not fit. */
  reserve(bytes: number): void {
    if (this.at + bytes <= this.buffer.length && this.at < CHUNK_BYTES) return;
    this.deflate(false);
    if (bytes > this.buffer.length) this.buffer = Buffer.allocUnsafe(bytes);
  }

  write(text: string): void {
    // At most 3 bytes a UTF-16 unit.
    this.reserve(text.length * 3);
    this.at += this.buffer.write(text, this.at);
  }

  /** The rest, and the end of the deflate stream. */
  end(): void {
    this.deflate(true);
  }

  private deflate(last: boolean): void {
    if (this.at === 0 && !last) return;
    const data = this.buffer.subarray(0, this.at);
    this.crc = crc32(data, this.crc);
    this.size += data.length;
    const compressed = deflateRawSync(data, { level: LEVEL, chunkSize: 1 << 18, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH });
    this.compressedSize += compressed.length;
    this.at = 0;
    if (compressed.length > 0) this.out(compressed);
  }
}

/** Room past a chunk for what is written before the chunk is deflated (a row; a longer text gets a buffer of its own). */
const SLACK_BYTES = 1 << 16;

interface Entry {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  /** Sizes and CRC in a data descriptor after the data (written while they were not yet known). */
  descriptor: boolean;
}

/**
 * A zip archive written front to back, deflated entries only: a local header, the data, then (for an entry
 * streamed before its sizes were known) a data descriptor; the central directory and its end record last. Never
 * seeks, so it writes through any byte sink.
 */
export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private open: { entry: Entry; text: DeflatedText } | undefined;
  /** One time for every entry: the moment the archive was begun, in MS-DOS form. */
  private readonly time: number;
  private readonly date: number;

  constructor(private readonly sink: ByteSink) {
    const now = new Date();
    this.time = (now.getHours() << 11) | (now.getMinutes() << 5) | (now.getSeconds() >> 1);
    this.date = ((Math.max(1980, now.getFullYear()) - 1980) << 9) | ((now.getMonth() + 1) << 5) | now.getDate();
  }

  /**
   * Begins an entry whose text is streamed: its local header now (sizes unknown: flag bit 3), its data as it is
   * deflated, its descriptor on `endEntry`. One entry at a time.
   */
  beginEntry(name: string): DeflatedText {
    if (this.open) throw new Error(`zip entry ${this.open.entry.name.toString()} is still open`);
    const entry: Entry = { name: Buffer.from(name, 'utf8'), crc: 0, compressedSize: 0, size: 0, offset: this.offset, descriptor: true };
    this.write(this.localHeader(entry));
    const text = new DeflatedText((compressed) => this.write(compressed));
    this.open = { entry, text };
    return text;
  }

  endEntry(): void {
    if (!this.open) return;
    const { entry, text } = this.open;
    this.open = undefined;
    text.end();
    Object.assign(entry, { crc: text.crc, compressedSize: text.compressedSize, size: text.size });
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    descriptor.writeUInt32LE(checked(entry.compressedSize), 8);
    descriptor.writeUInt32LE(checked(entry.size), 12);
    this.write(descriptor);
    this.entries.push(entry);
  }

  /** An entry already deflated (chunks of a DeflatedText kept aside), with its sizes in its local header. */
  addDeflated(name: string, chunks: readonly Buffer[], text: DeflatedText): void {
    if (this.open) throw new Error(`zip entry ${this.open.entry.name.toString()} is still open`);
    const entry: Entry = { name: Buffer.from(name, 'utf8'), crc: text.crc, compressedSize: text.compressedSize, size: text.size, offset: this.offset, descriptor: false };
    this.write(this.localHeader(entry));
    for (const chunk of chunks) this.write(chunk);
    this.entries.push(entry);
  }

  /** A small entry given whole. */
  addText(name: string, content: string): void {
    const chunks: Buffer[] = [];
    const text = new DeflatedText((compressed) => chunks.push(compressed));
    text.write(content);
    text.end();
    this.addDeflated(name, chunks, text);
  }

  /** The central directory and its end record: the archive is complete. */
  finish(): void {
    this.endEntry();
    const start = this.offset;
    for (const entry of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4); // made by: MS-DOS attributes, zip 2.0
      header.writeUInt16LE(20, 6); // needed to extract: deflate
      header.writeUInt16LE(entry.descriptor ? 0x0808 : 0x0800, 8); // UTF-8 names; bit 3: a data descriptor follows
      header.writeUInt16LE(8, 10); // deflated
      header.writeUInt16LE(this.time, 12);
      header.writeUInt16LE(this.date, 14);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(checked(entry.compressedSize), 20);
      header.writeUInt32LE(checked(entry.size), 24);
      header.writeUInt16LE(entry.name.length, 28);
      header.writeUInt32LE(checked(entry.offset), 42);
      this.write(header);
      this.write(entry.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(checked(this.offset - start), 12);
    end.writeUInt32LE(checked(start), 16);
    this.write(end);
  }

  private localHeader(entry: Entry): Buffer {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(entry.descriptor ? 0x0808 : 0x0800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(checked(entry.compressedSize), 18);
    header.writeUInt32LE(checked(entry.size), 22);
    header.writeUInt16LE(entry.name.length, 26);
    return Buffer.concat([header, entry.name]);
  }

  private write(data: Uint8Array): void {
    this.sink.writeBytes(data);
    this.offset += data.length;
  }
}

function checked(n: number): number {
  if (n > ZIP32_LIMIT) throw new Error('the workbook passes 4 GB, the limit of a zip without ZIP64 records');
  return n;
}
