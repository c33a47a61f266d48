import { isAscii } from 'node:buffer';
import { posix } from 'node:path';
import { normalizeLabel } from '../values/labelIndex.js';
import { cellReading, paddedText, storedNumberText, serialDateText, type CellReading } from './excelNumberFormat.js';
import type { BadRow, CsvTable, HeaderHook } from './readCsv.js';
import { RowStore } from './rowStore.js';
import { attribute, decodeEntities, decodeExcelEscapes, XmlError, XmlScanner, type XmlHandler } from './xmlScanner.js';
import { partKey, ZipArchive, ZipError, type InflateLimit } from './zipArchive.js';

/** A sheet of a workbook, read as a table: its name, the table as a CSV file would give it, and what was hidden. */
export interface SheetTable {
  sheet: string;
  table: CsvTable;
  hidden: HiddenCells;
  /** `hidden` or `veryHidden` (hidden from Excel's own list of sheets): read all the same, and named. */
  state: 'visible' | 'hidden' | 'veryHidden';
}

/** Rows (their numbers) and columns (their letters) a sheet hides. */
export interface HiddenCells {
  rows: number[];
  columns: string[];
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
const HELD_LIMIT: InflateLimit = { bytes: 256 << 20, ratio: 400, ratioFrom: 16 << 20 };

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
 * is `book.xlsx[sheet]`, so errors name both.
 */
export async function readXlsx(file: string, headers: { ids: readonly string[]; columns: readonly string[] }, onHeader: (sheet: string) => HeaderHook): Promise<SheetTable[]> {
  const known: KnownHeaders = { ids: new Set(headers.ids.map(normalizeLabel)), columns: new Set(headers.columns.map(normalizeLabel)) };
  let zip: ZipArchive;
  try {
    zip = ZipArchive.open(file);
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
      // A chart sheet or a dialog sheet holds no table; a sheet whose part is missing is a damaged workbook.
      if (target === undefined || !zip.has(target)) throw new WorkbookError({ problem: 'damaged', part: target ?? sheet.name });
      const hidden: HiddenCells = { rows: [], columns: [] };
      const builder = new SheetTableBuilder(`${file}[${sheet.name}]`, known, onHeader(sheet.name));
      await scanPart(zip, target, SHEET_LIMIT, new SheetHandler(builder, hidden, strings, styles, workbook.date1904));
      sheets.push({ sheet: sheet.name, table: builder.finish(), hidden, state: sheet.state });
    }
    return sheets;
  } catch (error) {
    throw workbookError(error);
  } finally {
    zip.close();
  }
}

/** A reading failure as a WorkbookError; a file-system error (no such file, no permission) as it is. */
function workbookError(error: unknown): unknown {
  if (error instanceof WorkbookError) return error;
  if (error instanceof ZipError) return new WorkbookError(error.problem === 'too-large' ? { problem: 'too-large', part: error.part ?? '', limit: error.limit ?? 0 } : { problem: 'damaged', ...(error.part ? { part: error.part } : {}) });
  if (error instanceof XmlError) return new WorkbookError({ problem: 'damaged' });
  return error;
}

/** Scans one part, decoding its UTF-8 across chunk boundaries (invalid UTF-8 is a damaged part). */
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
      // A sheet's XML is mostly ASCII (its text is in the shared strings): such a chunk, with no part of a
      // character left over from the one before, is read as it is, several times faster than decoding.
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

/**
 * Gathers the text of `<t>` elements within a string (`si`, or a cell's `is`), in pieces as the scanner gives
 * them, skipping phonetic runs.
 */
class TextCollector {
  private pieces = '';
  private inString = false;
  private inT = false;
  private phonetic = false;
  private hasEntities = false;

  get collecting(): boolean {
    return this.inString && this.inT && !this.phonetic;
  }

  start(): void {
    this.pieces = '';
    this.hasEntities = false;
    this.inString = true;
    this.inT = false;
    this.phonetic = false;
  }

