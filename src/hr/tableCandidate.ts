import type { Candidate, Engagement, ExamRecord, ExpertiseRecord, KnowledgeTransferRecord, MentoringRecord } from '../candidate/candidate.js';
import { candidateVocabulary, type CandidateVocabulary } from '../candidate/candidateSchema.js';
import { CONTROL_CHARACTER } from '../input/parseYamlSource.js';
import { bareObject } from '../values/bareObject.js';
import type { Standard } from '../standard/loadStandard.js';
import { endDay, isOngoingEnd, isOngoingPlainEnd, parseDate, plainDate, startDay, type EpochDay } from '../values/calendarDate.js';
import type { LabelIndex } from '../values/labelIndex.js';
import { parsePeople, parseYen, plainPeople, plainYen } from '../values/parseQuantity.js';
import type { BoundColumn, BoundTable } from './bindHrTable.js';
import type { TableName } from './hrTables.js';
import { RememberedTexts } from './rememberedTexts.js';

/**
 * The batch's fast path: a candidate read straight from their HR table rows, each distinct cell read once with the
 * helpers the candidate schema uses — or undefined as soon as anything is not plainly valid (or two rows give two
 * names or departments), for the document path and the schema to judge and word. The schema stays the arbiter:
 * this path takes only what it would accept, giving exactly what it would give (tests/tableCandidate.test.ts holds
 * the two together). It exists because a batch has millions of cells but only a few thousand distinct ones.
 */
export function tableCandidate(id: string, refs: readonly number[], tables: readonly BoundTable[], standard: Standard): Candidate | undefined {
  if (id === '' || CONTROL_CHARACTER.test(id)) return undefined;
  // Name and department there from the start, if undefined: every candidate of a batch one shape, which the engine's
  // optimised code then reads without meeting another (a shape added to later was thrown away and compiled again).
  const candidate: Candidate = { id, name: undefined, department: undefined, exams: [], engagements: [], expertise: [], knowledgeTransfer: [], mentoring: [] };
  const { readers, isPeople, passes } = readersOf(tables, standard);
  // The person master first: a name comes from it when it has one (candidate-format.md).
  for (const people of passes) {
    for (const ref of refs) {
      // Rows as the join packs them: `row * tables.length + table`.
      const at = ref % tables.length;
      if (people !== null && isPeople[at] !== people) continue;
      const reader = readers[at]!;
      const row = Math.floor(ref / tables.length);
      if (!reader.person(row, candidate)) return undefined;
      if (!reader.record(row, candidate)) return undefined;
    }
  }
  return candidate;
}

/**
 * The readers of a batch's tables (by the table's place), which are person masters, and the passes over a
 * candidate's rows (person masters, then the rest; or all at once): made once per batch.
 */
const tableReaders = new WeakMap<readonly BoundTable[], { readers: TableReader[]; isPeople: boolean[]; passes: readonly (boolean | null)[] }>();
function readersOf(tables: readonly BoundTable[], standard: Standard) {
  let found = tableReaders.get(tables);
  if (!found) {
    const isPeople = tables.map((table) => table.table === 'people');
    tableReaders.set(tables, (found = { readers: tables.map((table) => readerOf(table, standard)), isPeople,
      passes: isPeople.includes(true) ? [true, false] : [null] }));
  }
  return found;
}

/** A cell the fast path does not take: the document path reads (and words) it. */
const FAIL = Symbol('fail');
type Read<T> = T | typeof FAIL;

/** Text cells only: a cell with a control character is the schema's to judge. */
const text = (t: string): Read<string> => (CONTROL_CHARACTER.test(t) ? FAIL : t);

const readers = new WeakMap<BoundTable, TableReader>();
function readerOf(table: BoundTable, standard: Standard): TableReader {
  let reader = readers.get(table);
  if (!reader) readers.set(table, (reader = new TableReader(table, readingsOf(standard), standard)));
  return reader;
}

const readings = new WeakMap<Standard, CellReadings>();
function readingsOf(standard: Standard): CellReadings {
  let found = readings.get(standard);
  if (!found) readings.set(standard, (found = new CellReadings(candidateVocabulary(standard))));
  return found;
}

/**
 * Texts a reading remembers at most (then it starts again): memory stays bounded whatever the export (some ten
 * megabytes a reading at most). A diverse 100k export has some 100,000 distinct day-precise dates over its columns:
 * a cap of 4,096 was emptied 84 times in the batch and missed 95% of 362,000 readings of a start.
 */
const REMEMBERED_TEXTS = 1 << 17;

/**
 * A reading of cell texts remembered by text: the same text reads the same in every table of every lot (a lot's
 * tables are new every few thousand candidates, and an export repeats its roles, dates and lists across all of
 * them), and a list read once is one array, whose bits the engine then finds remembered too. Pure readings only.
 */
