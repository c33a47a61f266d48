import { InputError, fileProblem, type Diagnostic } from '../input/diagnostic.js';
import type { Standard } from '../standard/loadStandard.js';
import { CsvDecodeError, readCsvChunksAs, type CsvTable, type HeaderHook } from '../tabular/readCsv.js';
import type { FileWindow } from '../tabular/readFileChunks.js';
import type { RowStore } from '../tabular/rowStore.js';
import { asciiDigit } from '../values/asciiDigit.js';
import type { BoundTable } from './bindHrTable.js';
import { CopiedLot, GatheredLot, IdReader, joinOrder, noCandidateId, type CandidateUnit, type TableJoin } from './joinHrTables.js';

/**
 * The join of HR tables sorted by candidate id, as HR systems export them: each table read once to learn that it is
 * (TableScan, while the inputs are read), then all read again side by side, a chunk at a time, each candidate given
 * as soon as every table has moved past their id — so that a company of any size is joined in the memory of a few
 * thousand candidates. The candidates come in the order the join of tables read whole gives (joinTables): first
 * appearance in the engagements tables, then those found only in other tables. With the tables sorted, that is the
 * order of ids within each group of candidates first met in the same table; a candidate first met in a later table
 * (a person with no engagement row) is held until the tables before it are read to their end.
 */

/** Orders of ids an export may be sorted in: by their characters (UTF-16 code units), or with runs of digits as numbers. */
export const KEY_ORDERS = ['text', 'natural'] as const;
export type KeyOrder = (typeof KEY_ORDERS)[number];

/** Whether a code is an ASCII digit's. */
const isDigit = (c: number) => asciiDigit(c) >= 0;

/**
 * Whether `text` has a digit at `at` (false past its end). Read as `at < length` first, not as charCodeAt's NaN past
 * the end: an optimised naturalCompare that read past the end was thrown away (deoptimised, "out of bounds") and
 * compiled again, twice a run on each thread.
 */
const digitAt = (text: string, at: number) => at < text.length && isDigit(text.charCodeAt(at));

/**
 * `E2` before `E10`, `2` before `10`: runs of digits compared as numbers (leading zeros aside), digits before any
 * other character, others by their code units; ids equal so (`01`, `1`) by their code units. A total order: each
 * id is the sequence of its digit runs and other characters, compared item by item, and equal sequences by the text.
 */
