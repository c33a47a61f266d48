import type { Candidate } from '../candidate/candidate.js';
import { candidateFromDocument } from '../candidate/loadCandidate.js';
import type { Assessment, AssessmentRecord, SpecialtyRecord, SpecialtyResult } from '../engine/assessment.js';
import { Evaluation, SharedResults } from '../engine/evaluate.js';
import type { Diagnostic, Rejection } from '../input/diagnostic.js';

export type { Rejection } from '../input/diagnostic.js';
import { joinKey, joinTables, type CandidateUnit } from '../hr/joinHrTables.js';
import { sortedJoin } from '../hr/sortedJoin.js';
import { partitionedJoin } from '../hr/partitionedJoin.js';
import { noRecords, type RecordCounts } from '../hr/missingTables.js';
import { readInputs, type InputReadOptions, type ReadProgress } from './readInputs.js';
import { badRowDiagnostic } from '../hr/badRowDiagnostic.js';
import type { BadRow, CsvTable } from '../tabular/readCsv.js';

export interface BatchOptions extends InputReadOptions {
  asOf: string;
  /** The full result of every candidate (every level's criteria), as `itss assess --format json`, instead of the batch record. */
  detail?: boolean;
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
}

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

export interface BatchEvents<A extends AssessmentRecord = AssessmentRecord> {
  /** A candidate's batch record, or with `detail` the full result (an Assessment). */
  assessed(assessment: A): void;
  rejected(rejection: Rejection): void;
  /** A file passed over (not supported, given twice, written by itss): named, never skipped silently. */
  notice?(notice: Diagnostic): void;
  /** Reading the inputs: bytes read of their total (see ReadProgress). */
  reading?: ReadProgress;
  /** Scoring: candidates done of all; told with 0 done before the first, then after each. */
  progress?(done: number, total: number): void;
}

export interface BatchSummary {
  assessed: number;
  rejected: number;
  /** How many of the candidates assessed have records of the tables a level may need (see missingTables). */
  records: RecordCounts;
}

/**
 * Scores every candidate of the inputs, in order of first appearance: inputs in command-line order, the HR
 * tables' candidates where the first table stands. Every candidate ends in `assessed` or `rejected`. Results share
 * the parts that read the same for many candidates (a specialty, a gap; see SharedResults): read-only. HR tables
 * that are all CSV files sorted by candidate id (as HR systems export them), and large (SORTED_JOIN_BYTES), are
 * joined as they are read again, in memory that does not grow with the company (sortedJoin.ts); CSV tables not
 * sorted and larger than PASS_FROM_BYTES, in passes, each keeping a share of the candidates (partitionedJoin.ts);
 * others are read whole, then joined.
 */
