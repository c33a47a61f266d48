import type { Candidate, Engagement, ExamRecord, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from '../candidate/candidate.js';
import { candidateVocabulary, type CandidateVocabulary } from '../candidate/candidateSchema.js';
import type { Standard } from '../standard/loadStandard.js';
import { endDay, parseDate, startDay, type EpochDay } from '../values/calendarDate.js';
import type { LabelIndex } from '../values/labelIndex.js';
import { parsePeople, parseYen } from '../values/parseQuantity.js';
import type { BoundColumn, BoundTable } from './bindHrTable.js';
import type { TableName } from './hrTables.js';

/**
 * The batch's fast path: a candidate read straight from their HR table rows, each distinct cell read once with the
 * helpers the candidate schema uses — or undefined as soon as anything is not plainly valid (or two rows give two
 * names), for the document path and the schema to judge and word. The schema stays the arbiter: this path takes
 * only what it would accept, giving exactly what it would give (tests/tableCandidate.test.ts holds the two
 * together). It exists because a batch has millions of cells but only a few thousand distinct ones.
 */
export function tableCandidate(id: string, refs: readonly number[], tables: readonly BoundTable[], standard: Standard): Candidate | undefined {
  if (id === '' || CONTROL.test(id)) return undefined;
  const candidate: Candidate = { id, exams: [], engagements: [], expertise: [], knowledgeTransfer: [], mentoring: [] };
  // The person master first: a name comes from it when it has one (candidate-format.md).
  for (const people of [true, false]) {
    for (const ref of refs) {
      // Rows as the join packs them: `row * tables.length + table`.
      const table = tables[ref % tables.length]!;
      const row = Math.floor(ref / tables.length);
      if ((table.table === 'people') !== people) continue;
      const reader = readerOf(table, standard);
      if (!reader.person(row, candidate)) return undefined;
      if (!reader.record(row, candidate)) return undefined;
    }
  }
  return candidate;
}

/** A cell the fast path does not take: the document path reads (and words) it. */
const FAIL = Symbol('fail');
type Read<T> = T | typeof FAIL;

/** Text cells only: a cell with a control character is the schema's to judge. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (t: string): Read<string> => (CONTROL.test(t) ? FAIL : t);

const readers = new WeakMap<BoundTable, TableReader>();
function readerOf(table: BoundTable, standard: Standard): TableReader {
  let reader = readers.get(table);
  if (!reader) readers.set(table, (reader = new TableReader(table, vocabularyOf(standard), standard)));
  return reader;
}

const vocabularies = new WeakMap<Standard, CandidateVocabulary>();
function vocabularyOf(standard: Standard): CandidateVocabulary {
  let vocabulary = vocabularies.get(standard);
  if (!vocabulary) vocabularies.set(standard, (vocabulary = candidateVocabulary(standard)));
  return vocabulary;
}

/**
 * One bound column's cells, each distinct one read once: by its number in the table's store when the column
 * reads one cell, else by the text the column makes of the row (a mapping's join).
 */
class ColumnCells {
  /** Per way of reading: by cell number (an array: numbers are dense), or by the text of a joined column. */
  private readonly byNumber = new Map<unknown, unknown[]>();
  private readonly byText = new Map<unknown, Map<string, unknown>>();

  constructor(
    private readonly table: BoundTable,
    private readonly column: BoundColumn,
  ) {}

  /** What the row's cell reads as under `read` (undefined for an empty cell); `scope` separates reads that differ (by specialty). */
  value<T>(row: number, read: (text: string) => Read<T>, scope: unknown = read): Read<T> | undefined {
    const { source } = this.column;
    if (!source) {
      let memo = this.byText.get(scope);
      if (!memo) this.byText.set(scope, (memo = new Map()));
      const key = this.column.read(this.table.csv.rows.get(row)).trim();
      if (!memo.has(key)) memo.set(key, key === '' ? EMPTY : read(key));
      return unwrap(memo.get(key) as Read<T> | typeof EMPTY);
    }
    let memo = this.byNumber.get(scope);
    // As long as it will be (the table is read): assigned out of order, a growing array would turn into a dictionary.
    if (!memo) this.byNumber.set(scope, (memo = new Array(this.table.csv.rows.texts.length)));
    const number = this.table.csv.rows.cell(row, source.index);
    let value = memo[number] as Read<T> | typeof EMPTY | undefined;
    if (value === undefined) {
      const text = source.readText(this.table.csv.rows.texts[number]!).trim();
      memo[number] = value = text === '' ? EMPTY : read(text);
    }
    return unwrap(value);
  }
}

/** An empty cell, remembered as such (undefined in a memo means not read yet). */
const EMPTY = Symbol('empty');
const unwrap = <T>(value: T | typeof EMPTY): T | undefined => (value === EMPTY ? undefined : value);

/** Reads one table's rows into a candidate's records. */
class TableReader {
  private readonly cells = new Map<string, ColumnCells>();
  private readonly sizeCells: { id: string; cells: ColumnCells; read: (t: string) => Read<number> }[];
  private readonly readers: Record<string, (t: string) => Read<unknown>>;
  private readonly lists = new Map<LabelIndex, (t: string) => Read<string[]>>();

  constructor(
    private readonly table: BoundTable,
    private readonly vocabulary: CandidateVocabulary,
    standard: Standard,
  ) {
    for (const column of table.columns) this.cells.set(column.field, new ColumnCells(table, column));
    const people = (t: string) => parsePeople(t) ?? FAIL;
    const yen = (t: string) => parseYen(t) ?? FAIL;
    this.sizeCells = standard.sizeFields.flatMap((f) => {
      const cells = this.cells.get(`size.${f.id}`);
      return cells ? [{ id: f.id, cells, read: f.unit === 'yen' ? yen : people }] : [];
    });
    const one = (index: LabelIndex) => (t: string) => (CONTROL.test(t) ? FAIL : (index.resolve(t) ?? FAIL));
    const day = (end: boolean) => (t: string) => {
      const parsed = CONTROL.test(t) ? undefined : parseDate(t);
      return parsed === undefined ? FAIL : end ? endDay(parsed) : startDay(parsed);
    };
    this.readers = {
      specialty: one(vocabulary.specialty),
      role: one(vocabulary.role),
      depth: one(vocabulary.depth),
      kind: one(vocabulary.knowledgeTransfer),
      outcome: (t) => {
        const outcome = one(vocabulary.outcome)(t);
        return outcome === 'success' || outcome === 'failed' ? outcome : FAIL;
      },
      start: day(false),
      end: day(true),
      text,
      exam: (t) => {
        if (CONTROL.test(t)) return FAIL;
        const id = vocabulary.exam.resolve(t);
        return { exam: id ?? t, listed: id !== undefined };
      },
    };
  }

  /** A list cell's ids, in order, each once; FAIL if any item is unknown. One reader per list, so one memo. */
  private list(index: LabelIndex | undefined): ((t: string) => Read<string[]>) | undefined {
    if (index === undefined) return undefined;
    let read = this.lists.get(index);
    if (!read)
      this.lists.set(
        index,
        (read = (t) => {
          if (CONTROL.test(t)) return FAIL;
          const ids: string[] = [];
          for (const item of index.splitList(t)) {
            const id = index.resolve(item);
            if (id === undefined) return FAIL;
            if (!ids.includes(id)) ids.push(id);
          }
          return ids;
        }),
      );
    return read;
  }

  private get<T>(row: number, field: string, reader: string): Read<T> | undefined {
    return this.cells.get(field)?.value(row, this.readers[reader]!) as Read<T> | undefined;
  }

  /** A list field, read with the list of `index` (lists differ by specialty); FAIL when the specialty has none. */
  private getList(row: number, field: string, index: LabelIndex | undefined): Read<string[]> | undefined {
    const cells = this.cells.get(field);
    if (!cells) return undefined;
    const read = this.list(index);
    return read ? cells.value(row, read) : cells.value(row, () => FAIL as Read<string[]>, FAIL);
  }

  /** The row's name and department onto the candidate: false when its name is another than the one already given. */
  person(row: number, candidate: Candidate): boolean {
    const name = this.get<string>(row, 'candidate_name', 'text');
    if (name === FAIL) return false;
    if (name !== undefined) {
      if (candidate.name === undefined) candidate.name = name;
      else if (candidate.name !== name) return false; // the document path decides whether it is the same name
    }
    const department = this.get<string>(row, 'department', 'text');
    if (department === FAIL) return false;
    if (department !== undefined) candidate.department ??= department;
    return true;
  }

  /** The row's record onto the candidate's list of its table: false when any cell is not plainly valid. */
  record(row: number, candidate: Candidate): boolean {
    const table: TableName = this.table.table;
    switch (table) {
      case 'people':
        return true;
      case 'engagements': {
        const engagement = this.engagement(row);
        return engagement !== FAIL && candidate.engagements.push(engagement) > 0;
      }
      case 'expertise': {
        const record = this.expertise(row);
        return record !== FAIL && candidate.expertise.push(record) > 0;
      }
      case 'knowledgeTransfer': {
        const record = this.knowledgeTransfer(row);
        return record !== FAIL && candidate.knowledgeTransfer.push(record) > 0;
      }
      case 'mentoring': {
        const record = this.mentoring(row);
        return record !== FAIL && candidate.mentoring.push(record) > 0;
      }
      case 'exams': {
        const record = this.get<ExamRecord>(row, 'exam', 'exam');
        if (record === FAIL || record === undefined) return false;
        const passed = this.get<EpochDay>(row, 'passed', 'start');
        if (passed === FAIL) return false;
        candidate.exams.push(passed === undefined ? { ...record } : { ...record, passed });
        return true;
      }
    }
  }

  private engagement(row: number): Read<Engagement> {
    const specialty = this.get<string>(row, 'specialty', 'specialty');
    const role = this.get<string>(row, 'role', 'role');
    const from = this.get<EpochDay>(row, 'from', 'start');
    const to = this.get<EpochDay>(row, 'to', 'end');
    const outcome = this.get<'success' | 'failed'>(row, 'outcome', 'outcome') ?? 'success';
    if (specialty === undefined || specialty === FAIL || role === undefined || role === FAIL || from === undefined || from === FAIL || to === FAIL || outcome === FAIL) return FAIL;
    if (to !== undefined && to < from) return FAIL;
    const complexity = this.getList(row, 'complexity', this.vocabulary.complexity.get(specialty)) ?? [];
    const activities = this.getList(row, 'activities', this.vocabulary.activities.get(specialty)) ?? [];
    const title = this.get<string>(row, 'title', 'text');
    if (complexity === FAIL || activities === FAIL || title === FAIL) return FAIL;
    const size: Record<string, number> = {};
    for (const field of this.sizeCells) {
      const amount = field.cells.value(row, field.read);
      if (amount === FAIL) return FAIL;
      if (amount !== undefined) size[field.id] = amount;
    }
    // Lists are shared between the engagements that wrote the same cell: the engine never changes a candidate.
    const engagement: Engagement = { specialty, role, from, to: to ?? null, outcome, complexity, activities, size };
    if (title !== undefined) engagement.title = title;
    return engagement;
  }

  private expertise(row: number): Read<ExpertiseRecord> {
    const specialty = this.get<string>(row, 'specialty', 'specialty');
    const depth = this.get<string>(row, 'depth', 'depth');
    if (specialty === undefined || specialty === FAIL || depth === undefined || depth === FAIL) return FAIL;
    const areas = this.getList(row, 'areas', this.vocabulary.areas.get(specialty));
    return areas === undefined || areas === FAIL ? FAIL : { specialty, areas, depth };
  }

  private knowledgeTransfer(row: number): Read<KnowledgeTransferRecord> {
    const kind = this.get<string>(row, 'kind', 'kind');
    const specialties = this.getList(row, 'specialties', this.vocabulary.specialty);
    const title = this.get<string>(row, 'title', 'text');
    const date = this.get<EpochDay>(row, 'date', 'start');
    if (kind === undefined || kind === FAIL || specialties === FAIL || title === FAIL || date === FAIL) return FAIL;
    const record: KnowledgeTransferRecord = { kind, specialties: specialties ?? null };
    if (title !== undefined) record.title = title;
    if (date !== undefined) record.date = date;
    return record;
  }

  private mentoring(row: number): Read<MentoringRecord> {
    const specialties = this.getList(row, 'specialties', this.vocabulary.specialty);
    const mentee = this.get<string>(row, 'mentee', 'text');
    const from = this.get<EpochDay>(row, 'from', 'start');
    if (specialties === FAIL || mentee === FAIL || from === FAIL) return FAIL;
    const record: MentoringRecord = { specialties: specialties ?? null };
    if (mentee !== undefined) record.mentee = mentee;
    if (from !== undefined) record.from = from;
    return record;
  }
}
