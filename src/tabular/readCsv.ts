import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { CsvParser } from './csvParser.js';
import { detectEncoding, encodingOfBom, forEachLine, isUtf8Japanese, lastLineCut, undecodableAt, type TextEncodingName } from './decodeText.js';
import { readFileChunks, type FileWindow } from './readFileChunks.js';
import { FNV_OFFSET, FNV_PRIME, RowStore, isBlankUtf8 } from './rowStore.js';

/** A row that could not be read: its number, its cells as far as they could be told apart, and why. */
export interface BadRow {
  rowNumber: number;
  cells: string[];
  /**
   * CSV: ragged, a quote left open, or a line that does not decode in the file's encoding (a name pasted from a
   * file in another one). Workbooks: a cell holding an error (`#N/A`), a formula without a cached value, or a value
   * under a blank header cell.
   */
  problem: 'ragged-row' | 'unbalanced-quote' | 'bad-encoding' | 'error-cell' | 'formula-without-value' | 'value-without-header';
  /**
   * The cell where the quote opened (unbalanced quotes), or the unreadable cell's column. A line that does not
   * decode: `cells` are the cells before the undecodable text, which is in cell `column`.
   */
  column: number;
  /**
   * A workbook's unreadable cell: what it holds, and its reference (`E5`). A line that does not decode: its cell
   * as far as it reads (U+FFFD for what does not), or as UTF-8 when it is UTF-8 in a Shift_JIS file.
   */
  value?: string;
  cell?: string;
}

export interface CsvTable {
  file: string;
  encoding: TextEncodingName;
  header: string[];
  /** Data rows, each distinct cell text kept once. */
  rows: RowStore;
  /** Each row's number as a spreadsheet shows it (the header is row 1). */
  rowNumbers: number[];
  /** Rows whose number of cells differs from the header's, whose quote does not close, or that do not decode: kept out of `rows`. */
  badRows: BadRow[];
}

/** Called with the table once its header is read (to tell which table it is and bind its columns). */
export type HeaderHook = (table: CsvTable) => void;

/**
 * A file that is not text in its encoding: its header does not decode, or more of its rows do not than do (the
 * file is in another encoding, not a line or two of it). Where (the first such row, the cell and what it reads as),
 * and which encoding it was read as.
 */
export class CsvDecodeError extends Error {
  constructor(
    readonly file: string,
    readonly encoding: TextEncodingName,
    readonly line: number,
    readonly column: number,
    readonly value: string,
  ) {
    super(`${file}:${line}: not valid ${encoding}`);
  }
}

/** The rows a reading has met (see Reading's `keep`), counted by whichever reader reads each. */
interface RowsMet {
  count: number;
}

/** A file guessed UTF-8 from its plain-ASCII start turned out Shift_JIS further on: read again as that. */
class ReadAgainAs extends Error {
  constructor(readonly encoding: TextEncodingName) {
    super(`read again as ${encoding}`);
  }
}

/**
 * Reads a CSV file into rows. The encoding is the one given, or detected (BOM, then the first 64 KB); a file whose
 * first 64 KB are plain ASCII is read as UTF-8 and, should the first line that is not UTF-8 start a part in
 * Shift_JIS, read again so. A line that does not decode (a name pasted from a file in another encoding) is a bad
 * row, and the rest is read; a file that is mostly another encoding is refused whole (CsvDecodeError).
 * `onRead`: how many of the file's bytes are read so far, once a chunk (1 MB; from 0 again when it is read again).
 */
export async function readCsv(file: string, encoding?: TextEncodingName, onHeader?: HeaderHook, onRead?: (bytes: number) => void): Promise<CsvTable> {
  let table: CsvTable | undefined;
  for await (const read of readDetected(file, encoding, { chunked: false, ...(onHeader ? { onHeader } : {}), ...(onRead ? { onRead } : {}) })) table = read;
  // Read whole: nothing more is added to its rows, and what only adding needed is let go.
  table!.rows.compact();
  return table!;
}