  resume(): void {
    this.inT = true;
  }

  suspend(): void {
    this.inT = false;
  }

  pause(selfClosing: boolean): void {
    if (!selfClosing) this.phonetic = true;
  }

  unpause(): void {
    this.phonetic = false;
  }

  add(raw: string, cdata: boolean): void {
    if (!this.collecting) return;
    if (!cdata && raw.includes('&')) this.hasEntities = true;
    // CDATA is already plain text: its ampersands are escaped so that decoding leaves them as they are.
    this.pieces += cdata && raw.includes('&') ? raw.replace(/&/g, '&amp;') : raw;
  }

  finish(): string {
    this.inString = false;
    const text = this.hasEntities || this.pieces.includes('&') ? decodeEntities(this.pieces) : this.pieces;
    return decodeExcelEscapes(text);
  }
}

/** A cell that cannot be read as a value: an error (`#N/A`), or a formula whose value was never saved. */
interface CellProblem {
  problem: 'error-cell' | 'formula-without-value';
  column: number;
  value: string;
}

/** Reads a sheet's rows of cells and hands each row to the table builder. */
class SheetHandler implements XmlHandler {
  wantsText = false;
  private rowNumber = 0;
  private column = 0;
  private cells: string[] = [];
  private problems: CellProblem[] = [];
  private inRow = false;
  // The cell being read.
  private cellType: string | undefined;
  private cellStyle = 0;
  private value = '';
  private hasValue = false;
  private formula = '';
  private reading: 'v' | 'f' | 'is' | undefined;
  private readonly inline = new TextCollector();

  constructor(
    private readonly builder: SheetTableBuilder,
    private readonly hidden: HiddenCells,
    private readonly strings: readonly string[],
    private readonly styles: Styles,
    private readonly date1904: boolean,
  ) {}

  open(name: string, text: string, start: number, end: number, selfClosing: boolean): void {
    switch (name) {
      case 'c': {
        this.readCellTag(text, start, end);
        this.value = '';
        this.hasValue = false;
        this.formula = '';
        this.reading = undefined;
        if (selfClosing) this.endCell();
        return;
      }
      case 'v':
        this.reading = 'v';
        this.hasValue = true;
        this.wantsText = !selfClosing;
        return;
      case 'f':
        this.reading = 'f';
        this.wantsText = !selfClosing;
        // A shared formula's other cells hold only a reference to it: the formula is named by its cell.
        if (selfClosing) this.formula = '=…';
        return;
      case 'is':
        this.reading = 'is';
        this.hasValue = true;
        this.inline.start();
        return;
      case 't':
      case 'rPh':
        if (this.reading === 'is') {
          if (name === 't') this.inline.resume();
          else this.inline.pause(selfClosing);
          this.wantsText = this.inline.collecting;
        }
        return;
      case 'row': {
        const number = attribute(text, start, end, 'r');
        this.rowNumber = number === undefined ? this.rowNumber + 1 : Number(number);
        if (attribute(text, start, end, 'hidden') === '1' || attribute(text, start, end, 'hidden') === 'true') this.hidden.rows.push(this.rowNumber);
        this.column = 0;
        this.cells = [];
        this.problems = [];
        this.inRow = true;
        if (selfClosing) this.endRow();
        return;
      }
      case 'col': {
        const hidden = attribute(text, start, end, 'hidden');
        if (hidden !== '1' && hidden !== 'true') return;
        const min = Number(attribute(text, start, end, 'min'));
        const max = Math.min(Number(attribute(text, start, end, 'max')), min + 1000);
        for (let c = min; c <= max && this.hidden.columns.length < 1000; c++) this.hidden.columns.push(columnLetters(c));
        return;
      }
    }
  }

