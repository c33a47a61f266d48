import { open } from 'node:fs/promises';

/** Bytes read at a time (a reader carries the line a chunk cuts over to the next). */
const CHUNK_BYTES = 1 << 20;

/**
 * A file's bytes, a chunk at a time, each read into the one buffer of this reading: a chunk is valid until the next
 * is asked for, and a reader copies what it keeps longer (the end of a line the chunk cut). Node's read stream reads
 * each chunk into a new buffer, whose memory the system maps and zeroes first: the diverse 100k export's engagements
 * table (147 MB) read that way took 360 ms and 17,700 page faults, this way 80 ms and 1,400 (a batch reads each large
 * table twice).
 */
export async function* readFileChunks(file: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