function remembered<T>(read: (text: string) => T): (text: string) => T {
  const memo = new RememberedTexts(read, REMEMBERED_TEXTS);
  return (text) => memo.of(text);
}

/**
 * A reading that first tries `plain` (a form read at once, undefined for any other), then `read`: on a diverse
 * export most dates and many amounts are distinct, and reading a plain one costs less than looking it up among the
 * 100,000 remembered (about 1.7 µs a lookup in a batch, where the tables no longer fit the processor's caches).
 */
function plainFirst<T>(plain: (text: string) => T | undefined, read: (text: string) => T): (text: string) => T {
  return (text) => plain(text) ?? read(text);
}

/** What the cells of each kind of column read as under one standard's vocabulary: made once per standard. */
class CellReadings {
  readonly specialty: (text: string) => Read<string>;
  readonly role: (text: string) => Read<string>;
  readonly start: (text: string) => Read<EpochDay>;
  /** An end in year 9999 (HR systems' "no end") reads as an empty cell: ongoing. */
  readonly end: (text: string) => Read<EpochDay> | typeof EMPTY;
  readonly outcome: (text: string) => Read<'success' | 'failed'>;
  readonly depth: (text: string) => Read<string>;
  readonly kind: (text: string) => Read<string>;
  readonly specialties: (text: string) => Read<string[]>;
  readonly exam: (text: string) => Read<Omit<ExamRecord, 'passed'>>;
  readonly people = plainFirst(plainPeople, remembered((t: string) => parsePeople(t) ?? FAIL));
  readonly yen = plainFirst(plainYen, remembered((t: string) => parseYen(t) ?? FAIL));
  private readonly lists = new Map<LabelIndex, (text: string) => Read<string[]>>();

  constructor(readonly vocabulary: CandidateVocabulary) {
    const one = (index: LabelIndex) => (t: string) => (CONTROL_CHARACTER.test(t) ? FAIL : (index.resolve(t) ?? FAIL));
    const day = (end: boolean) => (t: string) => {
      const parsed = CONTROL_CHARACTER.test(t) ? undefined : parseDate(t);
      return parsed === undefined ? FAIL : end ? endDay(parsed) : startDay(parsed);
    };
    this.specialty = remembered(one(vocabulary.specialty));
    this.role = remembered(one(vocabulary.role));
    // A plain date reads as `day` reads it (and isOngoingEnd answers for one at once).
    const plainDay = (t: string) => {
      const parsed = plainDate(t);
      return parsed === undefined ? undefined : 'problem' in parsed ? FAIL : parsed;
    };
    this.start = plainFirst((t) => {
      const parsed = plainDay(t);
      return parsed === undefined || parsed === FAIL ? parsed : startDay(parsed);
    }, remembered(day(false)));
    const end = day(true);
    this.end = plainFirst((t) => {
      const parsed = plainDay(t);
      if (parsed === undefined) return undefined;
      if (isOngoingPlainEnd(t)) return EMPTY;
      return parsed === FAIL ? FAIL : endDay(parsed);
    }, remembered((t) => (isOngoingEnd(t) ? EMPTY : end(t))));
    const outcome = one(vocabulary.outcome);
    this.outcome = remembered((t) => {
      const read = outcome(t);
      return read === 'success' || read === 'failed' ? read : FAIL;
    });
    this.depth = remembered(one(vocabulary.depth));
    this.kind = remembered(one(vocabulary.knowledgeTransfer));
    this.specialties = this.listOf(vocabulary.specialty);
    this.exam = remembered((t) => {
      if (CONTROL_CHARACTER.test(t)) return FAIL;
      const id = vocabulary.exam.resolve(t);
      return { exam: id ?? t, listed: id !== undefined };
    });
  }

  /** A list cell's ids, in order, each once; FAIL if any item is unknown (one reading per vocabulary). */
  listOf(index: LabelIndex): (text: string) => Read<string[]> {
    let read = this.lists.get(index);
    if (!read) this.lists.set(index, (read = remembered(listOf(index))));
    return read;
  }
}

/** What a column's cell reads as, for a row: undefined for an empty cell, FAIL for one the fast path does not take. */
type CellReader<T> = (row: number) => Read<T> | undefined;

/**
 * A reader of one bound column's cells under `read`, each distinct cell read once: by its number in the table's
 * store when the column reads one cell, else by the text the column makes of the row (a mapping's join).
 */
