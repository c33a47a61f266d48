import type { AssessmentWarning } from '../engine/assessment.js';
import type { Diagnostic } from '../input/diagnostic.js';
import { CONTROL_CHARACTER, codePoint, type Position, type SourceDocument } from '../input/parseYamlSource.js';
import type { Candidate } from '../candidate/candidate.js';
import type { Standard } from '../standard/loadStandard.js';
import { bareObject } from '../values/bareObject.js';
import { RowStore } from '../tabular/rowStore.js';
import type { BoundTable } from './bindHrTable.js';
import { tableCandidate } from './tableCandidate.js';

/** One candidate to assess, from any source: its raw document (validated later) and where it came from. */
export interface CandidateUnit {
  id: string;
  /** The file (and row) it was found in, for duplicate-id errors and the default location of diagnostics. */
  source: string;
  /** The id in the form ids are compared in (joinKey), when already known. */
  key?: string;
  file: string;
  /**
   * Built on demand: a whole company's documents at once would not fit in memory, their rows do. `conflicts`:
   * the candidate's rows give two different names or departments (it may be two people, or a stale row).
   */
  document(): SourceDocument & { conflicts?: Diagnostic[] };
  /** HR table rows only: the candidate read straight from them, or undefined where the document path must judge. */
  candidate?(): Candidate | undefined;
  /**
   * HR table rows only: the person master's columns the mapping carries, by header (the first non-empty value of
   * each); or why one cannot be carried (a control character).
   */
  attributes?(): Carried;
  warnings: readonly AssessmentWarning[];
  /**
   * HR table rows only: the place, in the join's order of tables, of the first table with a row of theirs — the
   * part of the join's order they come in (joinTables, sortedJoin: first appearance in the first table, then those
   * found only in the next, and so on).
   */
  readonly group?: number;
}

/** The carried columns of a candidate (none: no `values`), or why they cannot be carried. */
type Carried = { values?: Record<string, string> } | { problem: Diagnostic };

/** One row of one HR table. */
interface RowRef {
  table: BoundTable;
  row: number;
}

/**
 * A candidate's rows, each as one number (`row * tables + table`, its table's place in the join's list): a
 * company's million rows as numbers, not as objects kept until the end of the run.
 */
type PackedRows = number[];

function unpack(refs: PackedRows, tables: readonly BoundTable[]): RowRef[] {
  return refs.map((ref) => ({ table: tables[ref % tables.length]!, row: Math.floor(ref / tables.length) }));
}

/**
 * The candidates of the HR tables, joined on candidate_id, in order of first appearance in the engagements
 * tables, then those found only in other tables. Rows without a candidate_id are diagnostics. Two joins: of tables
 * read whole (joinTables), and of tables sorted by candidate id, read again as the candidates are scored
 * (sortedJoin.ts). Both give their candidates a few thousand at a time, in lots of small tables of their own: what
 * is read of a cell is remembered per lot, and a lot is let go once its candidates are done. The join of tables read
 * whole copies each lot's rows into them (CopiedLot; tables of few distinct texts, IN_PLACE_TEXTS, are not copied:
 * their lots are units over the tables); the sorted join's readings gather a lot's rows in them (GatheredLot).
 */
export interface TableJoin {
  /** Rows without a candidate id: `no-candidate-id`, in the order of the tables (engagements first) and their rows. */
  readonly diagnostics: Diagnostic[];
  /**
   * How many candidates the tables hold (`count`: asked), and which of `keys` (joinKey) are among them, each with
   * the source its unit will have (`file:row`). Asked once, before `units`.
   */
  survey(keys: ReadonlySet<string>, count: boolean): Promise<{ count?: number; found: Map<string, string> }>;
  /** The candidates in order, a lot at a time. */
  units(): AsyncIterable<CandidateUnit[]> | Iterable<CandidateUnit[]>;
}

