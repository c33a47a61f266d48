import { statSync } from 'node:fs';
import { BufferedFile, AtomicFile } from '../output/atomicFile.js';
import type { BoundTable } from '../hr/bindHrTable.js';
import { joinKey } from '../hr/joinHrTables.js';
import { KEY_COMPARE, type EdgeRow, type JoinPart, type KeyOrder } from '../hr/sortedJoin.js';
import type { FileWindow } from '../tabular/readFileChunks.js';
import { keyNear, windowFrom, type CutTable } from './splitCut.js';
import type { BatchSummary } from './runBatch.js';

/**
 * A batch split in two, one half on another thread: the HR tables, sorted by candidate id and merged as they are
 * read (sortedJoin.ts), are cut at one candidate key; this thread reads, scores and writes the candidates before it,
 * the other thread those from it on, each reading only its part of every file (FileWindow) — two cores doing the
 * work of one each, where a batch is otherwise one thread of JavaScript.
 *
 * The results are the one thread's, byte for byte. A batch gives the candidates of the first table in the join's
 * order by id, then those found only in the next, and so on (CandidateUnit's group); each half gives its own in
 * that order. So the output is each part of the order from this half, then the same part from the other: this
 * half writes the first part where a batch writes, and keeps the later ones (to a file beside the output, and what it
 * says in memory) until the other half's are in; once done, it copies the other half's first part after its own as
 * that is written. The halves must meet exactly: every table's first row past the cut
 * in this half's reading is the other half's first row (its number and id), both having read the same files — the
 * check that their parts of the files are the whole, cut between two candidates. Anything else — the other half not as assumed, a file that
 * does not cut, a reading that does not meet, a failure in the other thread — voids the split: the run starts again
 * as one thread (runBatchJob), as when tables turn out not to be sorted.
 */

/**
 * CSV tables of at least this many bytes in all are split: below, the other thread's start (its bundle, the headers
 * read again, the cut) and its second warming-up cost about what it gives. Diverse export to JSON Lines, two
 * threads against one: 28k people (49 MB) 4.17 against 4.27 s, 55k (96 MB) 5.61-6.37 against 6.41-6.52 s, 100k
 * (184 MB) about 0.8 times the time.
 */
const SPLIT_FROM_BYTES = 96 * 2 ** 20;

/**
 * ... and at most this many: each thread has a heap of its own, and two take more memory than a sorted export's
 * flat memory allows. Measured on the diverse export to JSON Lines, one thread against two: 100k (184 MB of CSV)
 * 250-300 against 390-445 MB, 300k (525 MB) 306 against 500 MB, 1M (1.8 GB) 453 against 610 MB.
 */
const SPLIT_UP_TO_BYTES = 256 * 2 ** 20;

/**
 * Where in the largest table the cut is looked for. The other half starts about 0.4 s later (its thread, the headers
 * read again, the cut); this one, done first, copies the other's first part into the output as it is written
 * (copyWhileWritten), about 0.3 s of work at the diverse 100k export, so it is best done that much before the other.
 * Cut at the middle, the other half was done last in 17 of 24 timed runs, by 0.04-0.64 s (0.3 s at the median); at
 * 52% (before the copy while written) this half was done last in most of seven, by 0.1-0.25 s.
 */
const CUT_SHARE = 0.5;

/** What the other half is told: the job is the CLI's to give it (BatchHalf), with the cut and where to write. */
export interface HalfCut {
  key: string;
  order: KeyOrder;
  /** The descriptor of the file the other half writes its results to (a temporary file beside the output). */
  outputFd: number;
  /** Where the other half says how many bytes of its first part are in that file, while it writes it (see GroupedWrites). */
  written: SharedArrayBuffer;
}

/** What one half has written and said of one part of the join's order. */
export interface GroupPart {
  group: number;
  /** Its results' bytes in the half's file. */
  from: number;
  to: number;
  /** What it said on stderr, and its rows of the errors file. */
  said: string[];
  errorRows: string[];
}

