import { closeSync, openSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError, fileProblem } from '../input/diagnostic.js';

/** A file-system failure (no such folder, a folder in the way, a full disk) as a reported input error. */
function unwritable(path: string, error: unknown): InputError {
  return new InputError([{ code: 'unwritable', file: path, path: '', ...fileProblem(error, 'no-such-folder') }]);
}

/**
 * A file written atomically: into a temporary file beside it, renamed over the target on commit. An
 * interrupted or failed run leaves the old file (or none) and no temporary file, never half a file.
 * Writes are buffered.
 */
export class AtomicFile {
  private readonly temporary: string;
  private readonly fd: number;
  private buffer: string[] = [];
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
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    try {
      writeSync(this.fd, this.buffer.join(''));
    } catch (error) {
      this.abort();
      throw unwritable(this.path, error);
    }
    this.buffer = [];
    this.buffered = 0;
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