/** The tables in the order the join meets them: the engagements tables first (the order of candidates), then the others. */
export function joinOrder(tables: readonly BoundTable[]): BoundTable[] {
  return [...tables.filter((t) => t.table === 'engagements'), ...tables.filter((t) => t.table !== 'engagements')];
}

/** A row without a candidate id. */
export function noCandidateId(table: BoundTable, line: number): Diagnostic {
  const header = table.idColumn.header;
  return { code: 'no-candidate-id', file: table.csv.file, line, column: table.idColumn.column, path: 'candidate_id', ...(header !== '' ? { header } : {}) };
}

/**
 * Each row's candidate id as written (trimmed; '' none) and its key (joinKey), of one store of a table's rows: each
 * distinct id cell read once. The store may grow while it is read (a reading that gathers its rows).
 */
export class IdReader {
  /** Per text number: 1 + the place of its id in `ids` (and its key in `keys`), 0 not read yet. */
  private places: Int32Array;
  private readonly ids: string[] = [];
  private readonly keys: (string | undefined)[] = [];
  /** An id joined from several columns: the texts of its rows as decoded, by number (see RowStore.text). */
  private readonly decoded: (string | undefined)[] = [];

  constructor(
    private readonly table: BoundTable,
    private readonly rows: RowStore,
  ) {
    this.places = new Int32Array(table.idColumn.source ? rows.textCount : 0);
  }

  /** 1 + the place of the row's id cell in `ids`, read if new. */
  private placeOf(number: number): number {
    if (number >= this.places.length) {
      const grown = new Int32Array(Math.max(2 * this.places.length, this.rows.textCount, number + 1));
      grown.set(this.places);
      this.places = grown;
    }
    let place = this.places[number]!;
    if (place === 0) {
      this.keys.push(undefined);
      this.places[number] = place = this.ids.push(this.table.idColumn.source!.readText(this.rows.text(number)).trim());
    }
    return place;
  }

  /** The row's id as written, trimmed ('' none). */
  id(row: number): string {
    const { source } = this.table.idColumn;
    if (!source) return this.table.idColumn.read(this.rows.get(row, this.decoded)).trim();
    return this.ids[this.placeOf(this.rows.cell(row, source.index)) - 1]!;
  }

  /** The row's key (joinKey of its id); only for a row with an id. */
  key(row: number): string {
    const { source } = this.table.idColumn;
    if (!source) return joinKey(this.id(row));
    const place = this.placeOf(this.rows.cell(row, source.index)) - 1;
    let key = this.keys[place];
    if (key === undefined) {
      const id = this.ids[place]!;
      const normal = joinKey(id);
      // The id itself when it is its own key (nearly always): one string, not two.
      this.keys[place] = key = normal === id ? id : normal;
    }
    return key;
  }
}

/**
 * Distinct texts of all the tables at most, for tables read whole to be joined in place (see joinTables): what is
 * read of a text is then remembered in arrays of this length at most, one per column read.
 */
const IN_PLACE_TEXTS = 1 << 18;

/** Candidates a lot (a lot is closed at whichever comes first). */
const LOT_CANDIDATES = 4096;
/** Rows a lot, of all its tables. */
const LOT_ROWS = 1 << 16;

/**
 * Candidates being gathered into a lot, in the join's order, each with its rows (`row * tables + t` into the lot's
 * stores), closed into units over tables of the lot's own, bound as the tables they come from. How the rows get into
 * the lot's stores is the kind of lot's: CopiedLot copies them, GatheredLot takes them where a reading gathers them.
 */
abstract class Lot {
  protected stores: RowStore[] = [];
  protected rowNumbers: number[][] = [];
  private candidates: { id: string; key: string; refs: PackedRows }[] = [];
  protected current: PackedRows = [];
  protected rowCount = 0;

