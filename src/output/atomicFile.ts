import { closeSync, fchmodSync, openSync, readSync, renameSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, fileProblem } from '../input/diagnostic.js';

/** A file-system failure (no such folder, a folder in the way, a full disk) as a reported input error. */
function unwritable(path: string, error: unknown): InputError {
  return new InputError([{ code: 'unwritable', file: path, path: '', ...fileProblem(error, 'no-such-folder') }]);
}

const BUFFER_BYTES = 1 << 20;
const COPY_BYTES = 16 << 20;

/** The temporary files open now, removed all at once when the run is interrupted. */
const live = new Set<string>();

/**
 * Text written to an open file as UTF-8, through a buffer: one pass of encoding, no joined copy. `offset`: the bytes
 * written so far, buffered ones too. A failed write throws the file's `path` as unwritable (after `failed`).
 */
export class BufferedFile {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private buffered = 0;
  private flushed = 0;

  constructor(
    readonly path: string,
    protected readonly fd: number,
  ) {}

  /**
   * Told the bytes in the file after each write to it (the buffered ones not counted): a split batch's other half
   * says so how much of its first part another thread may copy already (splitBatch.ts).
   */
  onWritten: ((bytes: number) => void) | undefined;

  /** Bytes written so far. */
  get offset(): number {
    return this.flushed + this.buffered;
  }

  /** What a failed write leaves to do before it is reported (AtomicFile: remove its temporary file). */
  protected failed(): void {}

  write(text: string): void {
    if (text === '') return;
    // A UTF-16 unit is at most 3 bytes of UTF-8: what may not fit is written after what is buffered.
    if (this.buffered + text.length * 3 > BUFFER_BYTES) this.flush();
    // A few ASCII characters (a comma, a closing bracket: half the pieces a batch writes) copied here: Buffer.write
    // costs a call into C++ of about 90 ns whatever the length.
    if (text.length <= 4 && this.writeShortAscii(text)) return;
    if (text.length * 3 > BUFFER_BYTES) this.writeOut(Buffer.from(text, 'utf8'));
    else this.buffered += this.buffer.write(text, this.buffered);
  }

  private writeShortAscii(text: string): boolean {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
    for (let i = 0; i < text.length; i++) this.buffer[this.buffered++] = text.charCodeAt(i);
    return true;
  }

  /** Bytes as they are (a workbook's zip): copied into the buffer, or written straight when they would not fit. */
  writeBytes(data: Uint8Array): void {
    if (this.buffered + data.length > BUFFER_BYTES) this.flush();
    if (data.length > BUFFER_BYTES) this.writeOut(data);
    else {
      this.buffer.set(data, this.buffered);
      this.buffered += data.length;
    }
  }

  flush(): void {
    if (this.buffered === 0) return;
    this.writeOut(this.buffer.subarray(0, this.buffered));
    this.buffered = 0;
  }

  private writeOut(data: Uint8Array): void {
    try {
      // A write may take less than it is given (a pipe, a signal): the rest follows.
      for (let done = 0; done < data.length; ) done += writeSync(this.fd, data, done, data.length - done);
    } catch (error) {
      this.failed();
      throw unwritable(this.path, error);
    }
    this.flushed += data.length;
    this.onWritten?.(this.flushed);
  }

  /**
   * Copies bytes [from, to) of the file open as `fd` to this one: a half of a split batch's output, or its parts
   * (splitBatch.ts). Through a buffer of COPY_BYTES: copying 170 MB through the writing buffer (1 MB) took 73–316 ms,
   * through 16 MB 86–106 ms.
   */
  copyFrom(fd: number, from: number, to: number): void {
    this.flush();
    const chunk = to - from > BUFFER_BYTES ? Buffer.allocUnsafe(Math.min(COPY_BYTES, to - from)) : this.buffer;
    for (let at = from; at < to; ) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, to - at), at);
      if (n === 0) throw new Error('a part to copy ends early');
      this.writeOut(chunk.subarray(0, n));
      at += n;
    }
  }
}

/**
 * A file written atomically: into a temporary file beside it, renamed over the target on commit. An
 * interrupted or failed run leaves the old file (or none) and no temporary file, never half a file.
 * Writes are buffered.
 *
 * The temporary file's name cannot be foreseen (random bytes after the run's tag) and it is created exclusively,
 * readable by its owner only until commit: a link or a file planted at a predictable name would otherwise be
 * followed, and the run would truncate whatever it points at (an HR export, once).
 */
export class AtomicFile extends BufferedFile {
  private readonly temporary: string;
  private closed = false;

  /** A new temporary name beside `path`; `runTag` names the run (the CLI's process id), for a person who finds one. */
  private static temporaryPath(path: string, runTag: string): string {
    return join(dirname(path), `.${basename(path)}.${runTag}.${Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(8))).toString('hex')}.tmp`);
  }

  /** Removes every temporary file still open (an interrupted run): the targets stay as they were. */
  static removeAllTemporary(): void {
    for (const temporary of live) rmSync(temporary, { force: true });
    live.clear();
  }

  constructor(
    path: string,
    runTag: string,
    /** Read back too (a split batch's parts, copied into the output: splitBatch.ts). */
    readable = false,
  ) {
    const temporary = AtomicFile.temporaryPath(path, runTag);
    let fd: number;
    try {
      // wx: created here, or an error (never a link followed, never an existing file truncated).
      fd = openSync(temporary, readable ? 'wx+' : 'wx', 0o600);
    } catch (error) {
      throw unwritable(path, error);
    }
    super(path, fd);
    this.temporary = temporary;
    live.add(temporary);
  }

  /** The temporary file's descriptor: what another thread writes a split batch's other half to (splitBatch.ts). */
  get descriptor(): number {
    return this.fd;
  }

  protected override failed(): void {
    this.abort();
  }

  commit(): void {
    if (this.closed) return;
    try {
      this.flush();
      // The file takes the mode of the one it replaces, or the usual one of a new file.
      fchmodSync(this.fd, modeOf(this.path));
      closeSync(this.fd);
    } catch (error) {
      this.abort();
      // A failed write has said why already (writeOut).
      throw error instanceof InputError ? error : unwritable(this.path, error);
    }
    this.closed = true;
    try {
      renameSync(this.temporary, this.path);
    } catch (error) {
      this.remove();
      throw unwritable(this.path, error);
    }
    live.delete(this.temporary);
  }

  abort(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      closeSync(this.fd);
    } catch {
      // closed already, or the disk failed: the file goes all the same
    }
    this.remove();
  }

  private remove(): void {
    live.delete(this.temporary);
    try {
      unlinkSync(this.temporary);
    } catch {
      // already gone
    }
  }
}

/** The permission bits of the file at `path`, or 0644 (a new file, readable by all, as an editor makes one). */
function modeOf(path: string): number {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return 0o644;
  }
}
