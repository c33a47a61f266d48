import type { Candidate } from '../candidate/candidate.js';
import type { AssessmentWarning } from '../engine/assessment.js';
import { candidateFromDocument } from '../candidate/loadCandidate.js';
import type { Diagnostic, Rejection } from '../input/diagnostic.js';
import { joinKey, joinTables, type CandidateUnit } from '../hr/joinHrTables.js';
import { sortedJoin, type JoinPart, type KeyOrder } from '../hr/sortedJoin.js';
import type { BoundTable } from '../hr/bindHrTable.js';
import { partitionedJoin } from '../hr/partitionedJoin.js';
import { readInputs, type InputReadOptions, type ReadProgress } from './readInputs.js';
import { badRowDiagnostic } from '../hr/badRowDiagnostic.js';
import type { BadRow, CsvTable } from '../tabular/readCsv.js';

/** How the inputs are read and joined: all of a batch's options but those of scoring. */
export interface BatchInputOptions extends InputReadOptions {
  /**
   * How HR tables sorted by candidate id are joined (the same results either way): by default merged as they are
   * read again when the CSV tables are large (SORTED_JOIN_BYTES), else read whole; true, merged whatever their size;
   * false, read whole whatever their size (tests hold the two joins together).
   */
  sortedJoin?: boolean;
  /**
   * HR tables not sorted by candidate id whose CSV files hold more than this many bytes in all are joined in passes
   * of about this many bytes each, reading the tables once a pass (the same results; not with `sortedJoin: false`).
   * By default, those of more than PASS_FROM_BYTES, in passes of PASS_BYTES.
   */
  passBytes?: number;
  /**
   * A batch split in two (splitBatch.ts): told the HR tables when they are to be merged as assumed sorted, and every
   * one is a UTF-8 CSV file read from one id column, with nothing else in the inputs and no rejection to report before
   * the candidates; answers the part of the join this run reads (undefined: the whole).
   */
  split?: (tables: readonly BoundTable[], order: KeyOrder) => Promise<JoinPart | undefined>;
}

/**
 * What reading the inputs gives, in the order the batch reports it: a candidate to score, a rejection, a notice (a
 * file passed over), the number of candidates (first, when asked for). `step`: the item is one candidate's of the
 * inputs' units, counted by the progress line; a `step` item alone is a unit with nothing to report (a candidate
 * given twice, rejected once already).
 */
export type BatchItem =
  | { kind: 'candidate'; candidate: Candidate; attributes?: Record<string, string>; warnings: readonly AssessmentWarning[] }
  | { kind: 'rejected'; rejection: Rejection; step?: true }
  | { kind: 'step' }
  | { kind: 'notice'; notice: Diagnostic }
  | { kind: 'total'; total: number }
  | { kind: 'group'; group: number };

/** What the scoring asks of the reading besides the items: the bytes read as they are, and the number of candidates. */
export interface BatchWants {
  reading?: ReadProgress;
  count?: boolean;
  /** A `group` item before the first candidate of each part of the join's order (see CandidateUnit's group). */
  groups?: boolean;
}

/**
 * Inputs a batch may split (see BatchInputOptions' split): HR tables alone, each a UTF-8 CSV file whose first chunk
 * read well, its candidate id from one column — the same column for every table of one file.
 */
function splittable(sequence: readonly ('tables' | readonly CandidateUnit[])[], tables: readonly BoundTable[]): boolean {
  if (sequence.some((part) => part !== 'tables')) return false;
  const idColumns = new Map<string, number>();
  for (const table of tables) {
    const column = table.idColumn.source?.index;
    if (column === undefined || table.csv.encoding !== 'utf-8' || table.csv.badRows.length > 0) return false;
    if ((idColumns.get(table.csv.file) ?? column) !== column) return false;
    idColumns.set(table.csv.file, column);
  }
  return tables.length > 0;
}