/** How a file is read, besides its encoding. */
interface Reading {
  onHeader?: HeaderHook;
  onRead?: (bytes: number) => void;
  /** A step a chunk (readCsvChunks), or the whole table at the end. */
  chunked: boolean;
  /**
   * The columns whose cells are wanted (told once the header is read; undefined: all). The others' cells of a
   * record a UTF-8 file's bytes are read for (a line without a quote, or quoted as HR exports quote: see
   * quotedRecord) are passed over unread (each is the empty text in `rows`): a reading that looks at the ids only.
   * Rows, row numbers and bad rows are as a whole reading's.
   */
  only?: (table: CsvTable) => readonly number[] | undefined;
  /**
   * Which rows to keep, by their place among the file's rows (0 the first row after the header; blank lines and
   * rows that cannot be read are not rows): a row not kept is read only as far as telling that it is one (its
   * cells are not kept), so that a reading of a share of the rows holds that share. Bad rows are as a whole
   * reading's. (`rows` then counts the rows met, kept or not.)
   */
  keep?: RowFilter;
  /**
   * Chunked: each step's rows are added to those of the steps before, not let go. The caller lets rows go itself,
   * between steps, by giving the table a new store and row numbers (`rows`, `rowNumbers`), which the reading goes
   * on filling: a reader that hands on the rows it has read where they are, not copied (sortedJoin's lots).
   */
  gathered?: boolean;
  /** A UTF-8 file read in part: its header and its records from a byte on, numbered as in the whole (see FileWindow). */
  window?: FileWindow;
  /** Bytes read at a time (readFileChunks' 1 MB unless given): less for a reading that wants its first rows only. */
  chunkBytes?: number;
}

/** See Reading's `keep`: `rows` is set to the number of rows the reading met, kept or not. */
export interface RowFilter {
  keep(row: number): boolean;
  rows: number;
}

/**
 * Reads a CSV file as readCsv does, a chunk at a time (about 1 MB of the file): each step gives the table with, in
 * `rows` and `rowNumbers`, only the rows read since the last step (the store emptied for the next step once the
 * reader asks for it: what it keeps of a step, it copies). `badRows` gathers every step's. The last step comes after
 * the file's end; a file refused whole (CsvDecodeError) throws after it. Read again in another encoding, the
 * file starts over: `onHeader` is told its header again, and the steps give its rows from the first again.
 * `only`: see Reading.
 */
export function readCsvChunks(file: string, encoding?: TextEncodingName, options: Omit<Reading, 'chunked'> = {}): AsyncGenerator<CsvTable> {
  return readDetected(file, encoding, { ...options, chunked: true });
}

async function* readDetected(file: string, encoding: TextEncodingName | undefined, reading: Reading): AsyncGenerator<CsvTable> {
  const detected = await detectFileEncoding(file);
  // A byte-order mark names its encoding beyond doubt: it wins over --encoding (a UTF-16 file among Shift_JIS ones).
  if (encoding && !(detected.certain && detected.bom)) {
    yield* readCsvAs(file, encoding, false, reading);
    return;
  }
  try {
    yield* readCsvAs(file, detected.encoding, !detected.certain, reading);
  } catch (error) {
    if (!(error instanceof ReadAgainAs)) throw error;
    yield* readCsvAs(file, error.encoding, false, reading);
  }
}

/**
 * Reads a CSV file a chunk at a time (as readCsvChunks) in the encoding a whole reading of it ended in (the
 * table's `encoding`): the same header, rows, row numbers and bad rows, without detecting it again. `only`: see
 * Reading.
 */
export function readCsvChunksAs(file: string, encoding: TextEncodingName, options: Omit<Reading, 'chunked'> = {}): AsyncGenerator<CsvTable> {
  // Not a guess (a file that was read as UTF-8 to its end, or read again in the encoding it turned out to be): read
  // as a whole reading read it, a line that is not UTF-8 reported as such (what a guess concluded at its first).
  return readCsvAs(file, encoding, false, { ...options, chunked: true });
}

/**
 * Reads a CSV file whole, as readCsvChunksAs reads it (in the encoding a first reading ended in), keeping only the
 * rows `keep` keeps (see Reading's `keep`): a share of a table too large to hold whole.
 */
export async function readCsvKept(file: string, encoding: TextEncodingName, keep: RowFilter, onHeader?: HeaderHook): Promise<CsvTable> {
  let table: CsvTable | undefined;
  for await (const read of readCsvAs(file, encoding, false, { chunked: false, keep, ...(onHeader ? { onHeader } : {}) })) table = read;
  table!.rows.compact();
  return table!;
}

