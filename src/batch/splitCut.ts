import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CsvParser } from '../tabular/csvParser.js';
import type { FileWindow } from '../tabular/readFileChunks.js';

/**
 * Where a batch split in two cuts its HR tables (splitBatch.ts): at one candidate key, each table at its first
 * record with that key or a later one. Where records end is found from the bytes (a line break outside quotes), each
 * id read from the records it needs by the CSV reader's text parser. Only records written as HR exports write them
 * are followed — a quote opens a cell and closes it before a comma or the record's end, `""` inside, lines ended by
 * LF or CRLF — as the reader's fast path reads them (quotedRecord); anything else (a quote inside a plain cell, a
 * lone CR) gives no cut, and the batch is not split. A cut found is still checked by the two halves' readings
 * (they must meet at the same record of every table).
 */

/** What the scan reads at a time; a record longer than this gives no cut. */
const SCAN_BYTES = 4 << 20;

/** A table's file and the cell its candidate id is read from. */
export interface CutTable {
  file: string;
  /** The id cell's column. */
  idColumn: number;
  /** The candidate key of an id cell's text (as the join reads it: trimmed, joinKey), '' for none. */
  keyOf(cell: string): string;
}

/**
 * The cells of the record at `bytes[start, end)` (its line break excluded), as the CSV reader's text parser reads
 * them; undefined if they are not one record.
 */
function cellsOf(bytes: Buffer, start: number, end: number): string[] | undefined {
  let cells: string[] | undefined;
  let records = 0;
  const parser = new CsvParser({
    record: (record) => {
      records++;
      cells = record.cells;
    },
    unbalanced: () => void (records = 2),
    undecodable: () => void (records = 2),
  });
  parser.feed(bytes.toString('utf8', start, end));
  parser.end();
  return records === 1 ? cells : undefined;
}

/**
 * Each record of a file, in order, from byte `from` (a record's start; `rowsBefore` records before it, the header
 * the first): `visit(bytes, start, end, at, row, next)` with the record's bytes [start, end) (line break excluded),
 * the file's byte it starts at, its number and the byte the next starts at; a visit returning true stops the scan.
 * Returns the byte the last visited record starts at, the file's size if every record was visited, or undefined
 * where the file is not as HR exports write it (see above).
 */
function scanRecords(file: string, from: number, rowsBefore: number,
  visit: (bytes: Buffer, start: number, end: number, at: number, row: number, next: number) => boolean): number | undefined {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(SCAN_BYTES);
    let base = from;
    let row = rowsBefore;
    while (base < size) {
      const n = readSync(fd, buffer, 0, Math.min(SCAN_BYTES, size - base), base);
      if (n === 0) return undefined;
      const bytes = buffer.subarray(0, n);
      const last = base + n >= size;
      let pos = 0;
      let quote = bytes.indexOf(34);
      let cr = bytes.indexOf(13);
      for (;;) {
        if (pos >= n) break;
        // The record starting at pos: its end is the first line break outside quotes.
        let at = pos;
        let end = -1;
        for (;;) {
          let lf = bytes.indexOf(10, at);
          if (lf === -1) lf = last ? n : -1;
          if (lf === -1) break;
          if (quote !== -1 && quote < at) quote = bytes.indexOf(34, at);
          if (quote === -1 || quote >= lf) {
            end = lf;
            break;
          }
          // A quote opens a cell only at its start; it closes before a comma or the line break.
          if (quote !== pos && bytes[quote - 1] !== 44) return undefined;
          let close = quote + 1;
          for (;;) {
            close = bytes.indexOf(34, close);
            if (close === -1 || bytes[close + 1] !== 34) break;
            close += 2;
          }
          if (close === -1) {
            if (last) return undefined;
            break;
          }
          const after = bytes[close + 1];
          if (close + 1 < n && after !== 44 && after !== 10 && after !== 13) return undefined;
          if (close + 1 >= n && !last) break;
          at = close + 1;
          quote = bytes.indexOf(34, at);
        }
        if (end === -1) break; // the record goes on in the next read
        // CRLF ends a line; a CR anywhere else outside quotes is not followed.
        if (cr !== -1 && cr < pos) cr = bytes.indexOf(13, pos);
        let lineEnd = end;
        if (end > pos && bytes[end - 1] === 13) lineEnd = end - 1;
        if (cr !== -1 && cr < lineEnd && !insideQuotes(bytes, pos, cr)) return undefined;
        row++;
        if (visit(bytes, pos, lineEnd, base + pos, row, base + Math.min(end + 1, n))) return base + pos;
        pos = end + 1;
      }
      if (pos === 0) return undefined; // a record longer than a read
      base += pos;
    }
    return size;
  } finally {
    closeSync(fd);
  }
}