export async function runBatch(inputs: string[], options: BatchOptions & { detail: true }, events: BatchEvents<Assessment>): Promise<BatchSummary>;
export async function runBatch(inputs: string[], options: BatchOptions, events: BatchEvents): Promise<BatchSummary>;
export async function runBatch(inputs: string[], options: BatchOptions, events: BatchEvents): Promise<BatchSummary> {
  const summary: BatchSummary = { assessed: 0, rejected: 0, records: noRecords() };
  const reject = (rejection: Rejection) => {
    summary.rejected++;
    events.rejected(rejection);
  };
  const { sequence, tables, rejectedTables, rejections, notices, sorted, partitioned } = await readInputs(inputs, {
    ...options,
    scan: options.sortedJoin !== false,
    scanFrom: options.sortedJoin === true ? 0 : SORTED_JOIN_BYTES,
    ...(options.passBytes === undefined ? { passBytes: PASS_BYTES, passFrom: PASS_FROM_BYTES } : { passBytes: options.passBytes }),
  }, events.reading);
  for (const notice of notices) events.notice?.(notice);
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
  const joined = sorted ? sortedJoin(tables, sorted.scans, sorted.order, options.standard)
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
  const survey = await joined.survey(wanted, events.progress !== undefined);
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
  const sharedResults = new SharedResults<SpecialtyResult>();
  const sharedRecords = new SharedResults<SpecialtyRecord>();
  // One evaluation for every candidate: the contexts and tables it keeps are made once.
  const evaluation = new Evaluation(options.standard, options.asOf);
  const assess = options.detail ? (candidate: Candidate) => evaluation.assess(candidate, sharedResults)
    : (candidate: Candidate) => evaluation.record(candidate, sharedRecords);

  const total = events.progress ? fileUnits.length + survey.count! : 0;
  if (total > 0) events.progress?.(0, total);
  let i = 0;
  /** Scores (or rejects) one candidate, the `i`th. */
  const score = (unit: CandidateUnit, fromTables: boolean) => {
    const key = unit.key ?? joinKey(unit.id);
    const duplicates = sources.get(key) ?? [];
    const unread = fromTables ? unreadOf.get(key) : undefined;
    const held = namedRejections.get(key);
    if (held) {
      if (!reported.has(key)) {
        reported.add(key);
        reject(unread === undefined ? held : { ...held, diagnostics: [...held.diagnostics, unread] });
      }
    } else if (duplicates.length > 1) {
      if (!reported.has(key)) {
        reported.add(key);
        const { line, column } = unit.document().locate(['id']);
        reject({ candidateId: unit.id, diagnostics: [{ code: 'duplicate-candidate', file: unit.file, line, column, path: 'id', value: unit.id, expected: duplicates }] });
      }
    } else if (fromTables && rejectedTables.length > 0) {
      const { line, column } = unit.document().locate(['id']);
      reject({ candidateId: unit.id, diagnostics: [{ code: 'incomplete-tables', file: unit.file, line, column, path: '', value: rejectedTables.join(', ') }] });
    } else if (unread !== undefined) {
      reject({ candidateId: unit.id, diagnostics: [unread] });
    } else {
      // HR table rows are text cells: most candidates are read straight from them; any cell the fast path does
      // not take sends the candidate through the document and the schema, which words every diagnostic.
      // The person master's carried columns: a control character in one rejects the candidate, as in a name.
      const carried = unit.attributes?.() ?? {};
      if ('problem' in carried) {
        reject({ candidateId: unit.id, diagnostics: [carried.problem] });
        return;
      }
      let candidate = unit.candidate?.();
      let diagnostics: Diagnostic[] = [];
      if (!candidate) {
        const document = unit.document();
        if (document.conflicts) {
          reject({ candidateId: unit.id, diagnostics: document.conflicts });
          return;
        }
        ({ candidate, diagnostics } = candidateFromDocument(document, unit.file, options.standard));
      }
      if (candidate) {
        const assessment = assess(candidate);
        if (carried.values) assessment.candidate.attributes = carried.values;
        if (unit.warnings.length > 0) assessment.warnings.push(...unit.warnings);
        summary.assessed++;
        if (candidate.expertise.length > 0) summary.records.expertise++;
        if (candidate.knowledgeTransfer.length > 0) summary.records.knowledgeTransfer++;
        if (candidate.mentoring.length > 0) summary.records.mentoring++;
        events.assessed(assessment);
      } else reject({ ...(unit.id ? { candidateId: unit.id } : {}), diagnostics });
    }
  };
  for (const part of sequence) {
    const lots = part === 'tables' ? joined.units() : [part];
    for await (const units of lots) {
      for (const unit of units) {
        // Let the event loop run now and then, so that Ctrl-C (which removes the temporary files) is heard.
        if (i % 256 === 255) await new Promise((resolve) => setImmediate(resolve));
        score(unit, part === 'tables');
        i++;
        events.progress?.(i, total);
      }
    }
  }
  // Nothing to score and nothing wrong (a header-only table, a folder of other files): not a success.
  if (i === 0 && summary.rejected === 0) reject({ diagnostics: [{ code: 'no-candidates', file: inputs.join(', '), path: '' }] });
  return summary;
}