  /** `textsOnly`: the lot's own stores (RowStore's); `candidatesAtMost`: a lot's candidates at most (LOT_CANDIDATES; tests choose fewer). */
  constructor(
    protected readonly tables: readonly BoundTable[],
    private readonly standard: Standard,
    private readonly textsOnly: boolean,
    private readonly candidatesAtMost = LOT_CANDIDATES,
  ) {
    this.open();
  }

  private open(): void {
    this.stores = this.tables.map(() => new RowStore(this.textsOnly));
    this.rowNumbers = this.tables.map(() => []);
    this.candidates = [];
    this.rowCount = 0;
  }

  /** A candidate, whose rows follow, in the join's order. */
  begin(id: string, key: string): void {
    this.current = [];
    this.candidates.push({ id, key, refs: this.current });
  }

  /** Candidates gathered. */
  get size(): number {
    return this.candidates.length;
  }

  /** Enough for a lot. */
  get full(): boolean {
    return this.candidates.length >= this.candidatesAtMost || this.rowCount >= LOT_ROWS;
  }

  /** The candidates gathered, as units over the lot's tables; the next lot starts empty. */
  close(): CandidateUnit[] {
    const tables = this.tables.map((table, t): BoundTable => {
      const { file, encoding, header } = table.csv;
      return { ...table, csv: { file, encoding, header, rows: this.stores[t]!, rowNumbers: this.rowNumbers[t]!, badRows: [] } };
    });
    const units = this.candidates.map(({ id, key, refs }) => new TableUnit(id, key, refs, tables, this.standard));
    this.open();
    return units;
  }
}

/**
 * A lot whose rows are copied into stores of its own, each distinct text once, from stores of whole tables
 * (`tables`), which number each text once already, or of a file's chunks in turn (`chunks`), where a text met in
 * several is one text of the lot (found by its bytes), so that what is read of it is read once a lot.
 */
export class CopiedLot extends Lot {
  /** Per table: the numbers of the lot's texts by the numbers of the store rows are copied from. */
  private readonly maps: { from?: RowStore; emptied: number; numbers: Int32Array; lot: Int32Array }[];
  private cells = new Int32Array(64);
  /** Which lot this is, of those the object gathers in turn: a map's text numbered in an earlier one is numbered again. */
  private lot = 1;

  constructor(tables: readonly BoundTable[], standard: Standard, private readonly source: 'tables' | 'chunks' = 'tables', candidatesAtMost?: number) {
    super(tables, standard, source === 'tables', candidatesAtMost);
    this.maps = tables.map(() => ({ emptied: 0, numbers: new Int32Array(0), lot: new Int32Array(0) }));
  }

  /** One row of the candidate's: table `t` (its place in the join's list), row `row` of `from`, numbered `rowNumber`. */
  row(t: number, from: RowStore, row: number, rowNumber: number): void {
    const map = this.maps[t]!;
    // Another store, or the same emptied for the next chunk of its file: numbered afresh.
    if (map.from !== from || map.emptied !== from.emptied) {
      map.from = from;
      map.emptied = from.emptied;
      map.lot.fill(0);
    }
    // A store a reading gathers rows in has more texts since.
    if (map.numbers.length < from.textCount) {
      const size = Math.max(2 * map.numbers.length, from.textCount);
      const [numbers, lot] = [new Int32Array(size), new Int32Array(size)];
      numbers.set(map.numbers);
      lot.set(map.lot);
      [map.numbers, map.lot] = [numbers, lot];
    }
    const store = this.stores[t]!;
    const width = from.columnCount;
    if (this.cells.length < width) this.cells = new Int32Array(width);
    const { cells, lot } = this;
    for (let c = 0; c < width; c++) {
      const number = from.cell(row, c);
      if (map.lot[number] !== lot) {
        map.lot[number] = lot;
        map.numbers[number] = this.source === 'chunks' ? store.copyText(from, number) : store.add(from.text(number));
      }
      cells[c] = map.numbers[number]!;
    }
    store.pushNumbers(cells, width);
    const rowNumbers = this.rowNumbers[t]!;
    this.current.push((rowNumbers.push(rowNumber) - 1) * this.tables.length + t);
    this.rowCount++;
  }