/** How the other half ended: done (what it read, wrote and said), or not (the split is void). */
export type HalfOutcome =
  | { done: true; summary: BatchSummary; incomplete: number; incompleteFiles: string; started: JoinEdge; parts: GroupPart[] }
  | { done: false; reason: string };

/**
 * The other half, running: told where to cut (`send`; undefined: no split, it ends), whether it found its files'
 * windows there (false: this half reads the whole), and how it ended.
 */
export interface HalfHandle {
  send(cut: HalfCut | undefined): void;
  cut: Promise<boolean>;
  outcome: Promise<HalfOutcome>;
  /** Ends the other half's thread: settled once it has stopped (it writes nothing after). */
  stop(): Promise<unknown>;
}

/**
 * Starts the other half on another thread (the CLI's edge gives it), as the run starts: the thread, the bundle and
 * the reading of the inputs' headers take it about as long as they take this one, before it is told where to cut.
 */
export type StartHalf = () => HalfHandle;

/** A split that did not meet: the run starts again as one thread. */
export class SplitVoid extends Error {}

/**
 * A half's writing, part by part of the join's order (see GroupPart): results into `file`, what is said and the
 * errors' rows in memory — at most `heldChars` characters of them (as a run assuming sorted tables holds its
 * words): past that, the split is given up, and the run starts again as one thread.
 */
export class GroupedWrites {
  private readonly parts: GroupPart[] = [];
  private current: GroupPart | undefined;
  private held = 0;

  /**
   * `written`: where to say, while the first part is written (if it is of the first group), how many of its bytes
   * are in the file: the other thread copies them into the output as they come (copyWhileWritten).
   */
  constructor(
    private readonly file: BufferedFile,
    private readonly heldChars: number,
    private readonly written?: SharedArrayBuffer,
  ) {}

  /** The candidates of `group` follow. */
  group(group: number): void {
    // The first part said written to its end before the next begins (written out now: a small part would otherwise
    // leave its last bytes in the buffer with the next part's first); only the first part, from the file's start.
    if (this.file.onWritten) this.file.flush();
    const written = this.written ? new BigInt64Array(this.written) : undefined;
    this.file.onWritten = written && this.parts.length === 0 && group === 0 ? (bytes) => void Atomics.store(written, 0, BigInt(bytes)) : undefined;
    const offset = this.file.offset;
    if (this.current) this.current.to = offset;
    this.parts.push((this.current = { group, from: offset, to: offset, said: [], errorRows: [] }));
  }

  // Given as callbacks (CandidateSinks): bound.
  readonly result = (text: string): void => this.file.write(text);
  readonly say = (text: string): void => void this.part(text).said.push(text);
  readonly errorRow = (text: string): void => void this.part(text).errorRows.push(text);

  /** The parts written, once done (the file flushed). */
  done(): GroupPart[] {
    this.file.flush();
    if (this.current) this.current.to = this.file.offset;
    return this.parts;
  }

  /** The part `text` is said in, counted. */
  private part(text: string): GroupPart {
    if (!this.current) throw new SplitVoid('a half said something before its first candidate');
    if ((this.held += text.length) > this.heldChars) throw new SplitVoid('more to say than a split holds');
    return this.current;
  }
}

/** How often copyWhileWritten looks for more of the other half's first part. */
const COPY_POLL_MS = 10;

/**
 * Copies to `output` what the other half has said is written of its first part (`written`, see GroupedWrites) to
 * its file (`fd`), as it comes, until `settled` (the other half done): returns the bytes copied. This half, done
 * first, so puts most of the other half's first part in place while that half goes on, rather than all of it after
 * (about 170 MB of the diverse 100k export, 0.1-0.45 s).
 */
export async function copyWhileWritten(output: BufferedFile, fd: number, written: SharedArrayBuffer, settled: Promise<unknown>): Promise<number> {
  const said = new BigInt64Array(written);
  let done = false;
  void settled.then(() => (done = true), () => (done = true));
  let copied = 0;
  while (!done) {
    const ready = Number(Atomics.load(said, 0));
    if (ready > copied) {
      output.copyFrom(fd, copied, ready);
      copied = ready;
      continue;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, COPY_POLL_MS)))]);
    clearTimeout(timer);
  }
  return copied;
}