async function detectFileEncoding(file: string): Promise<ReturnType<typeof detectEncoding> & { bom: boolean }> {
  for await (const chunk of createReadStream(file, { start: 0, end: (1 << 16) - 1 }))
    return { ...detectEncoding(chunk as Buffer), bom: encodingOfBom(chunk as Buffer) !== undefined };
  return { encoding: 'utf-8', certain: true, bom: false }; // an empty file
}

/**
 * `guessed`: the encoding is a guess from a plain-ASCII start, which the first line that does not decode may
 * overturn. Chunked, the rows given at each step are let go (see readCsvChunks); else they are kept, and the last
 * step gives the whole table.
 */
async function* readCsvAs(file: string, encoding: TextEncodingName, guessed: boolean, reading: Reading): AsyncGenerator<CsvTable> {
  const { onHeader, onRead, chunked } = reading;
  const table: CsvTable = { file, encoding, header: [], rows: new RowStore(), rowNumbers: [], badRows: [] };
  let undecodable = 0;
  /** The rows met so far (given at earlier steps, not kept): the place of the next. Counted by both readers. */
  const met: RowsMet = { count: 0 };
  const { keep } = reading;
  const parser = new CsvParser({
    record({ cells, row }) {
      // The first record is the header (expectedCells unset until then: the byte reader asks the same).
      if (parser.expectedCells === undefined) {
        table.header = cells.map((h) => h.replace(/^\uFEFF/, '').trim());
        parser.expectedCells = table.header.length;
        onHeader?.(table);
        return;
      }
      if (cells.every((c) => c.trim() === '')) return; // blank line, e.g. Excel's trailing one
      if (cells.length !== table.header.length) {
        // A cell too many or too few shifts every value after it: the row is not read, but reported.
        table.badRows.push({ rowNumber: row, cells, problem: 'ragged-row', column: 1 });
        return;
      }
      const place = met.count++;
      if (keep && !keep.keep(place)) return;
      table.rows.push(cells);
      table.rowNumbers.push(row);
    },
    unbalanced({ cells, row, column }) {
      table.badRows.push({ rowNumber: row, cells, problem: 'unbalanced-quote', column });
    },
    undecodable({ cells, row, column, value }) {
      // Without its header the file cannot be read at all.
      if (parser.expectedCells === undefined) throw new CsvDecodeError(file, encoding, row, column, value);
      undecodable++;
      table.badRows.push({ rowNumber: row, cells, problem: 'bad-encoding', column, value });
    },
  });
  /** After each chunk (chunked): the rows read since the last step, then the store emptied for the next (see gathered). */
  const step = function* (): Generator<CsvTable> {
    if (!chunked) return;
    yield table;
    if (reading.gathered) return;
    table.rows.clear();
    table.rowNumbers = [];
  };
  if (encoding === 'utf-8') yield* readUtf8Lines(file, table, parser, guessed, onRead, step, reading, met);
  else if (reading.window) throw new Error('only a UTF-8 file is read in part');
  else yield* readDecoded(file, encoding, parser, onRead, step, reading.chunkBytes);
  parser.end();
  if (keep) keep.rows = met.count;
  // The last rows (chunked), or the whole table.
  yield table;
  // More rows that do not decode than rows that do: not a line pasted from elsewhere but a file in another
  // encoding (or read as one): refused whole, at its first such row, as a row-by-row list would hide that.
  if (undecodable > met.count) {
    const first = table.badRows.find((row) => row.problem === 'bad-encoding')!;
    throw new CsvDecodeError(file, encoding, first.rowNumber, first.column, first.value ?? '');
  }
}

/**
 * Feeds a line that does not decode (its bytes [start, end), its break up to `next`), read leniently, to be
 * reported with the cell where it stops decoding, as it reads: leniently (U+FFFD for what does not decode), or
 * in a Shift_JIS file, a cell that is UTF-8 (pasted from elsewhere; Shift_JIS text practically never is) as UTF-8.
 */