/** Whether an item is one candidate's of the inputs' units (see BatchItem). */
export function isStep(item: BatchItem): boolean {
  return item.kind === 'candidate' || item.kind === 'step' || (item.kind === 'rejected' && item.step === true);
}

/**
 * Items are given this many units at a time: few enough that a candidate is scored while what it was made of is
 * still in the processor's caches and the young generation (at 256, the candidates waiting to be scored were
 * copied by the collector: 40 MB of a diverse 100k batch).
 */
const ITEMS_AT_ONCE = 32;
/** The event loop runs after this many units, so that Ctrl-C (which removes the temporary files) is heard. */
const UNITS_BETWEEN_TURNS = 256;

/**
 * CSV tables of at least this many bytes in all, every one sorted by candidate id, are merged as they are read
 * again, in memory that does not grow with the company. Smaller ones are read whole, which takes less time (one
 * reading, not two, and no copying of rows) in memory bounded by this size: a diverse export of this size, about
 * 17,000 people, peaks at about 200 MB read whole.
 */
const SORTED_JOIN_BYTES = 32 * 2 ** 20;

/**
 * CSV tables not sorted by candidate id are read whole when they hold at most PASS_FROM_BYTES in all (a diverse
 * export of 256 MB, about 140,000 people, would peak at about 450 MB), and joined in passes of about PASS_BYTES each
 * when they are larger (partitionedJoin.ts): each pass reads every table again, keeping its share of the candidates'
 * rows. Measured on the diverse 300k export (525 MB) to JSON Lines: read whole, 647 MB; in passes of 192 MB, 574–587
 * MB; of 96 MB, 505 MB; of 64 MB, 511 MB and 30% slower — past 96 MB a pass, what scoring holds is most of the peak
 * (the same export sorted, merged a lot at a time, 508 MB that run).
 */
const PASS_FROM_BYTES = 256 * 2 ** 20;
const PASS_BYTES = 96 * 2 ** 20;

/**
 * The first half of a batch: reads the inputs and joins the HR tables, and gives every candidate, in order of first
 * appearance (inputs in command-line order, the HR tables' candidates where the first table stands), as a candidate
 * to score or a rejection, with what else is to be said (BatchItem), some hundred items at a time. HR tables that
 * are all CSV files sorted by candidate id (as HR systems export them), and large (SORTED_JOIN_BYTES), are joined as
 * they are read again, in memory that does not grow with the company (sortedJoin.ts); CSV tables not sorted and
 * larger than PASS_FROM_BYTES, in passes, each keeping a share of the candidates (partitionedJoin.ts); others are
 * read whole, then joined.
 */
