import { isAscii } from 'node:buffer';
import { posix } from 'node:path';
import { normalizeLabel } from '../values/labelIndex.js';
import { cellReading, type CellReading } from './excelNumberFormat.js';
import type { CsvTable, HeaderHook } from './readCsv.js';
import { attribute, TextCollector, XmlError, XmlScanner, type XmlHandler } from './xmlScanner.js';
import { SheetTableBuilder, type KnownHeaders } from './sheetTableBuilder.js';
import { SheetReader, type HiddenCells } from './xlsxSheetReader.js';
import { partKey, ZipArchive, ZipError, type InflateLimit } from './zipArchive.js';


/** A sheet of a workbook, read as a table: its name, the table as a CSV file would give it, and what was hidden. */
export interface SheetTable {
  sheet: string;
  table: CsvTable;
  hidden: HiddenCells;
  /** `hidden` or `veryHidden` (hidden from Excel's own list of sheets): read all the same, and named. */
  state: 'visible' | 'hidden' | 'veryHidden';
}


/** Why a workbook is refused whole: damaged, a part beyond its bound (a zip bomb), two sheets of one name. */
export type WorkbookProblem = { problem: 'damaged'; part?: string } | { problem: 'too-large'; part: string; limit: number } | { problem: 'duplicate-sheet'; sheets: [string, string] };

export class WorkbookError extends Error {
  constructor(readonly detail: WorkbookProblem) {
    super(detail.problem);
  }
}

/**
 * Bounds of the parts: sheets stream, so theirs is generous (a sheet of Excel's 1,048,576 rows fits); the parts
 * held in memory (shared strings, styles, the workbook) are bounded tighter. No legitimate part inflates more
 * than a few hundred times; a zip bomb does about a thousand.
 */
const SHEET_LIMIT: InflateLimit = { bytes: 2 ** 31, ratio: 400, ratioFrom: 64 << 20 };
const HELD_LIMIT: InflateLimit = { bytes: 128 << 20, ratio: 400, ratioFrom: 16 << 20 };

/**
 * Reads every sheet of an XLSX workbook as a table of text cells. The zip's directory is read first and the parts
 * opened in the order they are needed (the package's relationships, the workbook, its relationships, styles,
 * shared strings, then each sheet streamed in the workbook's order), whatever order the writer stored them in,
 * so the same workbook reads the same on every run. Nothing is written to disk.
 *
 * Cells read as Excel shows them: a date cell as its day (`YYYY-MM-DD`, or `YYYY-MM` when its format shows no
 * day; 1900 or 1904 date system), a number at 15 significant digits, shared, inline and rich strings as their
 * text (phonetic guides left out), a formula by its cached value (never evaluated). An error cell (`#N/A`) or a
 * formula without a cached value is a bad row at its cell, and so is a value under a blank header cell; such a
 * cell is never read as an id or as text. The header is the first row that has one of `headers.ids` (title rows
 * and blank rows above it are skipped); empty rows are passed over; row numbers are the sheet's. Each table's file
 * is `book.xlsx[sheet]`, so errors name both. `onRead`: how many of the file's bytes are read so far (for a progress line).
 */
export async function readXlsx(file: string, headers: { ids: readonly string[]; columns: readonly string[] },
  onHeader: (sheet: string) => HeaderHook, onRead?: (bytes: number) => void): Promise<SheetTable[]> {
  const known: KnownHeaders = { ids: new Set(headers.ids.map(normalizeLabel)), columns: new Set(headers.columns.map(normalizeLabel)) };
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(file, onRead);
  } catch (error) {
    throw workbookError(error);
  }
  try {
    const workbookPath = (await relationships(zip, '_rels/.rels', '')).find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const workbook = await readWorkbook(zip, workbookPath);
    const parts = await relationships(zip, relationshipsPath(workbookPath), posix.dirname(workbookPath));
    const partOf = (type: string) => parts.find((r) => r.type.endsWith(type))?.target;
    const styles = await readStyles(zip, partOf('/styles'));
    const strings = await readSharedStrings(zip, partOf('/sharedStrings'));
    const sheets: SheetTable[] = [];
    for (const sheet of workbook.sheets) {
      const target = parts.find((r) => r.id === sheet.relationship)?.target;
      // A sheet whose part is missing is a damaged workbook (a chart sheet is read, and holds no table).
      if (target === undefined || !zip.has(target)) throw new WorkbookError({ problem: 'damaged', part: target ?? sheet.name });
      const hidden: HiddenCells = { rows: [], columns: [] };
      const builder = new SheetTableBuilder(`${file}[${sheet.name}]`, known, onHeader(sheet.name));
      const reader = new SheetReader(builder, hidden, strings, styles, workbook.date1904);
      for await (const chunk of zip.bytes(target, SHEET_LIMIT)) reader.feed(chunk);
      reader.end();
      sheets.push({ sheet: sheet.name, table: builder.finish(), hidden, state: sheet.state });
    }
    return sheets;
  } catch (error) {
    throw workbookError(error);
  } finally {
    zip.close();
  }
}

