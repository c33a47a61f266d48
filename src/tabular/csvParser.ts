/**
 * A streaming CSV parser (RFC 4180, comma-separated, `"` quotes; lines end at CRLF, LF or a lone CR, as Excel
 * for Mac's "CSV (Macintosh)" writes them, mixed as they come) that never lets one bad quote
 * swallow the rest of a file. A quoted cell may span lines; but a record whose quote does not close where a
 * cell can end — the cells then do not add up to the header's, a character follows the closing quote, the
 * file ends inside the quote, or the cell grows past any real cell's size — is reported as an unbalanced
 * quote at the row where the quote opened, and reading resumes on the line after that row, so no later
 * record vanishes into one cell. A record holding text that did not decode (fed as such) is reported instead
 * of read, with the cells before it.
 */
export interface CsvRecord {
  cells: string[];
  /** The record's row number as a spreadsheet counts records (the first record is row 1). */
  row: number;
}

export interface CsvRecordSink {
  record(record: CsvRecord): void;
  /** A record that could not be read: an unbalanced quote opened on `row`, in the cell at `column` (1-based). */
  unbalanced(record: CsvRecord & { column: number }): void;
  /**
   * A record with text that did not decode: `cells` are those before it, `column` (1-based) the cell where it
   * is, `value` what the reader said of it.
   */
  undecodable(record: CsvRecord & { column: number; value: string }): void;
}

/** Where a fed chunk holds text that did not decode (read leniently): its first such character, and how to show it. */
export interface Undecodable {
  at: number;
  value: string;
}

/** No real HR cell is this long: a quote still open past it has swallowed rows. */
const MAX_QUOTED_CHARS = 1 << 20;

export class CsvParser {
  private text = '';
  private pos = 0;
  /** Records read so far (a reader that reads plain lines itself counts them here too, so that rows keep their numbers). */
  row = 0;
  /** Cells each record should have (the header's), once known; a multi-line record that disagrees is suspect. */
  expectedCells: number | undefined;

  constructor(private readonly sink: CsvRecordSink) {}

  /** `undecodable`: the chunk is a line that did not decode, read leniently; its record is reported, not read. */
  feed(chunk: string, undecodable?: Undecodable): void {
    if (chunk === '') return;
    if (this.afterCr) {
      // The LF of a CRLF whose CR ended the last chunk: that line break is over.
      this.afterCr = false;
      if (chunk.charCodeAt(0) === 10) {
        chunk = chunk.slice(1);
        if (undecodable) undecodable = { ...undecodable, at: undecodable.at - 1 };
      }
    }
    const kept = this.text.length - this.pos;
    if (this.undecodable.length > 0) this.undecodable = this.undecodable.map((u) => ({ ...u, at: u.at - this.pos })).filter((u) => u.at >= 0);
    this.text = this.text.slice(this.pos) + chunk;
    this.pos = 0;
    if (undecodable) this.undecodable.push({ ...undecodable, at: kept + undecodable.at });
    this.quoteAt = this.lfAt = this.crAt = -1;
    this.parse(false);
  }

  /** Text fed but not yet parsed into records (a quoted cell still open, or a line without its end). */
  get pending(): boolean {
    return this.pos < this.text.length;
  }

  end(): void {
    this.parse(true);
    this.text = '';
    this.pos = 0;
  }

  /** Where the next quote, LF and CR are, at or after `pos` (Infinity: none in the text read so far); found once, not per line. */
  private quoteAt = -1;
  private lfAt = -1;
  private crAt = -1;
  /** The text read so far ended with a CR, which ended a line: an LF at the start of the next chunk is its CRLF's. */
  private afterCr = false;
  /** Characters that did not decode, in `text` (ascending): the records holding them are reported, not read. */
  private undecodable: Undecodable[] = [];

  /** The next line break (LF or CR) at or after `start`, or -1. */
  private lineEndFrom(start: number): number {
    if (this.lfAt < start) {
      const n = this.text.indexOf('\n', start);
      this.lfAt = n === -1 ? Number.POSITIVE_INFINITY : n;
    }
    if (this.crAt < start) {
      const n = this.text.indexOf('\r', start);
      this.crAt = n === -1 ? Number.POSITIVE_INFINITY : n;
    }
    const end = Math.min(this.lfAt, this.crAt);
    return end === Number.POSITIVE_INFINITY ? -1 : end;
  }

  /** Where the line after the break at `at` starts: CRLF is one break. */
  private afterBreak(at: number): number {
    if (this.text.charCodeAt(at) !== 13) return at + 1;
    if (at + 1 === this.text.length) {
      this.afterCr = true; // its LF, if it has one, comes with the next chunk
      return at + 1;
    }
    return this.text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
  }

  /**
   * The first character in [start, end) that did not decode, if any (one report per record: the others in it are
   * passed over). Those before `start` belonged to records already reported.
   */
  private undecodableIn(start: number, end: number): Undecodable | undefined {
    const list = this.undecodable;
    let i = 0;
    while (i < list.length && list[i]!.at < start) i++;
    const found = i < list.length && list[i]!.at < end ? list[i] : undefined;
    while (i < list.length && list[i]!.at < end) i++;
    if (i > 0) this.undecodable = list.slice(i);
    return found;
  }

