import { closeSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, fileProblem } from '../input/diagnostic.js';

/** A file-system failure (no such folder, a folder in the way, a full disk) as a reported input error. */
function unwritable(path: string, error: unknown): InputError {
  return new InputError([{ code: 'unwritable', file: path, path: '', ...fileProblem(error, 'no-such-folder') }]);
}

const BUFFER_BYTES = 1 << 20;

/**
 * A file written atomically: into a temporary file beside it, renamed over the target on commit. An
 * interrupted or failed run leaves the old file (or none) and no temporary file, never half a file.
 * Writes are buffered.
 */
export class AtomicFile {
  private readonly temporary: string;
  private readonly fd: number;
  /** Text encoded as it comes, written when full: one pass of UTF-8 encoding, no joined copy. */
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private buffered = 0;
  private closed = false;

  /** Where the file is written until commit; `runTag` names the run (the CLI's process id), the same on every thread. */
  static temporaryPath(path: string, runTag: string): string {
    return join(dirname(path), `.${basename(path)}.${runTag}.tmp`);
  }

  /** Removes a run's temporary file of `path`, if there is one (an interrupted run). */
  static removeTemporary(path: string, runTag: string): void {
    rmSync(AtomicFile.temporaryPath(path, runTag), { force: true });
  }

  constructor(
    readonly path: string,
    runTag: string,
  ) {
    this.temporary = AtomicFile.temporaryPath(path, runTag);
    try {
      this.fd = openSync(this.temporary, 'w');
    } catch (error) {
      throw unwritable(path, error);
    }
  }

  write(text: string): void {
    if (text === '') return;
    // A UTF-16 unit is at most 3 bytes of UTF-8: what may not fit is written after what is buffered.
    if (this.buffered + text.length * 3 > BUFFER_BYTES) this.flush();
    if (text.length * 3 > BUFFER_BYTES) this.writeOut(Buffer.from(text, 'utf8'));
    else this.buffered += this.buffer.write(text, this.buffered);
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

  private flush(): void {
    if (this.buffered === 0) return;
    this.writeOut(this.buffer.subarray(0, this.buffered));
    this.buffered = 0;
  }

  private writeOut(data: Uint8Array): void {
    try {
      // A write may take less than it is given (a pipe, a signal): the rest follows.
      for (let done = 0; done < data.length; ) done += writeSync(this.fd, data, done, data.length - done);
    } catch (error) {
      this.abort();
      throw unwritable(this.path, error);
    }
  }

  commit(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
    try {
      renameSync(this.temporary, this.path);
    } catch (error) {
      unlinkSync(this.temporary);
      throw unwritable(this.path, error);
    }
  }

  abort(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    try {
      unlinkSync(this.temporary);
    } catch {
      // already gone
    }
  }
}