/**
 * The names of a workbook's sheets, in its order, read from the workbook part alone (no sheet is opened): enough
 * to tell a results workbook itss wrote from an HR export. Undefined when the file is not a readable workbook.
 */
export async function workbookSheetNames(file: string): Promise<string[] | undefined> {
  return readingZip(file, async (zip) => {
    const workbookPath = (await relationships(zip, '_rels/.rels', '')).find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    return (await readWorkbook(zip, workbookPath)).sheets.map((sheet) => sheet.name);
  });
}

/** What `read` makes of a workbook's zip, closed after; undefined when the file is not a readable workbook. */
async function readingZip<T>(file: string, read: (zip: ZipArchive) => Promise<T>): Promise<T | undefined> {
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(file);
  } catch {
    return undefined;
  }
  try {
    return await read(zip);
  } catch {
    return undefined;
  } finally {
    zip.close();
  }
}

/**
 * A workbook's custom document properties (docProps/custom.xml, found through the package's relationships), as
 * name → text: what a writer recorded about the whole file. Empty when it has none; a property that is not text
 * (a number, a date, a yes/no) is read as its value's text. Undefined when the file is not a readable workbook.
 */
export async function workbookProperties(file: string): Promise<Map<string, string> | undefined> {
  return readingZip(file, async (zip) => {
    const properties = new Map<string, string>();
    const part = (await relationships(zip, '_rels/.rels', '')).find((r) => r.type.endsWith('/custom-properties'))?.target;
    if (part === undefined || !zip.has(part)) return properties;
    const text = new TextCollector();
    let name: string | undefined;
    await scanPart(zip, part, HELD_LIMIT, {
      get wantsText() {
        return text.collecting;
      },
      text: (raw, cdata) => text.add(raw, cdata),
      open(element, tag, start, end, selfClosing) {
        if (element === 'property') name = selfClosing ? undefined : attribute(tag, start, end, 'name');
        else if (name !== undefined && !selfClosing) {
          // The property's value: its one child element (vt:lpwstr, vt:i4, vt:filetime …).
          text.start();
          text.resume();
        }
      },
      close(element) {
        if (element === 'property') name = undefined;
        else if (name !== undefined && text.collecting) {
          properties.set(name, text.finish());
          name = undefined;
        }
      },
    });
    return properties;
  });
}

/** A reading failure as a WorkbookError; a file-system error (no such file, no permission) as it is. */
function workbookError(error: unknown): unknown {
  if (error instanceof WorkbookError) return error;
  if (error instanceof ZipError) return new WorkbookError(error.problem === 'too-large' ? { problem: 'too-large', part: error.part ?? '', limit: error.limit ?? 0 } : { problem: 'damaged', ...(error.part ? { part: error.part } : {}) });
  if (error instanceof XmlError) return new WorkbookError({ problem: 'damaged' });
  return error;
}

/**
 * Scans one of the parts read as text (relationships, the workbook, styles, shared strings; sheets are read as
 * bytes by SheetReader), decoding its UTF-8 across chunk boundaries (invalid UTF-8 is a damaged part).
 */
