import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { CsvParser } from './csvParser.js';
import { detectEncoding, encodingOfBom, streamDecoder, type TextEncodingName } from './decodeText.js';
import { FNV_OFFSET, FNV_PRIME, RowStore } from './rowStore.js';

/** A row that could not be read: its number, its cells as far as they could be told apart, and why. */
export interface BadRow {
  rowNumber: number;
  cells: string[];
  /**
   * CSV: ragged, or a quote left open. Workbooks: a cell holding an error (`#N/A`), a formula without a cached
   * value, or a value under a blank header cell.
   */
  problem: 'ragged-row' | 'unbalanced-quote' | 'error-cell' | 'formula-without-value' | 'value-without-header';
  /** The cell where the quote opened (unbalanced quotes), or the unreadable cell's column. */
  column: number;
  /** A workbook's unreadable cell: what it holds, and its reference (`E5`). */
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
  /** Rows whose number of cells differs from the header's, or whose quote does not close: kept out of `rows`. */
  badRows: BadRow[];
}

/** Called with the table once its header is read (to tell which table it is and bind its columns). */
export type HeaderHook = (table: CsvTable) => void;

/** Text that is not valid in its encoding: where (line of the file), and which encoding it was read as. */
export class CsvDecodeError extends Error {
  constructor(
    readonly file: string,
    readonly encoding: TextEncodingName,
    readonly line: number,
  ) {
    super(`${file}:${line}: not valid ${encoding}`);
  }
}

/**
 * Reads a CSV file into rows. The encoding is the one given, or detected (BOM, then the first 64 KB); a file whose
 * first 64 KB are plain ASCII is read as UTF-8 and, should a later byte prove it Shift_JIS, read again so.
 */
export async function readCsv(file: string, encoding?: TextEncodingName, onHeader?: HeaderHook): Promise<CsvTable> {
  const detected = await detectFileEncoding(file);
  // A byte-order mark names its encoding beyond doubt: it wins over --encoding (a UTF-16 file among Shift_JIS ones).
  if (encoding && !(detected.certain && detected.bom)) return readCsvAs(file, encoding, onHeader);
  try {
    return await readCsvAs(file, detected.encoding, onHeader);
  } catch (error) {
    if (!(error instanceof CsvDecodeError) || detected.certain) throw error;
    return readCsvAs(file, 'shift_jis', onHeader);
  }
}

async function detectFileEncoding(file: string): Promise<ReturnType<typeof detectEncoding> & { bom: boolean }> {
  for await (const chunk of createReadStream(file, { start: 0, end: (1 << 16) - 1 })) return { ...detectEncoding(chunk as Buffer), bom: encodingOfBom(chunk as Buffer) !== undefined };
  return { encoding: 'utf-8', certain: true, bom: false }; // an empty file
}

async function readCsvAs(file: string, encoding: TextEncodingName, onHeader: HeaderHook | undefined): Promise<CsvTable> {
  const table: CsvTable = { file, encoding, header: [], rows: new RowStore(), rowNumbers: [], badRows: [] };
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
      table.rows.push(cells);
      table.rowNumbers.push(row);
    },
    unbalanced({ cells, row, column }) {
      table.badRows.push({ rowNumber: row, cells, problem: 'unbalanced-quote', column });
    },
  });
  if (encoding === 'utf-8') await readUtf8Lines(file, table, parser);
  else await readDecoded(file, encoding, parser);
  parser.end();
  return table;
}

/** Any encoding: decoded as a stream, every line parsed as text. */
async function readDecoded(file: string, encoding: TextEncodingName, parser: CsvParser): Promise<void> {
  const decoder = streamDecoder(encoding);
  let lines = 1; // lines decoded so far, to place a decoding error
  const decode = (bytes?: Buffer) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new CsvDecodeError(file, encoding, lines + (bytes ? linesBeforeBadByte(bytes, encoding) : 0));
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const text = decode(chunk as Buffer);
    lines += countLines(text);
    parser.feed(text);
  }
  parser.feed(decode());
}


