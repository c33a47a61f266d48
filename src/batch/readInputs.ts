import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Diagnostic, Rejection } from '../input/diagnostic.js';
import { capDiagnostics, fileProblem } from '../input/diagnostic.js';
import { MAX_DOCUMENT_FILE_BYTES, checkShape, parseYamlSource, type SourceDocument } from '../input/parseYamlSource.js';
import { duplicateKeyDiagnostic, hasDuplicateKey } from '../input/jsonKeys.js';
import { readTextFile, undecodableDiagnostics, type TextFile } from '../input/readTextFile.js';
import type { Standard } from '../standard/loadStandard.js';
import { bindHrTables, fileNamed, identifyTables, type BoundTable } from '../hr/bindHrTable.js';
import type { TextEncodingName } from '../tabular/decodeText.js';
import { JSON_LINES, TABLE_FILE, WORKBOOK_TABLE_FILE, expandInputs } from './expandInputs.js';
import { hrTables, type TableDefinition } from '../hr/hrTables.js';
import type { CandidateUnit } from '../hr/joinHrTables.js';
import type { Mapping } from '../hr/loadMapping.js';
import { MAPPING_FORMAT } from '../hr/mappingFormat.js';
import { CsvDecodeError, readCsv, readCsvChunks, type CsvTable, type HeaderHook } from '../tabular/readCsv.js';
import { RowStore } from '../tabular/rowStore.js';
import { KEY_ORDERS, KeyNumbers, TableScan, changed, type KeyOrder } from '../hr/sortedJoin.js';
import { readXlsx, WorkbookError, workbookSheetNames } from '../tabular/readXlsx.js';
import { workbookDiagnostic } from '../hr/workbookDiagnostic.js';
import { ownCsvHeaders } from '../reporters/csvResults.js';
import { Describer } from '../messages/describe.js';
import { html, markdownText } from '../reporters/reportPage.js';
import { numberRanges } from '../values/numberRanges.js';

/** One line of JSON Lines (one candidate): JSON Lines files themselves may be of any size. */
const MAX_JSON_LINE_CHARS = 1 << 20;

export interface InputReadOptions {
  standard: Standard;
  encoding?: TextEncodingName;
  mapping?: Mapping;
  /** This run's results and errors files: never read as input. */
  outputs?: string[];
  /**
   * Tell whether every HR table is a CSV file sorted by candidate id, by a first reading that lets rows go as it
   * goes: if so, the tables' rows are not kept (`sorted`), to be joined by reading them again (sortedJoin.ts).
   */
  scan?: boolean;
  /** With `scan`: only when the CSV files of HR tables hold at least this many bytes in all (default 0: always). */
  scanFrom?: number;
  /**
   * With `scan`: CSV files of HR tables holding more than `passFrom` bytes in all (default `passBytes`), not sorted,
   * are not read whole but noted by candidate as they are scanned (whatever `scanFrom`), to be joined in passes of
   * about `passBytes` each (`partitioned`). Undefined: read whole whatever their size.
   */
  passBytes?: number;
  passFrom?: number;
  /**
   * With `scan`: the CSV tables that would be scanned are not, but assumed sorted by candidate id (in an order their
   * first chunks are in), only those chunks read: `sorted` then has empty readings and `assumed`, and the tables are
   * read once, as they are joined. The join throws NotSortedAsAssumed should they not be: the caller, whose results
   * are void then, reads the inputs again without this.
   */
  assumeSorted?: boolean;
}