  /**
   * A cell's `r`, `s` and `t` in one pass over its tag (a sheet has millions): the column (the next one when `r`
   * is absent), the style's index, the type.
   */
  private readCellTag(text: string, start: number, end: number): void {
    let column = -1;
    let style = 0;
    let type: string | undefined;
    for (let i = start + 2; i < end; i++) {
      if (text.charCodeAt(i) !== 0x3d /* = */) continue;
      const nameAt = i - 1;
      const name = text.charCodeAt(nameAt);
      const quote = text.charCodeAt(i + 1);
      const close = text.indexOf(quote === 0x27 ? "'" : '"', i + 2);
      if (close === -1 || close > end) break;
      // A one-letter attribute without a prefix: the character before its letter is a space.
      if (text.charCodeAt(nameAt - 1) === 0x20) {
        if (name === 0x72 /* r */) column = columnNumber(text, i + 2, close);
        else if (name === 0x73 /* s */) style = Number(text.slice(i + 2, close));
        else if (name === 0x74 /* t */) type = text.slice(i + 2, close);
      }
      i = close;
    }
    this.column = column === -1 ? this.column + 1 : column;
    this.cellStyle = style;
    this.cellType = type;
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
        this.wantsText = false;
        return;
      case 't':
        if (this.reading === 'is') {
          this.inline.suspend();
          this.wantsText = false;
        }
        return;
      case 'rPh':
        if (this.reading === 'is') this.inline.unpause();
        return;
      case 'is':
        this.value = this.inline.finish();
        this.reading = undefined;
        return;
      case 'c':
        this.endCell();
        return;
      case 'row':
        if (this.inRow) this.endRow();
        return;
    }
  }

  text(raw: string, cdata: boolean): void {
    if (this.reading === 'v') this.value += cdata && raw.includes('&') ? raw.replace(/&/g, '&amp;') : raw;
    else if (this.reading === 'f') this.formula += raw;
    else if (this.reading === 'is') this.inline.add(raw, cdata);
  }

  private endCell(): void {
    const index = this.column - 1;
    if (index < 0 || index > 16_383) return;
    const text = this.cellText(index);
    if (text !== '') {
      while (this.cells.length < index) this.cells.push('');
      this.cells[index] = text;
    }
    this.reading = undefined;
    this.wantsText = false;
  }

  /** The cell's text; '' and a problem noted when it holds no value a person wrote. */
  private cellText(index: number): string {
    const type = this.cellType;
    const raw = this.value;
    if (type === 'inlineStr') return this.value;
    if (!this.hasValue) {
      if (this.formula !== '') this.problems.push({ problem: 'formula-without-value', column: index + 1, value: formulaText(this.formula) });
      return '';
    }
    switch (type) {
      case 's': {
        const found = this.strings[Number(raw)];
        if (found === undefined) throw new WorkbookError({ problem: 'damaged', part: 'sharedStrings' });
        return found;
      }
      case 'str':
        return decodeExcelEscapes(raw.includes('&') ? decodeEntities(raw) : raw);
      case 'b':
        return raw.trim() === '1' || raw.trim() === 'true' ? 'TRUE' : 'FALSE';
      case 'e':
        this.problems.push({ problem: 'error-cell', column: index + 1, value: decodeEntities(raw) });
        return '';
      case 'd':
        // An ISO 8601 date (some writers store dates so): its day, at midnight only as a date-time text reads.
        return raw.trim().replace(/T00:00(?::00(?:\.0+)?)?Z?$/, '');
      default: {
        if (raw.trim() === '') return '';
        const number = Number(raw);
        if (!Number.isFinite(number)) return raw.trim();
        const reading = this.styles[this.cellStyle];
        if (reading === undefined || reading.kind === 'number') return storedNumberText(raw, number);
        if (reading.kind === 'padded') return paddedText(number, reading.digits);
        return serialDateText(number, this.date1904, reading.kind);
      }
    }
  }

  private endRow(): void {
    this.inRow = false;
    this.builder.row(this.rowNumber, this.cells, this.problems);
  }
}

function formulaText(formula: string): string {
  const text = decodeEntities(formula);
  return text.startsWith('=') ? text : `=${text}`;
}