  override close(): CandidateUnit[] {
    this.lot++;
    return super.close();
  }
}

/**
 * A lot whose rows are taken where they are: each table's in the one store its reading gathers rows in (Reading's
 * `gathered`), handed on when the lot closes (sortedJoin.ts).
 */
export class GatheredLot extends Lot {
  constructor(tables: readonly BoundTable[], standard: Standard, candidatesAtMost?: number) {
    super(tables, standard, false, candidatesAtMost);
  }

  /** One row of the candidate's: row `row` of `from`, the store table `t`'s reading gathers rows in, numbered by `rowNumbers`. */
  row(t: number, from: RowStore, rowNumbers: number[], row: number): void {
    if (this.stores[t] !== from) {
      // The lot's own store until then, empty: the table's rows are in `from`, from now on.
      if (this.stores[t]!.length > 0) throw new Error('a lot takes one store of gathered rows a table');
      [this.stores[t], this.rowNumbers[t]] = [from, rowNumbers];
    }
    this.current.push(row * this.tables.length + t);
    this.rowCount++;
  }
}

/**
 * The candidates of tables read whole, by place in the order of first appearance: their ids as first written,
 * their keys, and their rows (`refs[starts[place]]` up to the next place's start), each `row * tables + table`, in
 * the join's order of tables and rows; and the index of keys (`places`) that found them.
 */
function gather(ordered: readonly BoundTable[]) {
  const m = ordered.length;
  const places = new Map<string, number>();
  const ids: string[] = [];
  const keys: string[] = [];
  const diagnostics: Diagnostic[] = [];
  // Each row's candidate (its place; -1 none), table by table.
  const owners = ordered.map((table) => new Int32Array(table.csv.rows.length));
  // A file feeding several tables (a career export with the person master's columns) names a row without an id once.
  const idColumnsSeen = new Map<BoundTable['csv'], Set<number>>();
  ordered.forEach((table, t) => {
    const seen = idColumnsSeen.get(table.csv) ?? new Set<number>();
    const reported = seen.has(table.idColumn.column);
    idColumnsSeen.set(table.csv, seen.add(table.idColumn.column));
    const reader = new IdReader(table, table.csv.rows);
    const owner = owners[t]!;
    for (let row = 0; row < owner.length; row++) {
      const id = reader.id(row);
      if (id === '') {
        owner[row] = -1;
        if (!reported) diagnostics.push(noCandidateId(table, table.csv.rowNumbers[row]!));
        continue;
      }
      // Joined on the NFKC form: an export that writes Ｅ１００１ in one table and E1001 in another means one person.
      const key = reader.key(row);
      let place = places.get(key);
      if (place === undefined) {
        places.set(key, (place = ids.length));
        ids.push(id);
        keys.push(key);
      }
      owner[row] = place;
    }
  });
  if (Math.max(0, ...owners.map((owner) => owner.length)) * m > 2 ** 31 - 1) throw new RangeError('too many rows to join');
  // Each candidate's rows together (a counting sort by place), in the order of the tables and their rows.
  const starts = new Int32Array(ids.length + 1);
  for (const owner of owners) for (const place of owner) if (place >= 0) starts[place + 1]!++;
  for (let place = 0; place < ids.length; place++) starts[place + 1]! += starts[place]!;
  const refs = new Int32Array(starts[ids.length]!);
  const next = starts.slice(0, ids.length);
  owners.forEach((owner, t) => {
    for (let row = 0; row < owner.length; row++) if (owner[row]! >= 0) refs[next[owner[row]!]!++] = row * m + t;
  });
  return { ids, keys, diagnostics, starts, refs, places };
}

