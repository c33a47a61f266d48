import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { posix } from 'node:path';
import { createInflateRaw } from 'node:zlib';

/** Why a workbook's zip cannot be read: damaged or not a zip, a part too large (a zip bomb), or a part missing. */
export class ZipError extends Error {
  constructor(
    readonly problem: 'damaged' | 'too-large' | 'encrypted',
    /** The part concerned, when one is. */
    readonly part?: string,
    /** The bound a part passed (too-large). */
    readonly limit?: number,
  ) {
    super(`${problem}${part ? ` (${part})` : ''}`);
  }
}

/** One part of the zip, as its central directory lists it. */
interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** How far a part may inflate: in bytes, and in bytes per compressed byte once past `ratioFrom`. */
export interface InflateLimit {
  bytes: number;
  ratio: number;
  ratioFrom: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const CHUNK_BYTES = 1 << 20;

/**
 * A zip read by its central directory (the list of parts at its end), whatever order its parts were written
 * in: a part is opened when its reader asks for it, and inflated as a stream, never written to disk. Each part
 * is bounded by its declared size and by the caller's limit, so a zip bomb stops at the bound, not at the
 * machine's memory. Stored and deflated parts; ZIP64 sizes; data descriptors (sizes are the central
 * directory's); no encryption.
 */
export class ZipArchive {
  /** Compressed bytes of the parts read to their end. */
  private partsRead = 0;

  private constructor(
    private readonly file: string,
    private readonly fd: number,
    private readonly entries: Map<string, ZipEntry>,
    private readonly onRead: ((bytes: number) => void) | undefined,
  ) {}

  /**
   * `onRead`: told, as each chunk is inflated, how many of the file's bytes its parts have taken so far (the parts
   * read to their end, and of the one being read its share by what it has inflated): once a chunk (up to 1 MB).
   */
  static open(file: string, onRead?: (bytes: number) => void): ZipArchive {
    const fd = openSync(file, 'r');
    try {
      return new ZipArchive(file, fd, readCentralDirectory(fd), onRead);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  /** Does the zip hold this part (OPC part names compare without case, without a leading slash)? */
  has(name: string): boolean {
    return this.entries.has(partKey(name));
  }

  /**
   * The part's bytes, inflated, chunk by chunk (up to about 1 MB each). Throws ZipError when the part inflates
   * beyond its declared size or the limit, or is damaged.
   */
  async *bytes(name: string, limit: InflateLimit): AsyncGenerator<Buffer> {
    const entry = this.entries.get(partKey(name));
    if (!entry) throw new ZipError('damaged', name);
    if (entry.flags & 1) throw new ZipError('encrypted', entry.name);
    if (entry.size > limit.bytes) throw new ZipError('too-large', entry.name, limit.bytes);
    if (entry.compressedSize === 0 && entry.size === 0) return;
    const start = dataOffset(this.fd, entry);
    const raw = createReadStream(this.file, { start, end: start + entry.compressedSize - 1, highWaterMark: CHUNK_BYTES });
    const source = entry.method === 0 ? raw : entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: CHUNK_BYTES })) : undefined;
    if (!source) {
      raw.destroy();
      throw new ZipError('damaged', entry.name);
    }
    raw.on('error', (error) => source.destroy(error));
    let inflated = 0;
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        // A part may not grow beyond what the directory says it is (a bomb may say it is small), nor beyond the
        // limit, nor, once large, inflate more than `ratio` bytes for each byte read.
        if (inflated > entry.size) throw new ZipError('damaged', entry.name);
        if (inflated > limit.bytes || (inflated > limit.ratioFrom && inflated > limit.ratio * entry.compressedSize)) throw new ZipError('too-large', entry.name, limit.bytes);
        this.onRead?.(this.partsRead + Math.floor((entry.compressedSize * inflated) / entry.size));
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ZipError) throw error;
      throw new ZipError('damaged', entry.name);
    } finally {
      raw.destroy();
      source.destroy();
    }
    if (inflated !== entry.size) throw new ZipError('damaged', entry.name);
    this.partsRead += entry.compressedSize;
  }
}

/** Part names as OPC compares them: without a leading slash, without case, `a/./b` and `a/x/../b` as `a/b`. */
export function partKey(name: string): string {
  return posix.normalize(name.replace(/\\/g, '/')).replace(/^\/+/, '').toLowerCase();
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, position + read);
    if (n === 0) throw new ZipError('damaged');
    read += n;
  }
  return buffer;
}

/** Reads the end of central directory (ZIP64 where its fields overflow), then every entry of the directory. */
function readCentralDirectory(fd: number): Map<string, ZipEntry> {
  const fileSize = fstatSync(fd).size;
  if (fileSize < 22) throw new ZipError('damaged');
  // The end record is the last 22 bytes, or fewer before a comment of up to 65,535 bytes.
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = readAt(fd, fileSize - tailLength, tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tailLength) {
      at = i;
      break;
    }
  }
  if (at === -1) throw new ZipError('damaged');
  let count = tail.readUInt16LE(at + 10);
  let size = tail.readUInt32LE(at + 12);
  let offset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locatorAt = fileSize - tailLength + at - 20;
    if (locatorAt < 0) throw new ZipError('damaged');
    const locator = readAt(fd, locatorAt, 20);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipError('damaged');
    const record = readAt(fd, safeNumber(locator.readBigUInt64LE(8)), 56);
    if (record.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError('damaged');
    count = safeNumber(record.readBigUInt64LE(32));
    size = safeNumber(record.readBigUInt64LE(40));
    offset = safeNumber(record.readBigUInt64LE(48));
  }
  if (offset + size > fileSize || size > 64 << 20) throw new ZipError('damaged');
  const directory = readAt(fd, offset, size);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > directory.length || directory.readUInt32LE(p) !== CENTRAL) throw new ZipError('damaged');
    const nameLength = directory.readUInt16LE(p + 28);
    const extraLength = directory.readUInt16LE(p + 30);
    const commentLength = directory.readUInt16LE(p + 32);
    if (p + 46 + nameLength + extraLength + commentLength > directory.length) throw new ZipError('damaged');
    const entry: ZipEntry = {
      name: directory.toString('utf8', p + 46, p + 46 + nameLength),
      flags: directory.readUInt16LE(p + 8),
      method: directory.readUInt16LE(p + 10),
      compressedSize: directory.readUInt32LE(p + 20),
      size: directory.readUInt32LE(p + 24),
      localHeaderOffset: directory.readUInt32LE(p + 42),
    };
    readZip64Extra(directory.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    if (entry.localHeaderOffset + 30 + entry.compressedSize > fileSize) throw new ZipError('damaged', entry.name);
    // The same part twice is a damaged zip: which one a reader takes would decide what it reads.
    const key = partKey(entry.name);
    if (entries.has(key)) throw new ZipError('damaged', entry.name);
    entries.set(key, entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The ZIP64 extra field (0x0001) holds, in order, each of size, compressed size and offset that overflowed. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const length = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const next = () => {
        if (r + 8 > q + 4 + length) throw new ZipError('damaged', entry.name);
        const value = safeNumber(extra.readBigUInt64LE(r));
        r += 8;
        return value;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    q += 4 + length;
  }
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('damaged');
  return Number(value);
}

/** Where a part's data starts: after its local header, whose name and extra field may differ in length from the directory's. */
function dataOffset(fd: number, entry: ZipEntry): number {
  const header = readAt(fd, entry.localHeaderOffset, 30);
  if (header.readUInt32LE(0) !== LOCAL) throw new ZipError('damaged', entry.name);
  return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}