export async function* batchItems(inputs: readonly string[], options: BatchInputOptions, wants: BatchWants = {}): AsyncGenerator<BatchItem[]> {
  /** The items of the units since the last given (see BatchItem), and how many rejections in all. */
  let items: BatchItem[] = [];
  let rejected = 0;
  const reject = (rejection: Rejection, step = false) => {
    rejected++;
    items.push(step ? { kind: 'rejected', rejection, step } : { kind: 'rejected', rejection });
  };
  const { sequence, tables, rejectedTables, rejections, notices, sorted, partitioned } = await readInputs(inputs, {
    ...options,
    scan: options.sortedJoin !== false,
    scanFrom: options.sortedJoin === true ? 0 : SORTED_JOIN_BYTES,
    ...(options.passBytes === undefined ? { passBytes: PASS_BYTES, passFrom: PASS_FROM_BYTES } : { passBytes: options.passBytes }),
  }, wants.reading);
  for (const notice of notices) items.push({ kind: 'notice', notice });
  // A document that could not be read but names its candidate (a JSON Lines line with a byte that does not decode)
  // is held: with the candidate's other documents, if any, it makes one rejection with every reason, so that no
  // candidate ends both rejected and assessed, or rejected twice.
  const namedRejections = new Map<string, Rejection>();
  for (const rejection of rejections) {
    if (rejection.candidateId === undefined) {
      reject(rejection);
      continue;
    }
    const held = namedRejections.get(joinKey(rejection.candidateId));
    if (held) held.diagnostics.push(...rejection.diagnostics);
    else namedRejections.set(joinKey(rejection.candidateId), { candidateId: rejection.candidateId, diagnostics: [...rejection.diagnostics] });
  }

  // Tables sorted by candidate id are joined as they are read again, large ones not sorted in passes; others were
  // read whole, and are joined so.
  // Files passed over (notices) are said before any candidate, by this half; rejections would be said by both.
  const quiet = rejections.length === 0 && rejectedTables.length === 0;
  const part = options.split && sorted?.assumed && quiet && splittable(sequence, tables)
    ? await options.split(tables, sorted.order) : undefined;
  const joined = sorted ? sortedJoin(tables, sorted.scans, sorted.order, options.standard, { assumed: sorted.assumed === true, ...(part ? { part } : {}) })
    : partitioned ? partitionedJoin(tables, partitioned.scans, partitioned.keys, partitioned.passes, options.standard)
    : joinTables(tables, options.standard);
  for (const d of joined.diagnostics) reject({ diagnostics: [d] });
  // The candidates of the candidate files, by key: what the tables' candidates are checked against.
  const fileUnits = sequence.flatMap((part) => (part === 'tables' ? [] : part));
  const fileKeys = new Set(fileUnits.map((unit) => unit.key ?? joinKey(unit.id)));
  // The ids of the rows that could not be read: whether each is a candidate of the tables, asked with the others'.
  const badRows: { row: BadRow; diagnostic: Diagnostic; id: string }[] = [];
  // A file feeding several tables (a career export with the person master's columns) has its bad rows once.
  const readFiles = new Set<CsvTable>();
  for (const table of tables) {
    if (readFiles.has(table.csv)) continue;
    readFiles.add(table.csv);
    for (const row of table.csv.badRows) badRows.push({ row, diagnostic: badRowDiagnostic(table.csv, row), id: table.idColumn.read(row.cells).trim() });
  }
  const wanted = new Set([...fileKeys, ...namedRejections.keys(), ...badRows.filter((bad) => bad.id !== '').map((bad) => joinKey(bad.id))]);
  const survey = await joined.survey(wanted, wants.count === true);
  /** The tables' candidates among those asked about, each with their source. */
  const tableIds = survey.found;
  // A row that could not be read (ragged, an unbalanced quote, a line that does not decode) is reported, and so is
  // its candidate (when its id cell can still be read): scoring the candidate without the row would understate
  // them. So is a candidate with two different names.
  const unreadOf = new Map<string, Diagnostic>();
  const unreadOnly = new Map<string, Rejection>();
  for (const { row, diagnostic, id } of badRows) {
    if (id !== '' && tableIds.has(joinKey(id))) {
      if (!unreadOf.has(joinKey(id))) unreadOf.set(joinKey(id), diagnostic);
    } else if (row.problem !== 'ragged-row' && id !== '') {
      // No readable row of theirs: the candidate is rejected once, with all their unreadable rows (the cells
      // before an open quote or undecodable bytes give the id, and so does a workbook row with a bad cell
      // elsewhere; a ragged row's cells are shifted, so its first cell may be anything).
      const rows = unreadOnly.get(joinKey(id));
      if (rows) rows.diagnostics.push(diagnostic);
      else unreadOnly.set(joinKey(id), { candidateId: id, diagnostics: [diagnostic] });
    } else reject({ diagnostics: [diagnostic] });
  }
  for (const [key, rejection] of unreadOnly) {
    const held = namedRejections.get(key);
    if (held) held.diagnostics.push(...rejection.diagnostics);
    else namedRejections.set(key, rejection);
  }

  // The same id in two sources is an error for that candidate, never a merge. (The tables' candidates are one each:
  // only those that are also in a candidate file can be given twice.)
  const sources = new Map<string, string[]>();
  const source = (key: string, at: string) => {
    const found = sources.get(key);
    if (found) found.push(at);
    else sources.set(key, [at]);
  };
  for (const part of sequence) {
    if (part !== 'tables') {
      for (const unit of part) if (unit.id !== '') source(unit.key ?? joinKey(unit.id), unit.source);
    } else for (const key of fileKeys) if (tableIds.has(key)) source(key, tableIds.get(key)!);
  }
  for (const [key, rejection] of namedRejections) if (!fileKeys.has(key) && !tableIds.has(key)) reject(rejection);
  const reported = new Set<string>();
  if (wants.count) items.push({ kind: 'total', total: fileUnits.length + survey.count! });
  let i = 0;
  /** One candidate's item: to be scored, or rejected (at most once: a candidate given twice is rejected once). */
  const step = (unit: CandidateUnit, fromTables: boolean): void => {
    const key = unit.key ?? joinKey(unit.id);
    const duplicates = sources.get(key) ?? [];
    const unread = fromTables ? unreadOf.get(key) : undefined;
    const held = namedRejections.get(key);
    if (held) {
      if (!reported.has(key)) {
        reported.add(key);
        return reject(unread === undefined ? held : { ...held, diagnostics: [...held.diagnostics, unread] }, true);
      }
    } else if (duplicates.length > 1) {
      if (!reported.has(key)) {
        reported.add(key);
        const { line, column } = unit.document().locate(['id']);
        return reject({ candidateId: unit.id, diagnostics: [{ code: 'duplicate-candidate', file: unit.file, line, column, path: 'id', value: unit.id, expected: duplicates }] }, true);
      }
    } else if (fromTables && rejectedTables.length > 0) {
      const { line, column } = unit.document().locate(['id']);
      return reject({ candidateId: unit.id, diagnostics: [{ code: 'incomplete-tables', file: unit.file, line, column, path: '', value: rejectedTables.join(', ') }] }, true);
    } else if (unread !== undefined) {
      return reject({ candidateId: unit.id, diagnostics: [unread] }, true);
    } else {
      // HR table rows are text cells: most candidates are read straight from them; any cell the fast path does
      // not take sends the candidate through the document and the schema, which words every diagnostic.
      // The person master's carried columns: a control character in one rejects the candidate, as in a name.
      const carried = unit.attributes?.() ?? {};
      if ('problem' in carried) return reject({ candidateId: unit.id, diagnostics: [carried.problem] }, true);
      let candidate = unit.candidate?.();
      let diagnostics: Diagnostic[] = [];
      if (!candidate) {
        const document = unit.document();
        if (document.conflicts) return reject({ candidateId: unit.id, diagnostics: document.conflicts }, true);
        ({ candidate, diagnostics } = candidateFromDocument(document, unit.file, options.standard));
      }
      if (!candidate) return reject({ ...(unit.id ? { candidateId: unit.id } : {}), diagnostics }, true);
      items.push(carried.values ? { kind: 'candidate', candidate, attributes: carried.values, warnings: unit.warnings }
        : { kind: 'candidate', candidate, warnings: unit.warnings });
      return;
    }
    // Given twice, rejected once already: a step with nothing to say.
    items.push({ kind: 'step' });
  };
  let group: number | undefined;
  for (const part of sequence) {
    const lots = part === 'tables' ? joined.units() : [part];
    for await (const units of lots) {
      for (const unit of units) {
        if (wants.groups && unit.group !== undefined && unit.group !== group) items.push({ kind: 'group', group: (group = unit.group) });
        step(unit, part === 'tables');
        if (++i % ITEMS_AT_ONCE === 0) {
          yield items;
          items = [];
          if (i % UNITS_BETWEEN_TURNS === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      }
    }
  }
  // Nothing to score and nothing wrong (a header-only table, a folder of other files): not a success.
  if (i === 0 && rejected === 0) reject({ diagnostics: [{ code: 'no-candidates', file: inputs.join(', '), path: '' }] });
  if (items.length > 0) yield items;
}