/**
 * Joins tables read whole: each candidate's rows found by an index of ids, then given in order of first appearance,
 * a lot at a time (`inPlaceTexts`: see IN_PLACE_TEXTS; tests choose either way).
 */
export function joinTables(tables: readonly BoundTable[], standard: Standard, inPlaceTexts = IN_PLACE_TEXTS): TableJoin {
  const ordered = joinOrder(tables);
  const m = ordered.length;
  const { ids, keys, diagnostics, starts, refs, places: index } = gather(ordered);
  /** Each candidate's place in the order, by key; let go once surveyed. */
  let places: Map<string, number> | undefined = index;
  const sourceOf = (place: number) => {
    const ref = refs[starts[place]!]!;
    const table = ordered[ref % m]!;
    return `${table.csv.file}:${table.csv.rowNumbers[Math.floor(ref / m)]}`;
  };
  return {
    diagnostics,
    survey: (wanted, count) => {
      const found = new Map<string, string>();
      for (const key of wanted) {
        const place = places?.get(key);
        if (place !== undefined) found.set(key, sourceOf(place));
      }
      // The index of ids is needed no more: the order is in `refs`.
      places = undefined;
      return Promise.resolve(count ? { count: ids.length, found } : { found });
    },
    units: function* () {
      // Tables of few texts are read in place, a lot's candidates at a time: what is read of each text is
      // remembered for the run (per text, per column) and stays small, and copying the rows would cost more than
      // it saves. Others are copied a lot at a time into tables of the lot's own (CopiedLot), so that what is
      // remembered goes with the lot.
      if (ordered.reduce((sum, table) => sum + table.csv.rows.textCount, 0) <= inPlaceTexts) {
        for (let from = 0; from < ids.length; from += LOT_CANDIDATES) {
          const to = Math.min(from + LOT_CANDIDATES, ids.length);
          const units: CandidateUnit[] = [];
          for (let place = from; place < to; place++) {
            units.push(new TableUnit(ids[place]!, keys[place]!, Array.from(refs.subarray(starts[place], starts[place + 1])), ordered, standard));
          }
          yield units;
        }
        return;
      }
      const lot = new CopiedLot(ordered, standard);
      for (let place = 0; place < ids.length; place++) {
        lot.begin(ids[place]!, keys[place]!);
        for (let i = starts[place]!; i < starts[place + 1]!; i++) {
          const ref = refs[i]!;
          const table = ordered[ref % m]!;
          const row = Math.floor(ref / m);
          lot.row(ref % m, table.csv.rows, row, table.csv.rowNumbers[row]!);
        }
        if (lot.full) yield lot.close();
      }
      if (lot.size > 0) yield lot.close();
    },
  };
}

/**
 * Joins the HR tables on candidate_id into candidate documents (tables read whole, as `itss validate --map` reads
 * them): candidates in order of first appearance in the engagements tables, then those found only in other
 * tables. Rows without a candidate_id are diagnostics.
 */
export function joinHrTables(tables: BoundTable[], standard: Standard): { units: CandidateUnit[]; diagnostics: Diagnostic[] } {
  const ordered = joinOrder(tables);
  type Entry = { id: string; key: string; refs: PackedRows };
  const byId = new Map<string, Entry>();
  const diagnostics: Diagnostic[] = [];
  // A file feeding several tables (a career export with the person master's columns) names a row without an id once.
  const idColumnsSeen = new Map<BoundTable['csv'], Set<number>>();
  ordered.forEach((table, tableIndex) => {
    const seen = idColumnsSeen.get(table.csv) ?? new Set<number>();
    const reported = seen.has(table.idColumn.column);
    idColumnsSeen.set(table.csv, seen.add(table.idColumn.column));
    const reader = new IdReader(table, table.csv.rows);
    for (let index = 0; index < table.csv.rows.length; index++) {
      const id = reader.id(index);
      if (id === '') {
        if (!reported) diagnostics.push(noCandidateId(table, table.csv.rowNumbers[index]!));
        continue;
      }
      const key = reader.key(index);
      let entry = byId.get(key);
      if (!entry) byId.set(key, (entry = { id, key, refs: [] }));
      entry.refs.push(index * ordered.length + tableIndex);
    }
  });
  const units: CandidateUnit[] = [];
  for (const { id, key, refs } of byId.values()) units.push(new TableUnit(id, key, refs, ordered, standard));
  return { units, diagnostics };
}