/**
 * UTF-8: read as bytes. A line without a quote (nearly every line of an HR export) is split at its commas and
 * each cell found by its bytes among the table's texts, so no string is made for a cell already seen; the header,
 * and any line with a quote (until the parser is done with the record), go through the text parser, which
 * keeps counting rows.
 */
async function readUtf8Lines(file: string, table: CsvTable, parser: CsvParser): Promise<void> {
  let lines = 1; // lines read so far, to place a decoding error
  let carry: Buffer | undefined;
  let first = true;
  let numbers = new Int32Array(64);
  const { rows } = table;

  /** One line of bytes, [start, end) without its line break, as a row. */
  const plainLine = (bytes: Buffer, start: number, end: number) => {
    if (end > start && bytes[end - 1] === 13) end--;
    const row = ++parser.row;
    let count = 0;
    let cellStart = start;
    let blank = true;
    // Cell by cell: the bytes up to the next comma hashed as they are passed (a line has no quote here).
    for (let i = start; ; i++) {
      let hash = FNV_OFFSET;
      for (let byte = 0; i < end && (byte = bytes[i]!) !== 44; i++) hash = Math.imul(hash ^ byte, FNV_PRIME);
      if (count === numbers.length) {
        const grown = new Int32Array(count * 2);
        grown.set(numbers);
        numbers = grown;
      }
      const number = rows.internBytes(bytes, cellStart, i, hash);
      if (blank && !rows.isBlank(number)) blank = false;
      numbers[count++] = number;
      if (i >= end) break;
      cellStart = i + 1;
    }
    if (blank) return; // blank line, e.g. Excel's trailing one
    if (count !== table.header.length) {
      table.badRows.push({ rowNumber: row, cells: bytes.toString('utf8', start, end).split(','), problem: 'ragged-row', column: 1 });
      return;
    }
    rows.pushNumbers(numbers, count);
    table.rowNumbers.push(row);
  };

  const scan = (bytes: Buffer) => {
    let quoteAt = bytes.indexOf(34);
    for (let pos = 0; pos < bytes.length; ) {
      const newline = bytes.indexOf(10, pos);
      const lineEnd = newline === -1 ? bytes.length : newline;
      if (quoteAt !== -1 && quoteAt < pos) quoteAt = bytes.indexOf(34, pos);
      const quoted = quoteAt !== -1 && quoteAt < lineEnd;
      if (parser.expectedCells === undefined || parser.pending || quoted) parser.feed(bytes.toString('utf8', pos, newline === -1 ? bytes.length : newline + 1));
      else plainLine(bytes, pos, lineEnd);
      pos = lineEnd + 1;
    }
  };

  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    let bytes = carry ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    if (first) {
      first = false;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    }
    // Whole lines now; the rest waits for the next chunk (a character cut in two at the chunk's end with it).
    const last = bytes.lastIndexOf(10);
    if (last === -1) {
      carry = bytes;
      continue;
    }
    carry = bytes.subarray(last + 1);
    const whole = bytes.subarray(0, last + 1);
    if (!isUtf8(whole)) throw new CsvDecodeError(file, 'utf-8', lines + linesBeforeBadByte(whole, 'utf-8'));
    lines += countNewlines(whole);
    scan(whole);
  }
  if (carry && carry.length > 0) {
    if (!isUtf8(carry)) throw new CsvDecodeError(file, 'utf-8', lines + linesBeforeBadByte(carry, 'utf-8'));
    scan(carry);
  }
}

function countNewlines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Line breaks in a chunk before its first byte that does not decode (decoded again, leniently, to find it). */
function linesBeforeBadByte(bytes: Buffer, encoding: TextEncodingName): number {
  const lenient = new TextDecoder(encoding, { fatal: false }).decode(bytes, { stream: true });
  const bad = lenient.indexOf('\uFFFD');
  return countLines(bad === -1 ? lenient : lenient.slice(0, bad));
}