function cellReader<T>(table: BoundTable, column: BoundColumn, read: (text: string) => Read<T> | typeof EMPTY): CellReader<T> {
  const { rows } = table.csv;
  const { source } = column;
  if (!source) {
    const memo = new Map<string, Read<T> | typeof EMPTY>();
    // The row's texts as decoded, by number: a store decodes a text each time it is asked (RowStore.text).
    const decoded: (string | undefined)[] = [];
    return (row) => {
      const key = column.read(rows.get(row, decoded)).trim();
      let value = memo.get(key);
      if (value === undefined) memo.set(key, (value = key === '' ? EMPTY : read(key)));
      return value === EMPTY ? undefined : value;
    };
  }
  // Each text's reading by the text's number: a slot per text of the table (typed, zeroed: 0 is not read yet) into
  // the readings this column has made. An array of a slot per text held the readings themselves, but a batch makes
  // one for every column of every lot's tables, each as long as the lot has texts: on a diverse export, 890 arrays
  // of some 40,000 holes, about a second of allocating and collecting at 100k candidates.
  // A column makes at most as many readings as the table has texts: 16 bits a slot where they fit (a lot's tables
  // hold 40,000-60,000 texts on the diverse export), half the memory each cell's lookup reaches into.
  const slots = rows.textCount < 0xffff ? new Uint16Array(rows.textCount) : new Int32Array(rows.textCount);
  const readings: (Read<T> | typeof EMPTY)[] = [];
  return (row) => {
    const number = rows.cell(row, source.index);
    const slot = slots[number]!;
    let value: Read<T> | typeof EMPTY;
    if (slot === 0) {
      const text = source.readText(rows.text(number)).trim();
      value = text === '' ? EMPTY : read(text);
      slots[number] = readings.push(value);
    } else value = readings[slot - 1]!;
    return value === EMPTY ? undefined : value;
  };
}

/**
 * The list of an empty list cell, one for every engagement (a diverse 100k export has 150,000): the engine keeps a
 * bit mask per list in a WeakMap, and a new empty list each time was a new entry each time. Frozen: the engine never
 * changes a candidate, and a change would now be every engagement's.
 */
const NO_ITEMS = Object.freeze([]) as readonly string[] as string[];

/** An empty cell, remembered as such (undefined in a memo means not read yet). */
const EMPTY = Symbol('empty');

const absent: CellReader<never> = () => undefined;

/** Reads one table's rows into a candidate's records: a reader per column, made once per table. */
class TableReader {
  private readonly name: CellReader<string>;
  private readonly department: CellReader<string>;
  private readonly title: CellReader<string>;
  private readonly specialty: CellReader<string>;
  private readonly role: CellReader<string>;
  private readonly from: CellReader<EpochDay>;
  private readonly to: CellReader<EpochDay>;
  private readonly outcome: CellReader<'success' | 'failed'>;
  private readonly depth: CellReader<string>;
  private readonly kind: CellReader<string>;
  private readonly specialties: CellReader<string[]>;
  private readonly mentee: CellReader<string>;
  private readonly date: CellReader<EpochDay>;
  private readonly exam: CellReader<Omit<ExamRecord, 'passed'>>;
  private readonly passed: CellReader<EpochDay>;
  private readonly sizes: { id: string; read: CellReader<number> }[];
  /** List columns whose items depend on the specialty: a reader per field and specialty. */
  private readonly bySpecialty = { complexity: new Map<string, CellReader<string[]>>(),
    activities: new Map<string, CellReader<string[]>>(),
    areas: new Map<string, CellReader<string[]>>() };

  constructor(
    private readonly table: BoundTable,
    private readonly readings: CellReadings,
    standard: Standard,
  ) {
    const column = (field: string) => table.columns.find((c) => c.field === field);
    const reader = <T>(field: string, read: (text: string) => Read<T> | typeof EMPTY): CellReader<T> => {
      const bound = column(field);
      return bound ? cellReader(table, bound, read) : absent;
    };
    this.name = reader('candidate_name', text);
    this.department = reader('department', text);
    this.title = reader('title', text);
    this.specialty = reader('specialty', readings.specialty);
    this.role = reader('role', readings.role);
    // `from` is an engagement's start and a mentoring's; `to` an end.
    this.from = reader('from', readings.start);
    this.to = reader('to', readings.end);
    this.outcome = reader('outcome', readings.outcome);
    this.depth = reader('depth', readings.depth);
    this.kind = reader('kind', readings.kind);
    this.specialties = reader('specialties', readings.specialties);
    this.mentee = reader('mentee', text);
    this.date = reader('date', readings.start);
    this.exam = reader('exam', readings.exam);
    this.passed = reader('passed', readings.start);
    this.sizes = standard.sizeFields.flatMap((f) => (column(`size.${f.id}`) ? [{ id: f.id, read: reader(`size.${f.id}`, f.unit === 'yen' ? readings.yen : readings.people) }] : []));
  }