/** The column of the cell reference text[start..end) (`AB12` → 28). */
function columnNumber(text: string, start: number, end: number): number {
  let column = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) column = column * 26 + (c - 64);
    else if (c >= 97 && c <= 122) column = column * 26 + (c - 96);
    else if (c !== 36 /* $ */) break;
  }
  return column;
}

/** A column's letters as a sheet shows them: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Headers that mark a header row (a candidate id's), and every header of the tables and the mapping, normalised. */
interface KnownHeaders {
  ids: Set<string>;
  columns: Set<string>;
}

/**
 * One sheet's rows as a table: the header the first row naming a candidate id, then its data rows. A header of
 * two rows (期間 merged over 開始 and 終了 below it; 社員番号 merged down) is read as one: a row under the header
 * whose id cell is empty and which names a known column gives the names of the columns it fills.
 */
class SheetTableBuilder {
  private readonly table: CsvTable;
  private width = 0;
  private idIndex = -1;
  private underHeader = false;
  private hooked = false;

  constructor(
    file: string,
    private readonly known: KnownHeaders,
    private readonly hook: HeaderHook,
  ) {
    this.table = { file, encoding: 'utf-8', header: [], rows: new RowStore(), rowNumbers: [], badRows: [] };
  }

  row(rowNumber: number, cells: string[], problems: CellProblem[]): void {
    if (problems.length === 0 && cells.every((c) => c.trim() === '')) return;
    const table = this.table;
    if (this.width === 0) {
      this.idIndex = cells.findIndex((c) => this.known.ids.has(normalizeLabel(c)));
      if (this.idIndex === -1) return; // a title row above the header
      table.header = cells.map((c) => c.trim());
      while (table.header.length > 0 && table.header[table.header.length - 1] === '') table.header.pop();
      this.width = table.header.length;
      this.underHeader = true;
      return;
    }
    if (this.underHeader) {
      this.underHeader = false;
      if ((cells[this.idIndex] ?? '').trim() === '' && problems.length === 0 && cells.some((c) => c.trim() !== '' && this.known.columns.has(normalizeLabel(c)))) {
        // The second row may name columns past the first's last (期間 merged over 開始 and 終了).
        const width = Math.max(this.width, cells.length);
        table.header = Array.from({ length: width }, (_, i) => (cells[i] ?? '').trim() || (table.header[i] ?? ''));
        while (table.header.length > 0 && table.header[table.header.length - 1] === '') table.header.pop();
        this.width = table.header.length;
        return;
      }
    }
    // The header is whole now (a second header row read or not): the table is told apart and bound.
    if (!this.hooked) {
      this.hooked = true;
      this.hook(table);
    }
    const data = cells.slice(0, this.width);
    while (data.length < this.width) data.push('');
    const bad = this.badCell(rowNumber, cells, problems);
    if (bad) {
      table.badRows.push({ ...bad, cells: data });
      return;
    }
    table.rows.push(data);
    table.rowNumbers.push(rowNumber);
  }

  /** The row's first unreadable cell: an error, a formula without a value, or a value under no header. */
  private badCell(rowNumber: number, cells: readonly string[], problems: readonly CellProblem[]): Omit<BadRow, 'cells'> | undefined {
    const first = problems[0];
    if (first) return { rowNumber, problem: first.problem, column: first.column, value: first.value, cell: `${columnLetters(first.column)}${rowNumber}` };
    for (let i = 0; i < cells.length; i++) {
      if ((i >= this.width || this.table.header[i] === '') && cells[i]!.trim() !== '') return { rowNumber, problem: 'value-without-header', column: i + 1, value: cells[i]!, cell: `${columnLetters(i + 1)}${rowNumber}` };
    }
    return undefined;
  }

  finish(): CsvTable {
    if (this.width > 0 && !this.hooked) this.hook(this.table); // a header without rows
    return this.table;
  }
}