/** Whether byte `at` of the record starting at `start` is inside a quoted cell (an odd number of quotes before it). */
function insideQuotes(bytes: Buffer, start: number, at: number): boolean {
  let quotes = 0;
  for (let q = bytes.indexOf(34, start); q !== -1 && q < at; q = bytes.indexOf(34, q + 1)) quotes++;
  return quotes % 2 === 1;
}

/**
 * A candidate key about `share` of the way through a table's file (the largest, to cut the work in two): the id of
 * the first plain line (no quote, the header's number of cells, an id) after that byte. A line inside a quoted cell
 * could pass for one; the key is then only a worse cut, not a wrong one. Undefined when none is found near there.
 */
export function keyNear(table: CutTable, cells: number, share: number): string | undefined {
  const fd = openSync(table.file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(1 << 16);
    const n = readSync(fd, buffer, 0, buffer.length, Math.floor(size * share));
    const bytes = buffer.subarray(0, n);
    for (let lf = bytes.indexOf(10); lf !== -1; ) {
      const start = lf + 1;
      lf = bytes.indexOf(10, start);
      if (lf === -1) break;
      const end = bytes[lf - 1] === 13 ? lf - 1 : lf;
      const line = bytes.subarray(start, end);
      if (line.includes(34)) continue;
      const record = cellsOf(bytes, start, end);
      if (record?.length !== cells) continue;
      const key = table.keyOf(record[table.idColumn] ?? '');
      if (key !== '') return key;
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * A table's part from its first record whose key `atOrPast` says is at or past the cut (FileWindow: an empty part
 * at the file's end when none is), or undefined when its file is not as HR exports write it. Keys are read sparsely
 * (a record every 256 KB) until one is past the cut, then record by record from the last one read before it.
 */
export function windowFrom(table: CutTable, atOrPast: (key: string) => boolean): FileWindow | undefined {
  let headerEnd = -1;
  /** The last record read sparsely that is before the cut (its byte and number), and the byte to read the next at. */
  let before = { at: 0, rowsBefore: 1 };
  let nextRead = 0;
  const isPast = (bytes: Buffer, start: number, end: number): boolean => {
    const key = table.keyOf(cellsOf(bytes, start, end)?.[table.idColumn] ?? '');
    return key !== '' && atOrPast(key);
  };
  const sparse = scanRecords(table.file, 0, 0, (bytes, start, end, at, row, next) => {
    if (row === 1) {
      headerEnd = next;
      before = { at: next, rowsBefore: 1 };
      nextRead = next;
      return false;
    }
    if (at < nextRead) return false;
    nextRead = at + (1 << 18);
    if (isPast(bytes, start, end)) return true;
    before = { at, rowsBefore: row - 1 };
    return false;
  });
  if (sparse === undefined || headerEnd === -1) return undefined;
  // Record by record from the last one known to be before the cut (or the first after the header).
  let found: FileWindow | undefined;
  let rows = before.rowsBefore;
  const end = scanRecords(table.file, before.at, before.rowsBefore, (bytes, start, recordEnd, at, row) => {
    rows = row;
    if (!isPast(bytes, start, recordEnd)) return false;
    found = { headerEnd, from: at, row: row - 1 };
    return true;
  });
  if (end === undefined) return undefined;
  return found ?? { headerEnd, from: end, row: rows };
}