/**
 * Names (and departments) compare in NFKC without spaces: 山田花子, 山田 花子 and 山田　花子 (a full-width space)
 * are one name, 運用 サービス部 and 運用サービス部 one department.
 */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return norm(a) === norm(b);
}

const NO_WARNINGS: readonly AssessmentWarning[] = Object.freeze([]);
const NOTHING_CARRIED: Carried = Object.freeze({});

/** A candidate of the HR tables: their rows, read when the candidate's turn comes. */
class TableUnit implements CandidateUnit {
  readonly file: string;
  readonly warnings: readonly AssessmentWarning[];

  constructor(
    readonly id: string,
    readonly key: string,
    private readonly refs: PackedRows,
    private readonly tables: readonly BoundTable[],
    private readonly standard: Standard,
  ) {
    this.file = tables[refs[0]! % tables.length]!.csv.file;
    const hasEngagements = refs.some((ref) => tables[ref % tables.length]!.table === 'engagements');
    this.warnings = hasEngagements ? NO_WARNINGS : [{ code: 'no-engagements', path: this.source }];
  }

  get group(): number {
    return this.refs[0]! % this.tables.length;
  }

  /**
   * Made when asked (a warning's path): a lot's units live as long as the lot, some thousand candidates, so a text
   * made for each would outlive the young generation's collections for nothing.
   */
  get source(): string {
    const first = this.tables[this.refs[0]! % this.tables.length]!;
    return `${first.csv.file}:${first.csv.rowNumbers[Math.floor(this.refs[0]! / this.tables.length)]}`;
  }

  document(): SourceDocument & { conflicts?: Diagnostic[] } {
    return candidateDocument(this.id, unpack(this.refs, this.tables));
  }

  candidate(): Candidate | undefined {
    return tableCandidate(this.id, this.refs, this.tables, this.standard);
  }

  attributes(): Carried {
    if (!this.tables.some((table) => table.carried.length > 0)) return NOTHING_CARRIED;
    const attributes = new Map<string, string>();
    for (const ref of this.refs) {
      const table = this.tables[ref % this.tables.length]!;
      const row = Math.floor(ref / this.tables.length);
      for (const { name, index } of table.carried) {
        const value = table.csv.rows.text(table.csv.rows.cell(row, index)).trim();
        const control = CONTROL_CHARACTER.exec(value);
        if (control) return { problem: { code: 'control-character', file: table.csv.file, line: table.csv.rowNumbers[row]!, column: index + 1, path: name, value, expected: [codePoint(control[0])] } };
        if (value !== '' && !attributes.has(name)) attributes.set(name, value);
      }
    }
    // Headers are the export's text: in an object that inherits no key, one named __proto__ stays a header, and a carried column
    // left empty (`toString`) is not answered by Object.prototype's.
    return attributes.size === 0 ? {} : { values: bareObject(attributes) };
  }
}

/** `file:row` of a row, to name it in a message beside the row the message is located at. */
const rowAt = (ref: RowRef) => `${ref.table.csv.file}:${ref.table.csv.rowNumbers[ref.row] ?? 0}`;