/** The tables' files as the cut reads them: each file once, with its id column and how its ids read as keys. */
function cutTables(tables: readonly BoundTable[]): (CutTable & { cells: number })[] {
  const files = new Map<string, CutTable & { cells: number }>();
  for (const table of tables) {
    const source = table.idColumn.source!;
    if (!files.has(table.csv.file)) {
      const keyOf = (cell: string) => joinKey(source.readText(cell).trim());
      files.set(table.csv.file, { file: table.csv.file, idColumn: source.index, cells: table.csv.header.length, keyOf });
    }
  }
  return [...files.values()];
}

/** Each file's window from the first record at or past `key`, or undefined when a file does not cut. */
export function windowsAt(tables: readonly BoundTable[], key: string, order: KeyOrder): Map<string, FileWindow> | undefined {
  const compare = KEY_COMPARE[order];
  const windows = new Map<string, FileWindow>();
  for (const table of cutTables(tables)) {
    const window = windowFrom(table, (found) => compare(found, key) >= 0);
    if (!window) return undefined;
    windows.set(table.file, window);
  }
  return windows;
}

/** Where a half of a split join stopped or started: each table's row (see JoinPart), and the tables' files. */
export interface JoinEdge {
  rows: (EdgeRow | undefined)[];
  files: string[];
}

/**
 * Whether the rows one half stopped at are those the other started at, of the same tables' files (a file found by one
 * half's reading of a folder and not the other's would join other rows), every table's, each at or past the cut.
 */
function meet(stopped: JoinEdge, started: JoinEdge, key: string, order: KeyOrder): boolean {
  if (stopped.files.length !== started.files.length || stopped.files.some((file, t) => file !== started.files[t])) return false;
  if (stopped.rows.length !== started.rows.length) return false;
  return stopped.rows.every((row, t) => {
    const other = started.rows[t];
    if (row === undefined || other === undefined) return row === other;
    return row.row === other.row && row.id === other.id && row.key === other.key && KEY_COMPARE[order](other.key, key) >= 0;
  });
}

/**
 * This thread's half of a split batch (see above): `plan` (batchItems' split) starts the other half and gives the
 * part of the join to read; `group` routes what the run writes (`routed`: the later parts, kept); `finish` puts
 * the other half's parts in, or throws SplitVoid.
 */
export class BatchSplit {
  private handle: HalfHandle | undefined;
  private otherOutput: AtomicFile | undefined;
  private laterOutput: AtomicFile | undefined;
  private later: GroupedWrites | undefined;
  private stopped: JoinEdge | undefined;
  private cut: { key: string; order: KeyOrder } | undefined;
  private readonly written = new SharedArrayBuffer(8);

  /** Whether the other half was told where to cut. */
  private sent = false;

  /**
   * `csvBytes`: the inputs' CSV files' size in all: the other half is started at once from SPLIT_FROM_BYTES (tests
   * choose less) up to SPLIT_UP_TO_BYTES, before the tables are known to be splittable.
   */
  constructor(
    private readonly output: string,
    private readonly runTag: string,
    start: StartHalf,
    private readonly heldChars: number,
    csvBytes: number,
    splitFrom = SPLIT_FROM_BYTES,
  ) {
    if (csvBytes >= splitFrom && csvBytes <= SPLIT_UP_TO_BYTES) this.handle = start();
  }

  /** batchItems' split: the other half told to start at a key past the middle of the largest file, or undefined (no split). */
  readonly plan = (tables: readonly BoundTable[], order: KeyOrder): Promise<JoinPart | undefined> => {
    const handle = this.handle;
    if (!handle) return Promise.resolve(undefined);
    const files = cutTables(tables);
    const sizes = files.map((table) => statSync(table.file).size);
    const largest = files[sizes.indexOf(Math.max(...sizes))]!;
    const key = keyNear(largest, largest.cells, CUT_SHARE);
    this.sent = true;
    if (key === undefined) {
      handle.send(undefined);
      return Promise.resolve(undefined);
    }
    this.otherOutput = new AtomicFile(this.output, this.runTag, true);
    this.cut = { key, order };
    handle.send({ key, order, outputFd: this.otherOutput.descriptor, written: this.written });
    const stopped = (rows: readonly (EdgeRow | undefined)[], files: readonly string[]) => (this.stopped = { rows: [...rows], files: [...files] });
    return Promise.resolve({ stopBefore: { key, confirm: () => handle.cut, stopped } });
  };

