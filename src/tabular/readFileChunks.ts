import { open } from 'node:fs/promises';

/**
 * A part of a file sorted by candidate id, for one half of a batch split in two (splitBatch.ts): its header, bytes
 * [0, headerEnd), then its records from byte `from` (a record's start) to the end; `row`: the number the reading's
 * row count stands at there (the records before it, the header's included), so that rows are numbered as in a
 * reading of the whole file.
 */
export interface FileWindow {
  headerEnd: number;
  from: number;
  row: number;
}

/** Bytes read at a time (a reader carries the line a chunk cuts over to the next). */
const CHUNK_BYTES = 1 << 20;

/**
 * A file's bytes, a chunk at a time, each read into the one buffer of this reading: a chunk is valid until the next
 * is asked for, and a reader copies what it keeps longer (the end of a line the chunk cut). Node's read stream reads
 * each chunk into a new buffer, whose memory the system maps and zeroes first: the diverse 100k export's engagements
 * table (147 MB) read that way took 360 ms and 17,700 page faults, this way 80 ms and 1,400 (a batch reads each large
 * table twice).
 */
export async function* readFileChunks(file: string, chunkBytes = CHUNK_BYTES, window?: FileWindow): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    // The whole file; or a window's header, then its records to the end: each part read to its own end, never a
    // chunk across both.
    const parts = window ? [[0, window.headerEnd], [window.from, Infinity]] as const : [[0, Infinity]] as const;
    for (const [from, to] of parts) {
      for (let at = from; at < to; ) {
        const { bytesRead } = await handle.read(buffer, 0, Math.min(chunkBytes, to - at), at);
        if (bytesRead === 0) break;
        at += bytesRead;
        yield buffer.subarray(0, bytesRead);
      }
    }
  } finally {
    await handle.close();
  }
}