  /** Reports the record [start, end) as not decoded when it holds such text; true if it did. */
  private reportedUndecodable(start: number, end: number): boolean {
    if (this.undecodable.length === 0) return false;
    const found = this.undecodableIn(start, end);
    if (!found) return false;
    const cells = completeCells(this.text.slice(start, found.at));
    this.sink.undecodable({ cells, row: this.row, column: cells.length + 1, value: found.value });
    return true;
  }

  /** Parses every complete record from `pos`; at the end of input, the last one too. */
  private parse(final: boolean): void {
    for (;;) {
      const start = this.pos;
      if (start >= this.text.length) return;
      if (this.quoteAt < start) {
        const q = this.text.indexOf('"', start);
        this.quoteAt = q === -1 ? Number.POSITIVE_INFINITY : q;
      }
      const lineEnd = this.lineEndFrom(start);
      // The common case: a line without quotes is one record.
      if (lineEnd !== -1 && this.quoteAt > lineEnd) {
        this.emitLine(start, lineEnd);
        continue;
      }
      if (lineEnd === -1 && !final) return; // wait for the rest of the line
      if (lineEnd === -1 && this.quoteAt === Number.POSITIVE_INFINITY) {
        this.emitLine(start, this.text.length);
        continue;
      }
      if (!this.parseQuoted(start, final)) return;
    }
  }

  /** The line [start, lineEnd) as a record; `lineEnd` is its break, or the end of the text. */
  private emitLine(start: number, lineEnd: number): void {
    const next = lineEnd < this.text.length ? this.afterBreak(lineEnd) : lineEnd;
    this.row++;
    this.pos = next;
    if (!this.reportedUndecodable(start, next)) this.sink.record({ cells: this.text.slice(start, lineEnd).split(','), row: this.row });
  }

  /**
   * Parses one record that has quotes, character by character. Returns false when more input is needed.
   * On an unbalanced quote, reports it and moves `pos` to the line after the row where the quote opened.
   */
  private parseQuoted(start: number, final: boolean): boolean {
    const text = this.text;
    const cells: string[] = [];
    let cell = '';
    let i = start;
    let spansLines = false;
    let malformed = false;
    let quoteColumn = 0;
    let quoteLineEnd = -1; // end of the line where the open quote started
    // The first quoted cell that spans lines: where a stray quote would have opened.
    let spanColumn = 0;
    let spanLineEnd = -1;
    for (;;) {
      if (i >= text.length) {
        if (!final) return false;
        cells.push(cell);
        break;
      }
      const c = text.charCodeAt(i);
      if (c === 34 /* " */ && cell === '' && (i === start || text.charCodeAt(i - 1) === 44)) {
        // A quoted cell: up to the closing quote ("" is a quote inside).
        quoteColumn = cells.length + 1;
        quoteLineEnd = lineBreakAt(text, i);
        let j = i + 1;
        let closed = false;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q === -1 || q - i > MAX_QUOTED_CHARS) {
            if (q === -1 && !final && text.length - i <= MAX_QUOTED_CHARS) return false;
            break; // never closed: unbalanced
          }
          if (q + 1 >= text.length && !final) return false; // is it "" ? wait for more
          if (text.charCodeAt(q + 1) === 34) {
            cell += text.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          cell += text.slice(j, q);
          j = q + 1;
          closed = true;
          break;
        }
        if (!closed) return this.unbalanced(start, quoteColumn, quoteLineEnd);
        if (!spansLines && (cell.includes('\n') || cell.includes('\r'))) [spansLines, spanColumn, spanLineEnd] = [true, quoteColumn, quoteLineEnd];
        i = j;
        const next = text.charCodeAt(i);
        if (i < text.length && next !== 44 && next !== 10 && next !== 13) malformed = true;
        continue;
      }
      if (c === 44 /* , */) {
        cells.push(cell);
        cell = '';
        i++;
        continue;
      }
      if (c === 10 /* \n */ || c === 13 /* \r */) {
        cells.push(cell);
        i = this.afterBreak(i);
        break;
      }
      cell += text[i];
      i++;
    }
    const suspect = spansLines && (malformed || (this.expectedCells !== undefined && cells.length !== this.expectedCells));
    if (suspect) return this.unbalanced(start, spanColumn, spanLineEnd);
    this.row++;
    this.pos = i;
    if (!this.reportedUndecodable(start, i)) this.sink.record({ cells, row: this.row });
    return true;
  }

  /** Reports the record as an unbalanced quote and resumes after the line where the quote opened. */
  private unbalanced(start: number, column: number, quoteLineEnd: number): boolean {
    this.row++;
    // The row's cells as its line has them (the id among them still says whose row it was).
    const line = this.text.slice(start, quoteLineEnd === -1 ? this.text.length : quoteLineEnd);
    this.pos = quoteLineEnd === -1 ? this.text.length : this.afterBreak(quoteLineEnd);
    // Text that did not decode is the first thing wrong with the line (a quote may be a byte of it).
    if (!this.reportedUndecodable(start, this.pos)) this.sink.unbalanced({ cells: line.split(','), row: this.row, column });
    return true;
  }
}

/** The first line break (LF or CR) at or after `from`, or -1: looked for character by character, within one line. */
function lineBreakAt(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/** The cells of the start of a record that end before its last comma (quotes read as the parser reads them). */
function completeCells(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') cell += c;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  return cells;
}