export function naturalCompare(a: string, b: string): number {
  // Ids of one shape (an export's, nearly always) are compared where they first differ, as plain text is: there, two
  // other characters are compared as they are, and two digits whose runs go on equally far (the runs, their equal
  // starts before, of one length) compare as their numbers do. Anything else is compared in full.
  const shorter = Math.min(a.length, b.length);
  let at = 0;
  while (at < shorter && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  if (at < shorter) {
    const x = a.charCodeAt(at);
    const y = b.charCodeAt(at);
    const digit = isDigit(x);
    if (digit === isDigit(y)) {
      if (!digit) return x - y;
      let end = at + 1;
      while (end < shorter && isDigit(a.charCodeAt(end)) && isDigit(b.charCodeAt(end))) end++;
      if (!digitAt(a, end) && !digitAt(b, end)) return x - y;
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    const digits = isDigit(x);
    if (digits !== isDigit(y)) return digits ? -1 : 1;
    if (!digits) {
      if (x !== y) return x - y;
      i++;
      j++;
      continue;
    }
    while (i < a.length && a.charCodeAt(i) === 48) i++;
    while (j < b.length && b.charCodeAt(j) === 48) j++;
    let ei = i;
    let ej = j;
    while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
    while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
    if (ei - i !== ej - j) return ei - i - (ej - j);
    for (; i < ei; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return a.charCodeAt(i) - b.charCodeAt(j);
  }
  if (i < a.length) return 1;
  if (j < b.length) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const textCompare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const KEY_COMPARE: Record<KeyOrder, (a: string, b: string) => number> = { text: textCompare, natural: naturalCompare };

/**
 * The first reading of one table (as the inputs are read, its rows let go a chunk at a time): which orders its ids
 * are in (every row with an id, in its key, after the one before: equal ids together), and its rows without an id.
 */
export class TableScan {
  /** The row numbers of rows without a candidate id, in order. */
  readonly noId: number[] = [];
  /** The orders its ids are in, so far. */
  readonly orders = new Set<KeyOrder>(KEY_ORDERS);
  /** With `keys`: the rows read so far. */
  rows = 0;
  /** With `keys`: each row's candidate, by its number in `keys` (-1: no id), up to `rows`. */
  rowKeys = new Int32Array(0);
  /** With `keys`: each row's row number, up to `rows`. */
  rowNumbers = new Int32Array(0);
  private last: string | undefined;

  /** `keys`: each row's candidate is noted too, numbered there (for a join in passes: partitionedJoin.ts). */
  constructor(
    readonly table: BoundTable,
    private readonly keys?: KeyNumbers,
  ) {}

  /**
   * With `keys`, once read: each row's key number made `places[number]` (-1 stays -1), and the row numbers let go —
   * what a join in passes keeps of the reading, in the memory of one number a row.
   */
  numberRows(places: Int32Array): Int32Array {
    const rows = this.rowKeys.subarray(0, this.rows);
    for (let row = 0; row < rows.length; row++) if (rows[row]! >= 0) rows[row] = places[rows[row]!]!;
    this.rowNumbers = new Int32Array(0);
    return rows;
  }

  /** The rows of one step of the reading (`chunk.rows`, numbered by `chunk.rowNumbers`). */
  add(chunk: CsvTable): void {
    const ids = new IdReader(this.table, chunk.rows);
    if (this.keys && this.rows + chunk.rows.length > this.rowKeys.length) {
      const size = Math.max(2 * this.rowKeys.length, this.rows + chunk.rows.length, 1024);
      const [rowKeys, rowNumbers] = [new Int32Array(size), new Int32Array(size)];
      rowKeys.set(this.rowKeys.subarray(0, this.rows));
      rowNumbers.set(this.rowNumbers.subarray(0, this.rows));
      [this.rowKeys, this.rowNumbers] = [rowKeys, rowNumbers];
    }
    for (let row = 0; row < chunk.rows.length; row++) {
      if (this.keys) {
        this.rowKeys[this.rows] = ids.id(row) === '' ? -1 : this.keys.numberOf(ids.key(row));
        this.rowNumbers[this.rows++] = chunk.rowNumbers[row]!;
      }
      if (ids.id(row) === '') {
        this.noId.push(chunk.rowNumbers[row]!);
        continue;
      }
      const key = ids.key(row);
      if (key === this.last) continue;
      if (this.last !== undefined) for (const order of this.orders) if (KEY_COMPARE[order](this.last, key) > 0) this.orders.delete(order);
      this.last = key;
    }
  }
}

/** Candidates' keys (joinKey), each numbered as first met. */
export class KeyNumbers {
  readonly numbers = new Map<string, number>();

  numberOf(key: string): number {
    let number = this.numbers.get(key);
    if (number === undefined) this.numbers.set(key, (number = this.numbers.size));
    return number;
  }
}

/**
 * A file read again that is not as it was (written to during the run): its rows are not those its first reading
 * judged, so the run stops (the CLI says so, exit 2; no results file is left).
 */
export function changed(file: string): InputError {
  return new InputError([{ code: 'unreadable', file, path: '', reason: 'other', detail: 'the file changed while it was read; run again' }]);
}

/**
 * Tables assumed sorted and read once (readInputs' `assumeSorted`: no first reading) that turn out not to be joinable
 * so: a table's ids out of order, or a row a first reading would have reported before any candidate (a row without
 * an id, a row that cannot be read, bytes that do not decode). What the join gave until then is void: the caller
 * starts again, reading the tables first (itss batch does, its outputs not yet committed).
 */
export class NotSortedAsAssumed extends Error {
  constructor(readonly file: string) {
    super(`${file}: not sorted by candidate id as assumed`);
  }
}

/** A table's file read again must have the header its first reading found; else it changed (see changed). */
export function sameHeader(first: CsvTable): HeaderHook {
  return (again) => {
    if (again.header.length !== first.header.length || again.header.some((h, i) => h !== first.header[i])) throw changed(first.file);
  };
}

/**
 * A table's file read again (`read`): one gone or unreadable since its first reading (moved, its permissions
 * changed), or no longer decoding, stops the run as a file changed does, said — not as an internal error. Anything
 * else is let through as it is. `assumed`: a file read once, with no first reading (see NotSortedAsAssumed), that
 * does not decode is not as assumed.
 */
export async function readAgain<T>(file: string, read: () => Promise<T>, assumed = false): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CsvDecodeError) throw assumed ? new NotSortedAsAssumed(file) : changed(file);
    if (typeof (error as NodeJS.ErrnoException | undefined)?.code !== 'string') throw error;
    throw new InputError([{ code: 'unreadable', file, path: '', ...fileProblem(error, 'no-such-file') }]);
  }
}

/**
 * A table read again, a chunk at a time, at its current row with an id (its id and key), or done. How a chunk's rows
 * are held is the kind of cursor's: IdsCursor lets each chunk's go at the next, GatheredCursor gathers them in one
 * store until handed on.
 */
abstract class Cursor {
  done = false;
  id = '';
  key = '';
  rows!: RowStore;
  rowNumbers: number[] = [];
  row = -1;
  protected ids!: IdReader;
  /** The rows of the store checked so far (see checkAhead), and the key of the last. */
  protected checked = 0;
  private lastChecked: string | undefined;
  private readonly chunks: AsyncGenerator<CsvTable>;

  /**
   * `reading`: how the table is read again (see readCsvChunksAs), besides its header, which must be as it was.
   * `assumed`: read once, with no first reading (see NotSortedAsAssumed).
   */
  constructor(
    protected readonly table: BoundTable,
    private readonly compare: (a: string, b: string) => number,
    reading: { only?: () => readonly number[]; gathered?: boolean; window?: FileWindow },
    private readonly assumed: boolean,
  ) {
    this.chunks = readCsvChunksAs(table.csv.file, table.csv.encoding, { onHeader: sameHeader(table.csv), ...reading });
  }

  /** The row the cursor is at (its id, key and number), or undefined when done. */
  at(): EdgeRow | undefined {
    return this.done ? undefined : { id: this.id, key: this.key, row: this.rowNumbers[this.row]! };
  }

  /** To the next row with an id of this chunk; false when the chunk is used up (then load). */
  advance(): boolean {
    while (++this.row < this.rows.length) {
      const id = this.ids.id(this.row);
      if (id === '') continue;
      // In order: checkAhead has found it so.
      this.id = id;
      this.key = this.ids.key(this.row);
      return true;
    }
    return false;
  }

  /** The next chunks, up to a row with an id or the end. */
  async load(): Promise<void> {
    for (;;) {
      const next = await readAgain(this.table.csv.file, () => this.chunks.next(), this.assumed);
      if (next.done) {
        this.done = true;
        return;
      }
      // A row that cannot be read is reported before any candidate, as a first reading finds it.
      if (this.assumed && next.value.badRows.length > 0) throw new NotSortedAsAssumed(this.table.csv.file);
      this.rowNumbers = next.value.rowNumbers;
      this.took(next.value);
      this.checkAhead();
      if (this.advance()) return;
    }
  }

  /** A chunk read (`table`: the reading's table, its rows those of the chunk, or gathered): the cursor at its rows. */
  protected took(table: CsvTable): void {
    this.rows = table.rows;
    this.ids = new IdReader(this.table, this.rows);
    this.row = -1;
    this.checked = 0;
  }

  /**
   * The rows just read checked at once, in order — so that a table out of order is found as its chunk is read, not
   * once the join reaches the row (a table's last row put among the first would be found at the end of the run): a
   * file changed since its first reading, or, assumed sorted, not as assumed. Assumed, a row without an id is not as
   * assumed either (a first reading reports it before any candidate: noIdDiagnostics); else it is passed over.
   */
  private checkAhead(): void {
    for (; this.checked < this.rows.length; this.checked++) {
      if (this.ids.id(this.checked) === '') {
        if (this.assumed) throw new NotSortedAsAssumed(this.table.csv.file);
        continue;
      }
      const key = this.ids.key(this.checked);
      const inOrder = key === this.lastChecked || this.lastChecked === undefined || this.compare(this.lastChecked, key) <= 0;
      if (!inOrder) throw this.assumed ? new NotSortedAsAssumed(this.table.csv.file) : changed(this.table.csv.file);
      this.lastChecked = key;
    }
  }

  async close(): Promise<void> {
    await this.chunks.return(undefined);
  }
}

/** A table read again for its ids only: the other cells are not read (see Reading's `only`), each chunk's rows let go at the next. */
class IdsCursor extends Cursor {
  constructor(table: BoundTable, compare: (a: string, b: string) => number, assumed: boolean, window: FileWindow | undefined) {
    const id = table.idColumn.source?.index;
    super(table, compare, { ...(id === undefined ? {} : { only: () => [id] }), ...(window ? { window } : {}) }, assumed);
  }
}

/** A table read again whole, its rows gathered in one store (Reading's `gathered`) until handed on (handOn). */
class GatheredCursor extends Cursor {
  /** The table as its reading gives it: given a new store when the rows read are handed on. */
  private read: CsvTable | undefined;

  constructor(table: BoundTable, compare: (a: string, b: string) => number, assumed: boolean, window: FileWindow | undefined) {
    super(table, compare, { gathered: true, ...(window ? { window } : {}) }, assumed);
  }

  protected override took(table: CsvTable): void {
    if (this.read === undefined) {
      this.read = table;
      super.took(table);
    } else {
      // The store holds the rows before too: the cursor goes on after the last it passed (advance, having found
      // none, stopped one past it).
      this.row--;
    }
  }

  /**
   * The rows before the current one (a lot's, given away with it) are let go here; the reading goes on in a new
   * store holding the rest (the rows read ahead: a chunk's at most), the current row its first. Unless `always`, a
   * store with more rows ahead than behind is kept as it is, rows behind too (a table of short rows has a whole
   * chunk's read ahead, thousands of rows, which every close would copy again): it is handed on at a later close,
   * once they are no more than the rows behind, so that a row is copied about once.
   */
  handOn(always = false): void {
    if (this.done || this.read === undefined) return;
    const first = this.row;
    if (!always && this.rows.length - first > first) return;
    this.read.rows = this.rows = this.rows.rowsFrom(first);
    this.read.rowNumbers = this.rowNumbers = this.rowNumbers.slice(first);
    this.checked = Math.max(this.checked - first, 0);
    this.row = 0;
    this.ids = new IdReader(this.table, this.rows);
  }
}

/**
 * Rows behind the readings of a sorted join (all tables: a lot's, or kept with rows read ahead) at most before they
 * hand them on, whether or not the lot they are gathered for is full: candidates held (see sortedJoin) pass through
 * the same stores. (Rows read ahead are a chunk's a table at most.)
 */
const MAX_GATHERED_ROWS = 1 << 17;

/**
 * A full lot is closed once the reading that gathers the most rows (the engagements', as a rule) has at most this
 * many rows read ahead: what a close copies into the next store (handOn) is then the other tables' rows read ahead,
 * not a chunk's of the largest. The lot takes some hundred candidates more while its reading nears a chunk's end.
 */
const NEAR_CHUNK_END = 256;

function nearChunkEnd(cursors: readonly Cursor[]): boolean {
  let largest: Cursor | undefined;
  for (const cursor of cursors) if (!cursor.done && (largest === undefined || cursor.rows.length > largest.rows.length)) largest = cursor;
  return largest === undefined || largest.rows.length - largest.row <= NEAR_CHUNK_END;
}

/** Rows the readings not done hold behind their current row. */
function rowsBehind(cursors: readonly Cursor[]): number {
  let rows = 0;
  for (const cursor of cursors) if (!cursor.done) rows += cursor.row;
  return rows;
}

/** The smallest key of the tables not done, and the first table (in the join's order) at it; undefined when all are done. */
function least(cursors: readonly Cursor[], compare: (a: string, b: string) => number): { key: string; first: number } | undefined {
  let key: string | undefined;
  let first = -1;
  for (let t = 0; t < cursors.length; t++) {
    const cursor = cursors[t]!;
    if (!cursor.done && (key === undefined || compare(cursor.key, key) < 0)) [key, first] = [cursor.key, t];
  }
  return key === undefined ? undefined : { key, first };
}

/**
 * The rows without a candidate id of scanned tables (`ordered`: in the join's order), as the join of tables read
 * whole reports them: in that order, a file feeding several tables (a career export with the person master's
 * columns) naming a row once.
 */
export function noIdDiagnostics(ordered: readonly BoundTable[], scans: ReadonlyMap<BoundTable, TableScan>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const idColumnsSeen = new Map<BoundTable['csv'], Set<number>>();
  for (const table of ordered) {
    const seen = idColumnsSeen.get(table.csv) ?? new Set<number>();
    const reported = seen.has(table.idColumn.column);
    idColumnsSeen.set(table.csv, seen.add(table.idColumn.column));
    if (!reported) for (const line of scans.get(table)!.noId) diagnostics.push(noCandidateId(table, line));
  }
  return diagnostics;
}

/** A table's row where a part of a split join starts or stops: its id, key and row number. */
export interface EdgeRow {
  id: string;
  key: string;
  row: number;
}

/**
 * One part of a join split in two at a candidate key (splitBatch.ts). The part after the cut reads each file from
 * its window and tells the rows it starts at; the part before stops before the first candidate at or past the key
 * (once `confirm` says the other part goes ahead: false, it goes on to the end) and tells the rows it stopped at —
 * each table's, in the join's order (undefined: read to its end), with the tables' files. Where both tell the same
 * files and rows, the two parts are the whole join, cut between two candidates.
 */
export interface JoinPart {
  windows?: ReadonlyMap<string, FileWindow>;
  started?(rows: readonly (EdgeRow | undefined)[], files: readonly string[]): void;
  stopBefore?: { key: string; confirm(): Promise<boolean>; stopped(rows: readonly (EdgeRow | undefined)[], files: readonly string[]): void };
}

/**
 * Joins tables every one of which is sorted by candidate id in `order` (each scanned: `scans`), reading them again
 * for the survey (when asked anything) and for the units. `options`: limits tests choose smaller — the rows behind the
 * readings at most (MAX_GATHERED_ROWS), and a lot's candidates (LOT_CANDIDATES); and `assumed`: the tables were not
 * scanned but assumed sorted (their scans empty), and are read once: the join throws NotSortedAsAssumed on the first
 * sign that they are not as a first reading would have found them.
 */
export function sortedJoin(tables: readonly BoundTable[], scans: ReadonlyMap<BoundTable, TableScan>, order: KeyOrder, standard: Standard,
  options: { rowsBehind?: number; lotCandidates?: number; assumed?: boolean; part?: JoinPart } = {}): TableJoin {
  const { part } = options;
  const windowOf = (table: BoundTable) => part?.windows?.get(table.csv.file);
  const maxRowsBehind = options.rowsBehind ?? MAX_GATHERED_ROWS;
  const assumed = options.assumed === true;
  const ordered = joinOrder(tables);
  const m = ordered.length;
  const compare = KEY_COMPARE[order];
  const diagnostics = noIdDiagnostics(ordered, scans);

  /** Opens every table again (`open`: a cursor of the kind wanted); closes them when `use` is done, however it ends. */
  async function* reading<C extends Cursor, T>(open: (table: BoundTable) => C, use: (cursors: C[]) => AsyncGenerator<T>): AsyncGenerator<T> {
    const cursors = ordered.map(open);
    try {
      for (const cursor of cursors) await cursor.load();
      yield* use(cursors);
    } finally {
      for (const cursor of cursors) await cursor.close();
    }
  }

  return {
    diagnostics,
    survey: async (wanted, count) => {
      const found = new Map<string, string>();
      // Nothing asked: the tables are not read for it.
      if (!count && wanted.size === 0) return { found };
      let candidates = 0;
      for await (const _ of reading((table) => new IdsCursor(table, compare, assumed, windowOf(table)), async function* (cursors) {
        for (let at = least(cursors, compare); at; at = least(cursors, compare)) {
          const { key, first } = at;
          candidates++;
          const cursor = cursors[first]!;
          if (wanted.has(key)) found.set(key, `${ordered[first]!.csv.file}:${cursor.rowNumbers[cursor.row]}`);
          for (let t = first; t < m; t++) {
            const cursor = cursors[t]!;
            while (!cursor.done && cursor.key === key) if (!cursor.advance()) await cursor.load();
          }
        }
      })) void _;
      return count ? { count: candidates, found } : { found };
    },
    units: () =>
      reading((table) => new GatheredCursor(table, compare, assumed, windowOf(table)), async function* (cursors): AsyncGenerator<CandidateUnit[]> {
        const files = ordered.map((table) => table.csv.file);
        part?.started?.(cursors.map((cursor) => cursor.at()), files);
        let stopBefore = part?.stopBefore;
        // The lot's rows are taken where the readings gather them; at its close, each reading goes on in a new store.
        const lot = new GatheredLot(ordered, standard, options.lotCandidates);
        const close = () => {
          const units = lot.close();
          for (const cursor of cursors) cursor.handOn();
          return units;
        };
        /** Candidates first met in table `t` while a table before it still had rows: held, by that table. */
        const held: ({ lot: CopiedLot; closed: CandidateUnit[][] } | undefined)[] = [];
        /** Tables before `done` are read to their end; held candidates of tables before `given` are given. */
        let done = 0;
        let given = 0;
        for (let at = least(cursors, compare); at; at = least(cursors, compare)) {
          const { key, first } = at;
          if (stopBefore && compare(key, stopBefore.key) >= 0) {
            if (await stopBefore.confirm()) {
              stopBefore.stopped(cursors.map((cursor) => cursor.at()), files);
              break;
            }
            stopBefore = undefined;
          }
          while (done < m && cursors[done]!.done) done++;
          // Every candidate of a table up to `done` comes before those of later ones: those held, first.
          for (; given <= Math.min(done, m - 1); given++) {
            const waiting = held[given];
            if (!waiting) continue;
            if (lot.size > 0) yield close();
            yield* waiting.closed;
            if (waiting.lot.size > 0) yield waiting.lot.close();
            held[given] = undefined;
          }
          // Held candidates' rows are copied: the readings hand theirs on at every close of the lot.
          const into = first <= done ? undefined : (held[first] ??= { lot: new CopiedLot(ordered, standard, 'chunks'), closed: [] }).lot;
          (into ?? lot).begin(cursors[first]!.id, key);
          for (let t = first; t < m; t++) {
            const cursor = cursors[t]!;
            while (!cursor.done && cursor.key === key) {
              if (into === undefined) lot.row(t, cursor.rows, cursor.rowNumbers, cursor.row);
              else into.row(t, cursor.rows, cursor.row, cursor.rowNumbers[cursor.row]!);
              // Past it: a chunk read only when this one is used up.
              if (!cursor.advance()) await cursor.load();
            }
          }
          if (into?.full) held[first]!.closed.push(into.close());
          if (lot.full && nearChunkEnd(cursors)) yield close();
          else if (rowsBehind(cursors) > maxRowsBehind) {
            // The readings' stores hold every row since the lot's first, held candidates' too: bounded, however few
            // candidates the lot has (handed on without a lot when it has none), every row behind let go.
            const units = lot.size > 0 ? lot.close() : undefined;
            for (const cursor of cursors) cursor.handOn(true);
            if (units) yield units;
          }
        }
        if (lot.size > 0) yield close();
        for (const waiting of held) {
          if (!waiting) continue;
          yield* waiting.closed;
          if (waiting.lot.size > 0) yield waiting.lot.close();
        }
      }),
  };
}