  /** A list field whose items are the specialty's (complexity, activities, areas); FAIL when the specialty has none. */
  private listIn(row: number, field: 'complexity' | 'activities' | 'areas', specialty: string): Read<string[]> | undefined {
    let read = this.bySpecialty[field].get(specialty);
    if (!read) {
      const index = this.readings.vocabulary[field].get(specialty);
      const bound = this.table.columns.find((c) => c.field === field);
      read = !bound ? absent : cellReader(this.table, bound, index ? this.readings.listOf(index) : () => FAIL);
      this.bySpecialty[field].set(specialty, read);
    }
    return read(row);
  }

  /** The row's name and department onto the candidate: false when either is another than the one already given. */
  person(row: number, candidate: Candidate): boolean {
    const name = this.name(row);
    if (name === FAIL) return false;
    if (name !== undefined) {
      if (candidate.name === undefined) candidate.name = name;
      else if (candidate.name !== name) return false; // the document path decides whether it is the same name
    }
    const department = this.department(row);
    if (department === FAIL) return false;
    if (department !== undefined) {
      if (candidate.department === undefined) candidate.department = department;
      else if (candidate.department !== department) return false; // two departments: the document path rejects or accepts
    }
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
        const record = this.exam(row);
        if (record === FAIL || record === undefined) return false;
        const passed = this.passed(row);
        if (passed === FAIL) return false;
        candidate.exams.push(passed === undefined ? { ...record } : { ...record, passed });
        return true;
      }
    }
  }

  private engagement(row: number): Read<Engagement> {
    const specialty = this.specialty(row);
    const role = this.role(row);
    const from = this.from(row);
    const to = this.to(row);
    const outcome = this.outcome(row) ?? 'success';
    if (specialty === undefined || specialty === FAIL || role === undefined || role === FAIL ||
      from === undefined || from === FAIL || to === FAIL || outcome === FAIL) return FAIL;
    if (to !== undefined && to < from) return FAIL;
    const complexity = this.listIn(row, 'complexity', specialty) ?? NO_ITEMS;
    const activities = this.listIn(row, 'activities', specialty) ?? NO_ITEMS;
    const title = this.title(row);
    if (complexity === FAIL || activities === FAIL || title === FAIL) return FAIL;
    // As the schema makes it: no prototype answers for a field id (a tailored standard may name one `constructor`).
    const size = bareObject<number>();
    for (const field of this.sizes) {
      const amount = field.read(row);
      if (amount === FAIL) return FAIL;
      if (amount !== undefined) size[field.id] = amount;
    }
    // Lists are shared between the engagements that wrote the same cell: the engine never changes a candidate.
    const engagement: Engagement = { specialty, role, from, to: to ?? null, outcome, complexity, activities, size };
    if (title !== undefined) engagement.title = title;
    return engagement;
  }

  private expertise(row: number): Read<ExpertiseRecord> {
    const specialty = this.specialty(row);
    const depth = this.depth(row);
    if (specialty === undefined || specialty === FAIL || depth === undefined || depth === FAIL) return FAIL;
    const areas = this.listIn(row, 'areas', specialty);
    return areas === undefined || areas === FAIL ? FAIL : { specialty, areas, depth };
  }

  private knowledgeTransfer(row: number): Read<KnowledgeTransferRecord> {
    const kind = this.kind(row);
    const specialties = this.specialties(row);
    const title = this.title(row);
    const date = this.date(row);
    if (kind === undefined || kind === FAIL || specialties === FAIL || title === FAIL || date === FAIL) return FAIL;
    const record: KnowledgeTransferRecord = { kind, specialties: specialties ?? null };
    if (title !== undefined) record.title = title;
    if (date !== undefined) record.date = date;
    return record;
  }

  private mentoring(row: number): Read<MentoringRecord> {
    const specialties = this.specialties(row);
    const mentee = this.mentee(row);
    const from = this.from(row);
    if (specialties === FAIL || mentee === FAIL || from === FAIL) return FAIL;
    const record: MentoringRecord = { specialties: specialties ?? null };
    if (mentee !== undefined) record.mentee = mentee;
    if (from !== undefined) record.from = from;
    return record;
  }
}

/** A list cell's ids, in order, each once; FAIL if any item is unknown. */
function listOf(index: LabelIndex): (t: string) => Read<string[]> {
  return (t) => {
    if (CONTROL_CHARACTER.test(t)) return FAIL;
    const ids: string[] = [];
    for (const item of index.splitList(t)) {
      const id = index.resolve(item);
      if (id === undefined) return FAIL;
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  };
}