  /** The later parts' writes (this half's candidates past the join's first part), once the other half is started. */
  group(group: number): GroupedWrites | undefined {
    if (!this.otherOutput || (group === 0 && !this.later)) return undefined;
    if (!this.later) {
      this.laterOutput = new AtomicFile(this.output, this.runTag, true);
      this.later = new GroupedWrites(this.laterOutput, this.heldChars);
    }
    this.later.group(group);
    return this.later;
  }

  /**
   * Once this half is done: the other half's parts and this one's later parts put in their places — the results
   * into `output`, what is said to `say`, the errors' rows to `errorRow` — and what the other half counted, or
   * undefined when nothing was split. Throws SplitVoid when the halves do not meet.
   */
  async finish(output: BufferedFile, say: (text: string) => void, errorRow: (text: string) => void):
    Promise<{ summary: BatchSummary; incomplete: number; incompleteFiles: string } | undefined> {
    if (!this.handle || !this.otherOutput) {
      this.close();
      return undefined;
    }
    const cut = await this.handle.cut;
    // This half's first part is in place: the other half's first part follows it (if it is of the first group).
    const copied = cut ? await copyWhileWritten(output, this.otherOutput.descriptor, this.written, this.handle.outcome) : 0;
    const outcome = cut ? await this.handle.outcome : undefined;
    if (cut && (!outcome?.done || !this.stopped || !meet(this.stopped, outcome.started, this.cut!.key, this.cut!.order))) {
      throw new SplitVoid(outcome && !outcome.done ? outcome.reason : 'the halves do not meet');
    }
    const mine = this.later?.done() ?? [];
    const theirs = outcome?.done ? outcome.parts : [];
    const first = theirs[0];
    if (copied > 0 && (first?.group !== 0 || first.from !== 0 || first.to < copied)) throw new SplitVoid('the other half wrote a first part other than it said');
    const groups = [...new Set([...mine, ...theirs].map((part) => part.group))].sort((a, b) => a - b);
    const put = (part: GroupPart | undefined, file: AtomicFile | undefined) => {
      if (!part) return;
      const from = part === first ? part.from + copied : part.from;
      if (part.to > from) output.copyFrom(file!.descriptor, from, part.to);
      for (const text of part.said) say(text);
      for (const row of part.errorRows) errorRow(row);
    };
    for (const group of groups) {
      // This half's first part is in place already.
      if (group > 0) put(mine.find((part) => part.group === group), this.laterOutput);
      put(theirs.find((part) => part.group === group), this.otherOutput);
    }
    this.close();
    return outcome?.done ? { summary: outcome.summary, incomplete: outcome.incomplete, incompleteFiles: outcome.incompleteFiles } : undefined;
  }

  /**
   * Stops the other half (told not to split, if it was told nothing) and removes the temporary files, once the other
   * half has said how it ended (it writes nothing more): done, undone, or never told to start.
   */
  close(): void {
    void this.stopping();
    this.removeFiles();
  }

  /**
   * Stops the other half wherever it is (this half failed, or gave the split up, while the other may still be
   * writing) and removes the temporary files once its thread has stopped: its file's descriptor, closed while it
   * still wrote, could by then be a file of the run that starts again.
   */
  async stop(): Promise<void> {
    await this.stopping();
    this.removeFiles();
  }

  private stopping(): Promise<unknown> | undefined {
    if (this.handle && !this.sent) this.handle.send(undefined);
    return this.handle?.stop();
  }

  private removeFiles(): void {
    this.otherOutput?.abort();
    this.laterOutput?.abort();
  }
}
