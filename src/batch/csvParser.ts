/**
 * A streaming CSV parser (RFC 4180, comma-separated, `"` quotes, CRLF or LF) that never lets one bad quote
 * swallow the rest of a file. A quoted cell may span lines; but a record whose quote does not close where a
 * cell can end — the cells then do not add up to the header's, a character follows the closing quote, the
 * file ends inside the quote, or the cell grows past any real cell's size — is reported as an unbalanced
 * quote at the row where the quote opened, and reading resumes on the line after that row, so no later
 * record vanishes into one cell.
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

  feed(chunk: string): void {
    this.text = this.text.slice(this.pos) + chunk;
    this.pos = 0;
    this.quoteAt = -1;
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

  /** Where the next quote is, at or after `pos` (Infinity: none in the text read so far); found once, not per line. */
  private quoteAt = -1;

  /** Parses every complete record from `pos`; at the end of input, the last one too. */
  private parse(final: boolean): void {
    for (;;) {
      const start = this.pos;
      if (start >= this.text.length) return;
      if (this.quoteAt < start) {
        const q = this.text.indexOf('"', start);
        this.quoteAt = q === -1 ? Number.POSITIVE_INFINITY : q;
      }
      const lineEnd = this.text.indexOf('\n', start);
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

  private emitLine(start: number, lineEnd: number): void {
    const end = lineEnd > start && this.text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    this.row++;
    this.sink.record({ cells: this.text.slice(start, end).split(','), row: this.row });
    this.pos = lineEnd + 1;
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
        quoteLineEnd = text.indexOf('\n', i);
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
        if (!spansLines && cell.includes('\n')) [spansLines, spanColumn, spanLineEnd] = [true, quoteColumn, quoteLineEnd];
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
      if (c === 10 /* \n */) {
        cells.push(cell.endsWith('\r') ? cell.slice(0, -1) : cell);
        i++;
        break;
      }
      cell += text[i];
      i++;
    }
    const suspect = spansLines && (malformed || (this.expectedCells !== undefined && cells.length !== this.expectedCells));
    if (suspect) return this.unbalanced(start, spanColumn, spanLineEnd);
    this.row++;
    this.sink.record({ cells, row: this.row });
    this.pos = i;
    return true;
  }

  /** Reports the record as an unbalanced quote and resumes after the line where the quote opened. */
  private unbalanced(start: number, column: number, quoteLineEnd: number): boolean {
    this.row++;
    // The row's cells as its line has them (the id among them still says whose row it was).
    const line = this.text.slice(start, quoteLineEnd === -1 ? undefined : quoteLineEnd).replace(/\r$/, '');
    this.sink.unbalanced({ cells: line.split(','), row: this.row, column });
    this.pos = quoteLineEnd === -1 ? this.text.length : quoteLineEnd + 1;
    return true;
  }
}
