import { createReadStream } from 'node:fs';
import { CsvParser } from './csvParser.js';
import { detectEncoding, encodingOfBom, streamDecoder, type TextEncodingName } from './decodeText.js';
import { RowStore } from './rowStore.js';

/** A row that could not be read: its number, its cells as far as they could be told apart, and why. */
export interface BadRow {
  rowNumber: number;
  cells: string[];
  problem: 'ragged-row' | 'unbalanced-quote';
  /** The cell where the quote opened (unbalanced quotes). */
  column: number;
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
  /** Each row's join key (its candidate id), taken as the row is read, when the reader was told how. */
  keys: string[];
}

/** Called with the table once its header is read; returns how to take each row's key, if the table is bound. */
export type HeaderHook = (table: CsvTable) => ((cells: string[]) => string) | undefined;

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
  const table: CsvTable = { file, encoding, header: [], rows: new RowStore(), rowNumbers: [], badRows: [], keys: [] };
  let headerRead = false;
  let keyOf: ((cells: string[]) => string) | undefined;
  const parser = new CsvParser({
    record({ cells, row }) {
      if (!headerRead) {
        headerRead = true;
        table.header = cells.map((h) => h.replace(/^\uFEFF/, '').trim());
        parser.expectedCells = table.header.length;
        keyOf = onHeader?.(table);
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
      // The join key now, while the cells are at hand: joining then reads no row back.
      if (keyOf) table.keys.push(table.rows.shared(keyOf(cells)));
    },
    unbalanced({ cells, row, column }) {
      table.badRows.push({ rowNumber: row, cells, problem: 'unbalanced-quote', column });
    },
  });
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
  parser.end();
  return table;
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
