import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * A file written atomically: into a temporary file beside it, renamed over the target on commit. An
 * interrupted run leaves the old file (or none), never half a file. Writes are buffered.
 */
export class AtomicFile {
  private readonly temporary: string;
  private readonly fd: number;
  private buffer: string[] = [];
  private buffered = 0;
  private closed = false;

  /** Where the file is written until commit (the same on every thread of the process). */
  static temporaryPath(path: string): string {
    return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  }

  constructor(readonly path: string) {
    this.temporary = AtomicFile.temporaryPath(path);
    this.fd = openSync(this.temporary, 'w');
  }

  write(text: string): void {
    if (text === '') return;
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }

  commit(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
    renameSync(this.temporary, this.path);
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