export interface ReadInputs {
  /** Candidates of the candidate files, in order, and where the HR tables' candidates stand among them. */
  sequence: (CandidateUnit[] | 'tables')[];
  tables: BoundTable[];
  /** HR table files that could not be used (their candidates would be incomplete). */
  rejectedTables: string[];
  /** Files, rows and documents that could not be read, each a rejection (with its candidate where it names one). */
  rejections: Rejection[];
  /** Files passed over, named (not errors). */
  notices: Diagnostic[];
  /**
   * With `scan`, when every table is a CSV file sorted by candidate id in one order: that order, and each table's
   * first reading. The tables' `rows` are then empty: they are read again to be joined. Otherwise, read whole.
   */
  sorted?: { order: KeyOrder; scans: Map<BoundTable, TableScan>; assumed?: true };
  /**
   * With `passBytes`, when the CSV tables are that large and not all sorted: how many passes to join them in, and
   * each table's first reading, its rows noted by candidate (`keys`). The tables' `rows` are then empty.
   */
  partitioned?: { passes: number; keys: KeyNumbers; scans: Map<BoundTable, TableScan> };
}

const ownHeaders = new WeakMap<Standard, Set<string>>();
/** The headers of itss's CSV files for one standard, made once. */
function ownHeadersOf(standard: Standard): Set<string> {
  let headers = ownHeaders.get(standard);
  if (!headers) ownHeaders.set(standard, (headers = ownCsvHeaders(standard)));
  return headers;
}

/** What tells itss's other files apart, in both languages: the results workbook's sheets, the summary's title. */
interface OwnMarks {
  sheets: string[][];
  titles: string[];
}
const ownMarks = new WeakMap<Standard, OwnMarks>();
function ownMarksOf(standard: Standard): OwnMarks {
  let marks = ownMarks.get(standard);
  if (!marks) {
    const describers = (['ja', 'en'] as const).map((lang) => new Describer(lang, standard));
    marks = {
      sheets: describers.map((d) => [d.t('xlsx.sheet.summary'), d.t('xlsx.sheet.criteria'), d.t('xlsx.sheet.rejected')]),
      titles: describers.map((d) => d.t('summary.title')),
    };
    ownMarks.set(standard, marks);
  }
  return marks;
}

/**
 * Is this file one itss wrote: a results or errors CSV (by its header row, in any language), results as JSON or
 * JSON Lines, a results workbook (by its sheets: the summary, criteria and rejected sheets of one language,
 * whatever the file's name), or an organisation summary (by its title)? Read from its first 64 KB, or a
 * workbook's list of sheets. Never read back as input, and overwritten by a rerun: such a file holds nothing of
 * the HR export.
 */