async function scanPart(zip: ZipArchive, part: string, limit: InflateLimit, handler: XmlHandler): Promise<void> {
  const scanner = new XmlScanner(handler);
  let decoder: TextDecoder | undefined;
  let utf8 = true;
  let midCharacter = false;
  try {
    for await (const chunk of zip.bytes(part, limit)) {
      if (!decoder) {
        // XML names its encoding by a byte-order mark; without one it is UTF-8.
        const encoding = chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf-16le' : chunk[0] === 0xfe && chunk[1] === 0xff ? 'utf-16be' : 'utf-8';
        utf8 = encoding === 'utf-8';
        decoder = new TextDecoder(encoding, { fatal: true });
      }
      // A chunk of ASCII, with no part of a character left over from the one before, is read as it is, several
      // times faster than decoding.
      if (utf8 && !midCharacter && isAscii(chunk)) scanner.feed(chunk.toString('latin1'));
      else {
        scanner.feed(decoder.decode(chunk, { stream: true }));
        midCharacter = utf8 && endsMidCharacter(chunk);
      }
    }
    if (decoder) scanner.feed(decoder.decode());
  } catch (error) {
    // TextDecoder's fatal error: bytes that are not UTF-8.
    if ((error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') throw new WorkbookError({ problem: 'damaged', part });
    throw error;
  }
  scanner.end();
}

/** Does the chunk end within a UTF-8 character (its lead byte there, some of its continuation bytes not)? */
function endsMidCharacter(chunk: Buffer): boolean {
  for (let back = 1; back <= 4 && back <= chunk.length; back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back;
  }
  return false;
}

/** A handler for small parts: each element's attributes as an object, with the elements open above it. */
function elements(onElement: (name: string, attributes: (name: string) => string | undefined, parents: readonly string[]) => void): XmlHandler {
  const parents: string[] = [];
  return {
    wantsText: false,
    text() {},
    open(name, text, start, end, selfClosing) {
      onElement(name, (attributeName) => attribute(text, start, end, attributeName), parents);
      if (!selfClosing) parents.push(name);
    },
    close(name) {
      if (parents[parents.length - 1] === name) parents.pop();
    },
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationshipsPath(part: string): string {
  return posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
}

/** A part's relationships, each target resolved from the folder `base` (or from the package's root when absolute). */
async function relationships(zip: ZipArchive, path: string, base: string): Promise<Relationship[]> {
  const found: Relationship[] = [];
  if (!zip.has(path)) return found;
  await scanPart(
    zip,
    path,
    HELD_LIMIT,
    elements((name, get) => {
      const target = get('Target');
      if (name !== 'Relationship' || target === undefined || get('TargetMode') === 'External') return;
      found.push({ id: get('Id') ?? '', type: get('Type') ?? '', target: partKey(target.startsWith('/') ? target : posix.join(base, target)) });
    }),
  );
  return found;
}

interface WorkbookSheet {
  name: string;
  relationship: string;
  state: SheetTable['state'];
}

async function readWorkbook(zip: ZipArchive, path: string): Promise<{ sheets: WorkbookSheet[]; date1904: boolean }> {
  if (!zip.has(path)) throw new WorkbookError({ problem: 'damaged', part: path });
  const sheets: WorkbookSheet[] = [];
  let date1904 = false;
  await scanPart(
    zip,
    path,
    HELD_LIMIT,
    elements((name, get) => {
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(get('date1904') ?? '');
      else if (name === 'sheet') {
        const state = get('state');
        sheets.push({ name: get('name') ?? '', relationship: get('r:id') ?? get('id') ?? '', state: state === 'hidden' || state === 'veryHidden' ? state : 'visible' });
      }
    }),
  );
  // Excel refuses two sheets whose names differ only in case; a workbook made otherwise would decide by order
  // which one is a table: both are named instead.
  const seen = new Map<string, string>();
  for (const sheet of sheets) {
    const key = normalizeLabel(sheet.name).toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) throw new WorkbookError({ problem: 'duplicate-sheet', sheets: [other, sheet.name] });
    seen.set(key, sheet.name);
  }
  return { sheets, date1904 };
}

/** Each cell style (its index in `cellXfs`) as how a number in it reads. */
type Styles = CellReading[];

async function readStyles(zip: ZipArchive, path: string | undefined): Promise<Styles> {
  const styles: Styles = [];
  if (path === undefined || !zip.has(path)) return styles;
  const codes = new Map<number, string>();
  const formatIds: number[] = [];
  await scanPart(
    zip,
    path,
    HELD_LIMIT,
    elements((name, get, parents) => {
      if (name === 'numFmt') codes.set(Number(get('numFmtId')), get('formatCode') ?? '');
      else if (name === 'xf' && parents[parents.length - 1] === 'cellXfs') formatIds.push(Number(get('numFmtId') ?? 0));
    }),
  );
  for (const id of formatIds) styles.push(cellReading(id, codes.get(id)));
  return styles;
}

/** The shared strings, each as its text: plain or rich (its runs joined), phonetic guides (`rPh`) left out. */
async function readSharedStrings(zip: ZipArchive, path: string | undefined): Promise<string[]> {
  const strings: string[] = [];
  if (path === undefined || !zip.has(path)) return strings;
  const text = new TextCollector();
  await scanPart(zip, path, HELD_LIMIT, {
    get wantsText() {
      return text.collecting;
    },
    text: (raw, cdata) => text.add(raw, cdata),
    open(name, _text, _start, _end, selfClosing) {
      if (name === 'si') text.start();
      else if (name === 'rPh') text.pause(selfClosing);
      else if (name === 't') text.resume();
    },
    close(name) {
      if (name === 't') text.suspend();
      else if (name === 'rPh') text.unpause();
      else if (name === 'si') strings.push(text.finish());
    },
  });
  return strings;
}

