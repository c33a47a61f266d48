import type { AssessmentWarning } from '../engine/assessment.js';
import type { Diagnostic } from '../input/diagnostic.js';
import { CONTROL_CHARACTER, codePoint, type Position, type SourceDocument } from '../input/parseYamlSource.js';
import type { Candidate } from '../candidate/candidate.js';
import type { Standard } from '../standard/loadStandard.js';
import { nullPrototype } from '../values/nullPrototype.js';
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
 * Joins the HR tables on candidate_id into candidate documents: candidates in order of first appearance in the
 * engagements tables, then those found only in other tables. Rows without a candidate_id are diagnostics.
 */
export function joinHrTables(tables: BoundTable[], standard: Standard): { units: CandidateUnit[]; diagnostics: Diagnostic[] } {
  const ordered = [...tables.filter((t) => t.table === 'engagements'), ...tables.filter((t) => t.table !== 'engagements')];
  type Entry = { id: string; key: string; refs: PackedRows };
  const byId = new Map<string, Entry>();
  const diagnostics: Diagnostic[] = [];
  /** The candidate of an id as written, '' none: each distinct id is put in its NFKC form once. */
  const entryOf = (id: string): Entry | undefined => {
    if (id === '') return undefined;
    // Joined on the NFKC form: an export that writes Ｅ１００１ in one table and E1001 in another means one person.
    const key = joinKey(id);
    let entry = byId.get(key);
    if (!entry) byId.set(key, (entry = { id, key, refs: [] }));
    return entry;
  };
  // A file feeding several tables (a career export with the person master's columns) names a row without an id once.
  const idColumnsSeen = new Map<BoundTable['csv'], Set<number>>();
  ordered.forEach((table, tableIndex) => {
    const { rows } = table.csv;
    const seen = idColumnsSeen.get(table.csv) ?? new Set<number>();
    const reported = seen.has(table.idColumn.column);
    idColumnsSeen.set(table.csv, seen.add(table.idColumn.column));
    const { source } = table.idColumn;
    // Ids repeat on every row of a person: by cell number, each distinct id cell is read once.
    // (Made as long as it will be: assigned out of order, a growing array would turn into a slow dictionary.)
    const entries = new Array<Entry | null | undefined>(rows.texts.length);
    for (let index = 0; index < rows.length; index++) {
      let entry: Entry | null | undefined;
      if (source) {
        const number = rows.cell(index, source.index);
        entry = entries[number];
        if (entry === undefined) entry = entries[number] = entryOf(source.readText(rows.texts[number]!).trim()) ?? null;
      } else entry = entryOf(table.idColumn.read(rows.get(index)).trim());
      if (!entry) {
        if (reported) continue;
        const header = table.idColumn.header;
        diagnostics.push({ code: 'no-candidate-id', file: table.csv.file, line: table.csv.rowNumbers[index]!, column: table.idColumn.column, path: 'candidate_id', ...(header !== '' ? { header } : {}) });
        continue;
      }
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
  readonly source: string;
  readonly file: string;
  readonly warnings: readonly AssessmentWarning[];

  constructor(
    readonly id: string,
    readonly key: string,
    private readonly refs: PackedRows,
    private readonly tables: readonly BoundTable[],
    private readonly standard: Standard,
  ) {
    const first = tables[refs[0]! % tables.length]!;
    this.file = first.csv.file;
    this.source = `${this.file}:${first.csv.rowNumbers[Math.floor(refs[0]! / tables.length)]}`;
    const hasEngagements = refs.some((ref) => tables[ref % tables.length]!.table === 'engagements');
    this.warnings = hasEngagements ? NO_WARNINGS : [{ code: 'no-engagements', path: this.source }];
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
        const value = table.csv.rows.texts[table.csv.rows.cell(row, index)]!.trim();
        const control = CONTROL_CHARACTER.exec(value);
        if (control) return { problem: { code: 'control-character', file: table.csv.file, line: table.csv.rowNumbers[row]!, column: index + 1, path: name, value, expected: [codePoint(control[0])] } };
        if (value !== '' && !attributes.has(name)) attributes.set(name, value);
      }
    }
    // Headers are the export's text: without a prototype, one named __proto__ stays a header, and a carried column
    // left empty (`toString`) is not answered by Object.prototype's.
    return attributes.size === 0 ? {} : { values: nullPrototype(attributes) };
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
  return id.normalize('NFKC').trim();
}