export async function isOwnOutputFile(file: string, standard: Standard): Promise<boolean> {
  const ext = extname(file).toLowerCase();
  if (WORKBOOK_TABLE_FILE.has(ext)) {
    const sheets = await workbookSheetNames(file);
    return sheets !== undefined && ownMarksOf(standard).sheets.some((own) => own.every((name) => sheets.includes(name)));
  }
  let head: string;
  try {
    const fd = openSync(file, 'r');
    const bytes = Buffer.alloc(1 << 16);
    const read = readSync(fd, bytes, 0, bytes.length, 0);
    closeSync(fd);
    head = bytes.subarray(0, read).toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    return false;
  }
  if (ext === '.csv') {
    // A results file may end with the person master's carried columns: its own columns come first.
    const cells = (head.split(/\r?\n/)[0] ?? '').split(',');
    const own = ownHeadersOf(standard);
    for (let n = cells.length; n > 0; n--) if (own.has(cells.slice(0, n).join('\u001f'))) return true;
    return false;
  }
  if (SUMMARY_FILE.has(ext)) {
    const { titles } = ownMarksOf(standard);
    return titles.some((title) => head.includes(`<title>${html(title)}</title>`) || head.startsWith(`# ${markdownText(title)}\n`));
  }
  return /^\[?\s*\{"candidate":/.test(head);
}

/** The organisation summary's files (`-o summary.html`, `-o summary.md`): not inputs, but named as itss's own. */
const SUMMARY_FILE = new Set(['.html', '.htm', '.md', '.markdown']);

/** Is this the text of a mapping file (`format: itss-mapping/v1` at the top level of YAML, or as a JSON key)? */
function isMappingText(text: string): boolean {
  // The format id has no character that is special in a regular expression but `-` and `/`, literal here.
  return new RegExp(`^format:\\s*["']?${MAPPING_FORMAT}["']?\\s*(#.*)?$`, 'm').test(text) || new RegExp(`"format"\\s*:\\s*"${MAPPING_FORMAT}"`).test(text);
}

type TableOutcome = { unknown: true } | ReturnType<typeof bindHrTables>;

/** The export's names of the tables' columns (of `field` only, when given): the tables' own, and the mapping's. */
function headersOf(definitions: TableDefinition[], mapping: Mapping | undefined, field?: string): string[] {
  const columns = definitions.flatMap((d) => d.columns);
  const names = columns.filter((c) => field === undefined || c.field === field).flatMap((c) => [c.name, ...c.ja]);
  for (const table of Object.values(mapping?.tables ?? {})) {
    for (const [name, source] of table?.columns ?? []) {
      if (field !== undefined && columns.find((c) => c.name === name)?.field !== field) continue;
      if (typeof source === 'string') names.push(source);
      else if ('column' in source) names.push(source.column);
      else names.push(...source.join);
    }
    if (field === undefined) names.push(...(table?.carry ?? []));
  }
  return names;
}

/**
 * How far the reading is: the bytes read of all the files to read (their sizes on disk; a workbook's by its
 * compressed parts). Told once the files are known (0 read), as each chunk of a table file is read (about 1 MB),
 * after each file, and at the end.
 */
export type ReadProgress = (read: number, total: number) => void;

/** The file's size on disk; 0 when it cannot be read (it is then rejected where it is read). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** Reads every input: HR tables bound to their columns, candidate documents located in their files. */
export async function readInputs(inputs: readonly string[], options: InputReadOptions, onRead?: ReadProgress): Promise<ReadInputs> {
  const expanded = expandInputs(inputs, options.outputs);
  const ignored = (file: string) => options.mapping !== undefined && fileNamed(file, options.mapping.ignore);
  const notices: Diagnostic[] = [];
  const rejections: Rejection[] = [];
  // A folder's files passed over are named in notices; files of a kind itss does not read named on the command line
  // are refused (expandInputs). Either is passed over silently when the mapping says it holds nothing for itss
  // (`export/*` taking the department list), and named as itss's own when it is an earlier run's summary.
  const ofOtherKind = new Set(['unsupported-file', 'workbook-file']);
  for (const [found, refused] of [...expanded.notices.map((d) => [d, false] as const), ...expanded.diagnostics.map((d) => [d, true] as const)]) {
    if (ignored(found.file) && (!refused || ofOtherKind.has(found.code))) continue;
    if (found.code === 'unsupported-file' && (await isOwnOutputFile(found.file, options.standard))) notices.push({ code: 'own-output-skipped', file: found.file, path: '' });
    else if (refused) rejections.push({ diagnostics: [found] });
    else notices.push(found);
  }
  const out: ReadInputs = { sequence: [], tables: [], rejectedTables: [], rejections, notices };
  const definitions = hrTables(options.standard);
  const rejectTable = (file: string, diagnostics: Diagnostic[]) => {
    if (!out.rejectedTables.includes(file)) out.rejectedTables.push(file);
    out.rejections.push({ diagnostics });
  };
  const sizes = onRead ? expanded.files.map((file) => (ignored(file) ? 0 : sizeOf(file))) : [];
  const total = sizes.reduce((sum, size) => sum + size, 0);
  // The bytes of the files before this one, and this one's read so far (never past its size, as it was when listed).
  let before = 0;
  /** While every table read so far is sorted in one order at least: those orders. */
  const tableBytes = () => expanded.files.reduce((sum, file) => (TABLE_FILE.has(extname(file).toLowerCase()) && !ignored(file) ? sum + sizeOf(file) : sum), 0);
  const bytes = options.scan ? tableBytes() : 0;
  /** Tables this large are joined in passes should they not be sorted: each row's candidate is noted as they are scanned. */
  const passes = options.passBytes === undefined || bytes <= (options.passFrom ?? options.passBytes) ? 1 : Math.ceil(bytes / options.passBytes);
  /** Once a table is found not sorted, with `passes`: each row's candidate, noted as the tables are scanned. */
  let keys: KeyNumbers | undefined;
  let scanning: Set<KeyOrder> | undefined = options.scan && (bytes >= (options.scanFrom ?? 0) || passes > 1) ? new Set(KEY_ORDERS) : undefined;
  /** A file's tables told apart and bound as soon as its header is read (`outcomes`, by the file's or sheet's name). */
  const binding =
    (outcomes: Map<string, TableOutcome>) =>
    (name: string): HeaderHook =>
    (csv) => {
      const held = identifyTables(name, csv.header, definitions, options.mapping);
      outcomes.set(name, held.length > 0 ? bindHrTables(csv, held, options.mapping) : { unknown: true });
    };
  /** A CSV file scanned again, its rows noted by candidate (see `keys`). */
  const scanNoting = async (file: string, keys: KeyNumbers) => {
    const outcomes = new Map<string, TableOutcome>();
    return (await scanCsv(file, options.encoding, binding(outcomes)(file), outcomes, new Set(KEY_ORDERS), keys))!;
  };
  /** The tables read first and let go: the file, its place among the tables, and each table's reading. */
  const scanned: { file: string; name: string; at: number; scans: TableScan[] }[] = [];
  onRead?.(0, total);
  for (const [i, file] of expanded.files.entries()) {
    if (onRead && i > 0) onRead((before += sizes[i - 1]!), total);
    const at = before;
    const size = sizes[i] ?? 0;
    // Never back: a file read again from its start (found to be Shift_JIS, or scanned again to note its rows for a
    // join in passes) is told only once past where its first reading got to.
    let furthest = 0;
    const readTo = onRead && ((bytes: number) => {
      if (bytes > furthest) onRead(at + Math.min((furthest = bytes), size), total);
    });
    // What the mapping says holds nothing for itss (a department list beside the export) is passed over.
    if (ignored(file)) continue;
    // Results or errors written by itss (an earlier run's, in the input folder) are not read back.
    if (await isOwnOutputFile(file, options.standard)) {
      out.notices.push({ code: 'own-output-skipped', file, path: '' });
      continue;
    }
    const ext = extname(file).toLowerCase();
    if (TABLE_FILE.has(ext) || WORKBOOK_TABLE_FILE.has(ext)) {
      // Each table is told apart and bound as soon as its header is read. A workbook's sheets are tables like CSV
      // files, told apart by their names. A file the mapping names for several tables is each of them.
      const outcomes = new Map<string, TableOutcome>();
      const onHeader = binding(outcomes);
      let read: { name: string; table: CsvTable }[];
      /** The file's tables' first readings, when it is read so (see `scan`). */
      let scans: TableScan[] | undefined;
      try {
        if (WORKBOOK_TABLE_FILE.has(ext)) {
          scanning = keys = undefined;
          read = (await readXlsx(file, { ids: headersOf(definitions, options.mapping, 'candidate_id'), columns: headersOf(definitions, options.mapping) }, (sheet) => onHeader(sheet), readTo)).map(({ sheet, table, hidden, state }) => {
            if (table.header.length > 0 && state !== 'visible') out.notices.push({ code: 'hidden-sheet', file: table.file, path: '', value: sheet, state });
            if (table.header.length > 0 && (hidden.rows.length > 0 || hidden.columns.length > 0)) out.notices.push({ code: 'hidden-cells', file: table.file, path: '', rows: numberRanges(hidden.rows), columns: hidden.columns.join(', ') || '-' });
            return { name: sheet, table };
          });
        } else {
          let table = scanning && (await scanCsv(file, options.encoding, onHeader(file), outcomes, scanning, keys, readTo, options.assumeSorted === true));
          if (!table && scanning && passes > 1 && !keys) {
            // Not sorted, and large enough to be joined in passes: from now on each row's candidate is noted as the
            // tables are scanned, and the files scanned before are scanned again so (noting them while every table
            // was sorted would hold a number a row, and every id, for a merge that needs neither).
            keys = new KeyNumbers();
            for (const before of scanned) {
              const again = await scanNoting(before.file, keys);
              if (again.scans.length !== before.scans.length) throw changed(before.file);
              out.tables.splice(before.at, before.scans.length, ...again.scans.map((scan) => scan.table));
              before.scans = again.scans;
            }
            outcomes.clear();
            table = await scanCsv(file, options.encoding, onHeader(file), outcomes, scanning, keys, readTo);
          }
          if (table) scans = table.scans;
          else {
            // Not sorted in an order every table so far is in: read whole, as every table will be.
            if (scanning) scanning = undefined;
            outcomes.clear();
          }
          read = [{ name: file, table: table ? table.csv : await readCsv(file, options.encoding, onHeader(file), readTo) }];
        }
      } catch (error) {
        if (error instanceof CsvDecodeError) rejectTable(file, [{ code: 'bad-encoding', file, line: error.line, column: error.column, path: '', encoding: error.encoding, value: error.value }]);
        else if (error instanceof WorkbookError) rejectTable(file, [workbookDiagnostic(file, error)]);
        else rejectTable(file, [{ code: 'unreadable', file, path: '', ...fileProblem(error, 'no-such-file') }]);
        continue;
      }
      for (const { name, table } of read) {
        const outcome = outcomes.get(name);
        if (WORKBOOK_TABLE_FILE.has(ext) && table.header.length === 0) continue; // a sheet without the header of a table (notes, a cover)
        if (!out.sequence.includes('tables')) out.sequence.push('tables');
        if (outcome === undefined || 'unknown' in outcome) {
          rejectTable(table.file, [{ code: 'unknown-table', file: table.file, line: 1, column: 1, path: '', value: table.header.join(','), expected: definitions.map((d) => d.names.join('/')) }]);
          continue;
        }
        if (outcome.diagnostics.length > 0) rejectTable(table.file, outcome.diagnostics);
        else {
          if (scans) scanned.push({ file, name, at: out.tables.length, scans });
          out.tables.push(...outcome.tables);
        }
      }
      continue;
    }
    let read: TextFile;
    try {
      const size = statSync(file).size;
      if (!JSON_LINES.has(ext) && size > MAX_DOCUMENT_FILE_BYTES) {
        out.rejections.push({ diagnostics: [{ code: 'too-large-input', file, path: '', limit: MAX_DOCUMENT_FILE_BYTES, size }] });
        continue;
      }
      read = readTextFile(file);
    } catch (error) {
      out.rejections.push({ diagnostics: [{ code: 'unreadable', file, path: '', ...fileProblem(error, 'no-such-file') }] });
      continue;
    }
    const { text } = read;
    // A mapping file beside the export (often in the same folder) holds no candidate: passed over, named.
    if (!JSON_LINES.has(ext) && isMappingText(text)) {
      out.notices.push({ code: 'mapping-skipped', file, path: '' });
      continue;
    }
    // Bytes that do not decode: a JSON Lines line is rejected alone, as any bad line is; YAML and JSON whole, at each such line.
    const undecodable = undecodableDiagnostics(file, read);
    if (!JSON_LINES.has(ext) && undecodable.length > 0) {
      out.rejections.push({ diagnostics: capDiagnostics(undecodable, file) });
      continue;
    }
    const documents = JSON_LINES.has(ext) ? jsonLines(text, file, out.rejections, undecodable) : yamlDocuments(text, file, out.rejections);
    out.sequence.push(unitsFromDocuments(documents, file));
  }
  const scans = () => new Map(scanned.flatMap((file) => file.scans.map((scan) => [scan.table, scan])));
  // A file's tables reading their ids from one column each (as they nearly always do): a row is one candidate's.
  const idIndex = (scan: TableScan) => scan.table.idColumn.source?.index;
  const oneIdColumn = scanned.every(({ scans }) => scans.every((scan) => idIndex(scan) !== undefined && idIndex(scan) === idIndex(scans[0]!)));
  if (scanning && scanning.size > 0) {
    // Assumed (only the first chunks seen): ids with runs of digits as numbers rather than by their characters, when
    // those chunks are in both orders (ids of one length so far, as numbers grow past a digit, are).
    const order = options.assumeSorted && scanning.has('natural') ? 'natural' : KEY_ORDERS.find((o) => scanning.has(o))!;
    out.sorted = options.assumeSorted ? { order, scans: scans(), assumed: true } : { order, scans: scans() };
  } else if (scanning && keys && oneIdColumn) {
    out.partitioned = { passes, keys, scans: scans() };
  } else {
    // Some table is not sorted (or not in an order the others are in), or is a workbook's: the tables read first
    // are read again, whole, as the others were.
    for (const { file, name, at, scans } of scanned) {
      let tables: BoundTable[] = [];
      await readCsv(file, options.encoding, (csv) => {
        const outcome = identifyTables(name, csv.header, definitions, options.mapping);
        tables = bindHrTables(csv, outcome, options.mapping).tables;
      });
      out.tables.splice(at, scans.length, ...tables);
    }
  }
  onRead?.(total, total);
  return out;
}

/**
 * What a table assumed sorted is read of first (scanCsv's `firstChunkOnly`): its header, and ids enough to tell
 * the orders they may be in (some 400 engagements of about 100 people, 1,800 exam rows). Its first megabyte, read as
 * before, took 30-85 ms a file with code not yet optimised: about 270 ms for the diverse export's five tables before
 * the first candidate, in each thread of a split batch.
 */
const FIRST_CHUNK_BYTES = 64 * 1024;

/**
 * Reads a CSV table file a chunk at a time, letting its rows go, while each of its tables is sorted by candidate id
 * in one of `orders` (those every table so far is in; narrowed to this one's too). The table (its rows empty) and
 * its tables' readings; undefined as soon as one is in none of them (the file is then to be read whole) — unless
 * `keys` is given: each row's candidate is then noted in the readings, and the file is read to its end in any order.
 * `firstChunkOnly`: its first chunk only, for its header, its encoding and the orders its ids may be in; its readings
 * are otherwise empty (see `assumeSorted`).
 */
async function scanCsv(file: string, encoding: TextEncodingName | undefined, onHeader: HeaderHook, outcomes: Map<string, TableOutcome>,
  orders: Set<KeyOrder>, keys: KeyNumbers | undefined, onRead?: (bytes: number) => void,
  firstChunkOnly = false): Promise<{ csv: CsvTable; scans: TableScan[] } | undefined> {
  let scans: TableScan[] = [];
  let csv: CsvTable | undefined;
  // Read again in another encoding, the file is told from its header again: its readings start again there.
  const header: HeaderHook = (table) => {
    onHeader(table);
    const outcome = outcomes.get(file);
    scans = outcome && !('unknown' in outcome) && outcome.diagnostics.length === 0 ? outcome.tables.map((table) => new TableScan(table, keys)) : [];
  };
  const inOrder = () => scans.every((scan) => [...orders].some((order) => scan.orders.has(order)));
  // Only the ids are looked at (all cells, should one of them be made of several).
  const only = () => {
    const columns = scans.map((scan) => scan.table.idColumn.source?.index);
    return columns.every((column) => column !== undefined) ? columns : undefined;
  };
  const reading = { onHeader: header, only, ...(onRead ? { onRead } : {}), ...(firstChunkOnly ? { chunkBytes: FIRST_CHUNK_BYTES } : {}) };
  for await (const chunk of readCsvChunks(file, encoding, reading)) {
    csv = chunk;
    for (const scan of scans) scan.add(chunk);
    if (firstChunkOnly) {
      // The first chunk tells the orders its ids may be in (found out of order, the file is read whole); its rows,
      // bad ones and those without an id too, are read again as the tables are joined.
      for (const scan of scans) scan.noId.length = 0;
      csv.badRows = [];
      if (!inOrder()) return undefined;
      break;
    }
    // Out of order: read whole, unless the rows are noted by candidate to be joined in passes.
    if (!keys && !inOrder()) return undefined;
  }
  for (const scan of scans) for (const order of orders) if (!scan.orders.has(order)) orders.delete(order);
  // Its rows are read again when joined.
  csv!.rows = new RowStore();
  csv!.rowNumbers = [];
  return { csv: csv!, scans };
}

function yamlDocuments(text: string, file: string, rejections: Rejection[]): SourceDocument[] {
  const parsed = parseYamlSource(text, file);
  if (parsed.diagnostics.length > 0) rejections.push({ diagnostics: parsed.diagnostics });
  return parsed.documents;
}

/**
 * One document a line (ending at LF, CRLF or CR); a bad line is rejected alone (with its line), the others still
 * read. `undecodable`: the lines with bytes that do not decode.
 */
function jsonLines(text: string, file: string, rejections: Rejection[], undecodable: Diagnostic[]): SourceDocument[] {
  const documents: SourceDocument[] = [];
  const undecodableAt = new Map(undecodable.map((d) => [d.line, d]));
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    const at = { line: i + 1, column: 1 };
    const bad = undecodableAt.get(at.line);
    if (bad) {
      // Its id still names the candidate when it is not itself what did not decode.
      let id = '';
      try {
        id = candidateIdOf(JSON.parse(line));
      } catch {
        // not JSON as read: no id
      }
      rejections.push({ ...(id && !id.includes('\uFFFD') ? { candidateId: id } : {}), diagnostics: [bad] });
      return;
    }
    if (line.length > MAX_JSON_LINE_CHARS) {
      rejections.push({ diagnostics: [{ code: 'too-large-input', file, ...at, path: '', limit: MAX_JSON_LINE_CHARS, size: line.length }] });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      rejections.push({ diagnostics: [{ code: 'syntax', file, ...at, path: '', value: (error as Error).message, reason: 'json' }] });
      return;
    }
    const document: SourceDocument = { value, locate: () => at };
    const shape = checkShape(document, file);
    const id = candidateIdOf(value);
    // JSON.parse keeps the last of a key given twice and drops the other silently: such a line is refused, named.
    if (shape.length === 0 && hasDuplicateKey(line, value)) shape.push(duplicateKeyDiagnostic(line, file, at.line));
    if (shape.length > 0) rejections.push({ ...(id ? { candidateId: id } : {}), diagnostics: shape });
    else documents.push(document);
  });
  return documents;
}

function unitsFromDocuments(documents: SourceDocument[], file: string): CandidateUnit[] {
  const units: CandidateUnit[] = [];
  for (const document of documents) {
    // A JSON or YAML list of candidates: each item a candidate, located within the list.
    const items: SourceDocument[] = Array.isArray(document.value)
      ? document.value.map((value: unknown, i) => ({ value,
        locate: (path, key) => document.locate([i, ...path], key),
        raw: (path) => document.raw?.([i, ...path]) }))
      : [document];
    for (const item of items) {
      const id = candidateIdOf(item.value);
      const { line } = item.locate([]);
      units.push({ id, source: `${file}:${line}`, file, document: () => item, warnings: [] });
    }
  }
  return units;
}

/** The id a document gives, as written ('' when it has none a person could read). */
function candidateIdOf(value: unknown): string {
  const id = value !== null && typeof value === 'object' && 'id' in value ? value.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id).trim() : '';
}