function candidateDocument(id: string, refs: RowRef[]): SourceDocument & { conflicts?: Diagnostic[] } {
  const lists: Record<string, Record<string, unknown>[]> = {};
  const refsOf: Record<string, RowRef[]> = {};
  let name: string | undefined;
  let named: RowRef | undefined;
  let department: string | undefined;
  let departed: RowRef | undefined;
  const conflicts: Diagnostic[] = [];
  /**
   * A second value of the person's name or department, other than the first: the person is not assessed (two
   * people under one id, or a stale row; which is right only HR can tell), each of the two rows named. Once each.
   */
  const conflicting = (code: 'conflicting-names' | 'conflicting-departments', ref: RowRef, column: number, value: string, first: string, firstRef: RowRef) => {
    if (conflicts.some((c) => c.code === code)) return;
    const at = rowAt(firstRef);
    conflicts.push({ code, file: ref.table.csv.file, line: ref.table.csv.rowNumbers[ref.row] ?? 0, column, path: code === 'conflicting-names' ? 'name' : 'department', value, other: first, at, expected: [`${first} (${at})`] });
  };
  // The person master first: a name comes from it when it has one (candidate-format.md).
  const ordered = [...refs.filter((r) => r.table.table === 'people'), ...refs.filter((r) => r.table.table !== 'people')];
  for (const ref of ordered) {
    const cells = ref.table.csv.rows.get(ref.row);
    const record: Record<string, unknown> = {};
    for (const column of ref.table.columns) {
      if (column.field === 'candidate_id') continue;
      const value = column.read(cells).trim();
      if (value === '') continue;
      if (column.field === 'candidate_name') {
        if (name === undefined) [name, named] = [value, ref];
        else if (!sameName(name, value)) conflicting('conflicting-names', ref, column.column, value, name, named!);
      } else if (column.field === 'department') {
        if (department === undefined) [department, departed] = [value, ref];
        else if (!sameName(department, value)) conflicting('conflicting-departments', ref, column.column, value, department, departed!);
      } else if (column.field.startsWith('size.')) ((record.size ??= {}) as Record<string, string>)[column.field.slice(5)] = value;
      else record[column.field] = value;
    }
    // Each table fills the candidate file's list of its own name; the person master, the person alone.
    const list = ref.table.table;
    if (list === 'people') continue;
    (lists[list] ??= []).push(record);
    (refsOf[list] ??= []).push(ref);
  }
  const value: Record<string, unknown> = { id, ...(name !== undefined ? { name } : {}), ...(department !== undefined ? { department } : {}), ...lists };
  const first = named ?? refs[0]!;
  const at = (ref: RowRef, field?: string): Position => {
    const column = field === undefined ? undefined : ref.table.columns.find((c) => c.field === field);
    const at: Position = { file: ref.table.csv.file, line: ref.table.csv.rowNumbers[ref.row]!, column: column?.column ?? 1 };
    // The column as the file heads it: an export's 役職 is what a person looks for, not the field `role`.
    if (column && column.header !== '') at.header = column.header;
    // The mapping's name of the column: an unknown value's message says under which `values:` to map it (only
    // under a mapping: without one, the user has none to add to).
    if (column && ref.table.underMapping) at.mapColumn = column.name;
    return at;
  };
  const locate = (path: readonly PropertyKey[]): Position => {
    const [list, index, field, sub] = path;
    const ref = typeof list === 'string' && typeof index === 'number' ? refsOf[list]?.[index] : undefined;
    if (ref) return at(ref, field === 'size' && typeof sub === 'string' ? `size.${sub}` : typeof field === 'string' ? field : undefined);
    if (list === 'name') return at(first, 'candidate_name');
    if (list === 'department') return at(first, 'department');
    return at(first, 'candidate_id');
  };
  return conflicts.length === 0 ? { value, locate } : { value, locate, conflicts };
}

/** The form candidate ids are compared in, across tables and sources: NFKC, trimmed. */
export function joinKey(id: string): string {
  // Printable ASCII (nearly every id) is its own NFKC form, and has nothing to trim.
  let i = 0;
  while (i < id.length && id.charCodeAt(i) > 32 && id.charCodeAt(i) < 127) i++;
  if (i === id.length) return id;
  return id.normalize('NFKC').trim();
}