function feedUndecodable(parser: CsvParser, bytes: Buffer, start: number, end: number, next: number, encoding: TextEncodingName): void {
  const lenient = new TextDecoder(encoding, { ignoreBOM: true });
  const text = lenient.decode(bytes.subarray(start, next));
  const line = bytes.subarray(start, end);
  let at = undecodableAt(line, encoding);
  if (!at) {
    // It decodes, but it is UTF-8 Japanese in a Shift_JIS file (isUtf8Japanese): from its first byte that is not
    // ASCII (the characters before it are the same read either way).
    let ascii = 0;
    while (ascii < line.length && line[ascii]! < 0x80) ascii++;
    at = { chars: ascii, bytes: ascii };
  }
  let value: string;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') value = cellAround(text, at.chars);
  else {
    // A comma is a byte of its own in UTF-8 and Shift_JIS alike (never within a character).
    const cellStart = line.lastIndexOf(44, at.bytes - 1) + 1;
    const comma = line.indexOf(44, at.bytes);
    const cell = line.subarray(at.bytes === 0 ? 0 : cellStart, comma === -1 ? line.length : comma);
    value = encoding === 'shift_jis' && isUtf8(cell) ? cell.toString('utf8') : lenient.decode(cell);
  }
  parser.feed(text, { at: at.chars, value });
}

/** The cell of `text` (a line, read leniently) around its character `at`: from the comma before to the comma after. */
function cellAround(text: string, at: number): string {
  const start = at === 0 ? 0 : text.lastIndexOf(',', at - 1) + 1;
  const comma = text.indexOf(',', at);
  return text.slice(start, comma === -1 ? text.length : comma).replace(/[\r\n]+$/, '');
}

/**
 * What UTF-8 Japanese read as Shift_JIS shows when it decodes at all: its continuation bytes read as halfwidth
 * katakana or U+0080 (a lead byte with its first continuation byte makes a kanji; the next is one of those, or
 * a lead byte that ends in an error before a comma). Only a chunk that shows one is checked line by line.
 */
const UTF8_READ_AS_SHIFT_JIS = /[\u0080\uff61-\uff9f]/;

/**
 * Any encoding but UTF-8: decoded a chunk of whole lines at a time and parsed as text. A chunk that does not
 * decode, or (Shift_JIS) has a line that is UTF-8 Japanese, is taken line by line, each such line reported.
 */
async function* readDecoded(file: string, encoding: TextEncodingName, parser: CsvParser, onRead: ((bytes: number) => void) | undefined,
  step: () => Generator<CsvTable>, chunkBytes?: number): AsyncGenerator<CsvTable> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  const decode = (bytes: Buffer) => {
    try {
      return decoder.decode(bytes);
    } catch {
      return undefined;
    }
  };
  const foreign = (bytes: Buffer, start: number, end: number) => encoding === 'shift_jis' && isUtf8Japanese(bytes.subarray(start, end));
  const take = (bytes: Buffer) => {
    const text = decode(bytes);
    let whole = text !== undefined;
    if (whole && encoding === 'shift_jis' && UTF8_READ_AS_SHIFT_JIS.test(text!)) forEachLine(bytes, encoding, (start, end) => (whole &&= !foreign(bytes, start, end)));
    if (whole) {
      parser.feed(text!);
      return;
    }
    forEachLine(bytes, encoding, (start, end, next) => {
      const line = foreign(bytes, start, end) ? undefined : decode(bytes.subarray(start, next));
      if (line === undefined) feedUndecodable(parser, bytes, start, end, next, encoding);
      else parser.feed(line);
    });
  };
  let carry: Buffer | undefined;
  let first = true;
  let read = 0;
  for await (const chunk of readFileChunks(file, chunkBytes)) {
    onRead?.((read += chunk.length));
    let bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      first = false;
      if (encodingOfBom(bytes) === encoding) bytes = bytes.subarray(encoding === 'utf-8' ? 3 : 2);
    }
    // Whole lines now (a character is never cut in two); the rest waits for the next chunk, copied (the chunk's
    // buffer is read into again).
    const cut = lastLineCut(bytes, encoding);
    if (cut === -1) {
      carry = Buffer.from(bytes);
      continue;
    }
    carry = Buffer.from(bytes.subarray(cut));
    take(bytes.subarray(0, cut));
    yield* step();
  }
  if (carry && carry.length > 0) take(carry);
}

/**
 * UTF-8: read as bytes. A line without a quote (nearly every line of an HR export) is split at its commas and
 * each cell found by its bytes among the table's texts, so no string is made for a cell already seen; the header,
 * and any line with a quote (until the parser is done with the record), go through the text parser, which
 * keeps counting rows. A chunk that is not all UTF-8 is checked line by line, and a line that is not, reported.
 */
async function* readUtf8Lines(file: string, table: CsvTable, parser: CsvParser, guessed: boolean, onRead: ((bytes: number) => void) | undefined,
  step: () => Generator<CsvTable>, { only, keep, window, chunkBytes }: Reading, met: RowsMet): AsyncGenerator<CsvTable> {
  let carry: Buffer | undefined;
  let first = true;
  let read = 0;
  let numbers = new Int32Array(64);
  // The table's store (emptied after each step of a chunked reading, or another given: see Reading's gathered).
  let rows = table.rows;
  /** With `only`, once the header is read: 1 for each column whose cells are read. */
  let wanted: Uint8Array | undefined;
  /** The number of the empty text in `rows`, which the cells passed over are (-1: not yet in this store). */
  let passed = -1;
  // Found by its (no) bytes, as the byte reader finds every text: not by `intern`, which would first bring the
  // store's map of strings up to date with every text the byte reader added.
  const emptyText = () => rows.internBytes(NO_BYTES, 0, 0, FNV_OFFSET);
  const wantedColumns = (only: NonNullable<Reading['only']>) => {
    const columns = only(table);
    const marks = new Uint8Array(table.header.length).fill(columns ? 0 : 1);
    for (const column of columns ?? []) marks[column] = 1;
    return marks;
  };

  /** One line of bytes, [start, end) without its line break, as a row. */
  const plainLine = (bytes: Buffer, start: number, end: number) => {
    const row = ++parser.row;
    let count = 0;
    let cellStart = start;
    let blank = true;
    // A row not to be kept: only whether it is one (not blank, the header's number of cells) is read.
    if (keep !== undefined && !keep.keep(met.count)) {
      const cells = cellsIfNotBlank(bytes, start, end);
      if (cells === 0) return; // blank line
      if (cells !== table.header.length) table.badRows.push({ rowNumber: row, cells: bytes.toString('utf8', start, end).split(','), problem: 'ragged-row', column: 1 });
      else met.count++;
      return;
    }
    if (only && !wanted) wanted = wantedColumns(only);
    // Cell by cell: the bytes up to the next comma hashed as they are passed (a line has no quote here).
    for (let i = start; ; i++) {
      if (count === numbers.length) {
        const grown = new Int32Array(count * 2);
        grown.set(numbers);
        numbers = grown;
      }
      if (wanted && wanted[count] !== 1) {
        // A cell not wanted: only where it ends, and (while every cell so far is) whether it is blank.
        let comma = bytes.indexOf(44, i);
        if (comma === -1 || comma > end) comma = end;
        if (blank) blank = isBlankUtf8(bytes, i, comma);
        if (passed === -1) passed = emptyText();
        numbers[count++] = passed;
        i = comma;
      } else {
        let hash = FNV_OFFSET;
        for (let byte = 0; i < end && (byte = bytes[i]!) !== 44; i++) hash = Math.imul(hash ^ byte, FNV_PRIME);
        const number = rows.internBytes(bytes, cellStart, i, hash);
        if (blank && !rows.isBlank(number)) blank = false;
        numbers[count++] = number;
      }
      if (i >= end) break;
      cellStart = i + 1;
    }
    if (blank) return; // blank line, e.g. Excel's trailing one
    if (count !== table.header.length) {
      table.badRows.push({ rowNumber: row, cells: bytes.toString('utf8', start, end).split(','), problem: 'ragged-row', column: 1 });
      return;
    }
    met.count++;
    rows.pushNumbers(numbers, count);
    table.rowNumbers.push(row);
  };

  /** A quoted cell's text with each `""` made one `"`: its bytes, copied here. */
  let unescaped = Buffer.allocUnsafe(256);

  /**
   * A record with quotes, read from its bytes as the text parser would read it — quoted cells (`""` a quote inside,
   * line breaks kept) and plain ones — when it is what HR exports hold: each quote opens a cell and closes it just
   * before a comma or the record's end, within these bytes (`bytes`, every line UTF-8) and MAX_QUOTED_BYTES, and the
   * record has the header's number of cells. Returns where the record's line break is (so the lines it spans are
   * not read again), or -1 for anything else — a quote inside a plain cell, a character after a closing quote, a
   * quote still open at the end of the bytes, a record of too few or too many cells — which the text parser then
   * reads from the same line, to say what is wrong exactly as it does (it is never read twice: nothing is kept).
   */
  const quotedRecord = (bytes: Buffer, start: number): number => {
    const end = bytes.length;
    const width = table.header.length;
    if (numbers.length < width) numbers = new Int32Array(width);
    let count = 0;
    let blank = true;
    let i = start;
    // A row not to be kept: its cells are looked at only for whether the record is blank (see plainLine).
    const dropped = keep !== undefined && !keep.keep(met.count);
    if (only && !wanted) wanted = wantedColumns(only);
    for (;;) {
      if (count === width) return -1; // a cell too many
      // A cell not wanted (see plainLine), or of a row not kept: only where it ends and whether it is blank.
      const passedOver = dropped || (wanted !== undefined && wanted[count] !== 1);
      let number = -1;
      if (i < end && bytes[i] === 34) {
        // Up to the closing quote; `""` is a quote inside.
        let close = i + 1;
        let escaped = false;
        for (;;) {
          close = bytes.indexOf(34, close);
          if (close === -1 || close - i > MAX_QUOTED_BYTES) return -1;
          if (bytes[close + 1] !== 34) break;
          escaped = true;
          close += 2;
        }
        let hash = FNV_OFFSET;
        // Its bytes as written (a `""` in them is not blank, as the quote it reads as is not).
        if (passedOver) blank &&= isBlankUtf8(bytes, i + 1, close);
        else if (escaped) {
          if (unescaped.length < close - i) unescaped = Buffer.allocUnsafe(2 * (close - i));
          let length = 0;
          for (let j = i + 1; j < close; j++) {
            const byte = bytes[j]!;
            if (byte === 34) j++; // the first of "" is dropped, the second kept
            unescaped[length++] = byte;
            hash = Math.imul(hash ^ byte, FNV_PRIME);
          }
          number = rows.internBytes(unescaped, 0, length, hash);
        } else {
          for (let j = i + 1; j < close; j++) hash = Math.imul(hash ^ bytes[j]!, FNV_PRIME);
          number = rows.internBytes(bytes, i + 1, close, hash);
        }
        i = close + 1;
        const after = bytes[i];
        if (i < end && after !== 44 && after !== 10 && after !== 13) return -1; // a character after the closing quote
      } else {
        const cellStart = i;
        let hash = FNV_OFFSET;
        for (let byte = 0; i < end && (byte = bytes[i]!) !== 44 && byte !== 10 && byte !== 13; i++) {
          if (byte === 34) return -1; // a quote inside a plain cell
          hash = Math.imul(hash ^ byte, FNV_PRIME);
        }
        if (passedOver) blank &&= isBlankUtf8(bytes, cellStart, i);
        else number = rows.internBytes(bytes, cellStart, i, hash);
      }
      if (passedOver && !dropped) number = passed === -1 ? (passed = emptyText()) : passed;
      else if (!dropped && blank && !rows.isBlank(number)) blank = false;
      numbers[count++] = number;
      if (i < end && bytes[i] === 44) {
        i++;
        continue;
      }
      break; // the record's line break, or the end of the bytes (the file's last line)
    }
    if (count !== width) return -1; // a cell too few
    const row = ++parser.row;
    if (blank) return i;
    met.count++;
    if (!dropped) {
      rows.pushNumbers(numbers, count);
      table.rowNumbers.push(row);
    }
    return i;
  };

  /**
   * A line that is not UTF-8. In a file guessed UTF-8, the first decides: is the file Shift_JIS after all (the line
   * is, and so is what follows)? A line that is neither is damage, reported as UTF-8's.
   */
  const notUtf8 = (bytes: Buffer, start: number, end: number, next: number) => {
    if (guessed) {
      guessed = false;
      if (!undecodableAt(bytes.subarray(start, end), 'shift_jis') && detectEncoding(bytes.subarray(start)).encoding === 'shift_jis') throw new ReadAgainAs('shift_jis');
    }
    feedUndecodable(parser, bytes, start, end, next, 'utf-8');
  };

  /** Whole lines; `checked`: each is known to be UTF-8, else each is checked. */
  const scan = (bytes: Buffer, checked: boolean) => {
    let quoteAt = bytes.indexOf(34);
    /** The lines before it are a record's read with its first (a quoted cell spanning lines). */
    let readUpTo = 0;
    forEachLine(bytes, 'utf-8', (start, end, next) => {
      if (start < readUpTo) return;
      if (!checked && !isUtf8(bytes.subarray(start, next))) return notUtf8(bytes, start, end, next);
      if (quoteAt !== -1 && quoteAt < start) quoteAt = bytes.indexOf(34, start);
      const quoted = quoteAt !== -1 && quoteAt < end;
      if (parser.expectedCells === undefined || parser.pending) parser.feed(bytes.toString('utf8', start, next));
      else if (!quoted) plainLine(bytes, start, end);
      else {
        // Read from its bytes when every line of the chunk is UTF-8 (a spanned line is then too); else as text.
        const breakAt = checked ? quotedRecord(bytes, start) : -1;
        if (breakAt === -1) parser.feed(bytes.toString('utf8', start, next));
        else readUpTo = breakAt + 1;
      }
    });
  };

  /** Read in part: the header's bytes, read as chunks of their own (whole lines), still to come. */
  let headerLeft = window?.headerEnd ?? 0;
  for await (const chunk of readFileChunks(file, chunkBytes, window)) {
    // Past the header, the rows are numbered from where the part starts.
    if (window && headerLeft === 0 && parser.expectedCells !== undefined) {
      parser.row = window.row;
      headerLeft = -1;
    }
    if (headerLeft > 0) headerLeft -= chunk.length;
    onRead?.((read += chunk.length));
    let bytes = chunk;
    if (carry) {
      // The line the last chunk ended in, finished by this one's first LF, is read alone: the chunk is not copied
      // whole to follow it. (Up to an LF, which never halves a CRLF. No LF: the chunk is added to it.)
      const lf = bytes.indexOf(10);
      if (lf === -1) bytes = Buffer.concat([carry, bytes]);
      else {
        const head = Buffer.concat([carry, bytes.subarray(0, lf + 1)]);
        scan(head, isUtf8(head));
        bytes = bytes.subarray(lf + 1);
      }
      carry = undefined;
    }
    if (first) {
      first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    // Whole lines now; the rest waits for the next chunk (a character cut in two at the chunk's end with it), copied:
    // the chunk's buffer is read into again.
    const cut = lastLineCut(bytes, 'utf-8');
    if (cut === -1) {
      carry = Buffer.from(bytes);
      continue;
    }
    carry = Buffer.from(bytes.subarray(cut));
    const whole = bytes.subarray(0, cut);
    scan(whole, isUtf8(whole));
    yield* step();
    // Emptied for the next chunk, or another store: the empty text is to be found again.
    rows = table.rows;
    passed = -1;
  }
  if (carry && carry.length > 0) scan(carry, isUtf8(carry));
}

const NO_BYTES = Buffer.alloc(0);

/**
 * A quoted cell longer than this, in bytes, is left to the text parser, which says whether it is one (it allows
 * 2^20 characters: csvParser's MAX_QUOTED_CHARS; a character is one byte or more).
 */
const MAX_QUOTED_BYTES = 1 << 20;

/**
 * The cells of a line without a quote, `bytes[start, end)`, when it is not blank (0 when every cell is empty or
 * white space, as a reading of its cells would find: see isBlankCell), in one pass over its bytes.
 */
function cellsIfNotBlank(bytes: Buffer, start: number, end: number): number {
  let cells = 1;
  let blank = true;
  let cellStart = start;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte === 44) {
      cells++;
      cellStart = i + 1;
    } else if (blank && byte !== 32 && (byte < 9 || byte > 13)) {
      if (byte < 0x80) blank = false;
      else {
        // A character past ASCII: the cell is asked whole (a full-width space is blank), from its start.
        let comma = bytes.indexOf(44, i);
        if (comma === -1 || comma > end) comma = end;
        blank = isBlankUtf8(bytes, cellStart, comma);
        i = comma - 1;
      }
    }
  }
  return blank ? 0 : cells;
}

