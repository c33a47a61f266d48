import { isAscii, isUtf8 } from 'node:buffer';
import { paddedText, serialDateText, storedNumberText, type CellReading } from './excelNumberFormat.js';
import type { RowStore } from './rowStore.js';
import { columnLetters } from '../values/columnLetters.js';
import type { CellProblem, SheetTableBuilder } from './sheetTableBuilder.js';
import { decodeEntities, decodeExcelEscapes, TextCollector, XmlError, XmlScanner } from './xmlScanner.js';

/** A workbook part that cannot be read: bytes that are not UTF-8, or markup that is not XML. */
class SheetXmlError extends XmlError {}

/** Rows (their numbers) and columns (their letters) a sheet hides. */
export interface HiddenCells {
  rows: number[];
  columns: string[];
}

/** A cell's type (`t`): how its `<v>` reads. */
const enum CellType {
  Number,
  Shared,
  Inline,
  Formula,
  Boolean,
  Error,
  Date,
}

/** The sheet elements the reader acts on; every other element is passed over. */
const enum Element {
  Other,
  Row,
  Cell,
  Value,
  Formula,
  InlineString,
  Column,
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/**
 * Reads a worksheet part's XML as bytes, straight from the inflated chunks, and hands each row to the table
 * builder as the numbers of its cells' texts. A sheet has millions of tags: names and attributes are compared
 * as bytes, a shared string's index is read as digits, and no string is made for a cell whose text is already
 * known. Markup is ASCII, so only the text of a value is ever decoded from UTF-8. A cell cut between two chunks
 * is read again from its start with the next chunk.
 */
export class SheetReader {
  private tail: Buffer | undefined;
  private rowNumber = 0;
  private inRow = false;
  /** The row's cells as the numbers of their texts in the store; `count` cells filled, the others empty. */
  private cells = new Int32Array(64);
  private count = 0;
  private problems: CellProblem[] = [];
  // The cell being read.
  private column = 0;
  private cellType = CellType.Number;
  private cellStyle = 0;
  private inCell = false;
  private valueStart = -1;
  private valueEnd = -1;
  private formula = '';
  private inline: string | undefined;
  /** The element whose text is being gathered (a value, a formula, an inline string) and where its text starts. */
  private textOf = Element.Other;
  private textStart = 0;

  private readonly store: RowStore;
  private readonly empty: number;
  /** Each shared string's number in the store, once met (-1 before): most cells are shared strings. */
  private readonly sharedNumbers: Int32Array;
  /** Each stored number's text's number, per reading (a date's serial read once for every cell that repeats it). */
  private readonly numberTexts = new Map<CellReading | undefined, Map<string, number>>();

  constructor(
    private readonly builder: SheetTableBuilder,
    private readonly hidden: HiddenCells,
    private readonly strings: readonly string[],
    private readonly styles: readonly CellReading[],
    private readonly date1904: boolean,
  ) {
    this.store = builder.store;
    this.empty = this.store.intern('');
    this.sharedNumbers = new Int32Array(strings.length).fill(-1);
  }

  feed(chunk: Buffer): void {
    const buf = this.tail ? Buffer.concat([this.tail, chunk]) : chunk;
    this.tail = undefined;
    const carryFrom = this.scan(buf);
    if (carryFrom !== -1) {
      this.tail = Buffer.from(buf.subarray(carryFrom));
      // The cell is read again from its start: nothing of it is being gathered any more.
      this.textOf = Element.Other;
    }
  }

  /** The end of the part: a cell or a tag left open is a damaged sheet. */
  end(): void {
    if (this.tail && this.tail.toString('latin1').trim() !== '') throw new SheetXmlError('unclosed markup');
    if (this.inRow) this.endRow();
  }

  /** Reads the buffer's complete markup; returns where the rest starts (an open cell or a cut tag), or -1. */
  private scan(buf: Buffer): number {
    const n = buf.length;
    let i = 0;
    let cellAt = -1;
    for (;;) {
      const lt = buf.indexOf(LT, i);
      if (lt === -1) return cellAt;
      if (lt + 1 >= n) return cellAt !== -1 ? cellAt : lt;
      const second = buf[lt + 1]!;
      if (second === 0x21 /* ! */ || second === 0x3f /* ? */) {
        const after = skipSpecial(buf, lt);
        if (after === -1) return cellAt !== -1 ? cellAt : lt;
        i = after;
        continue;
      }
      const closing = second === SLASH;
      // A tag of one letter and no attributes (`<v>`, `<f>`) ends two bytes on; a closing tag at its first `>`.
      const gt = buf[lt + 2] === GT ? lt + 2 : closing ? buf.indexOf(GT, lt) : tagEnd(buf, lt);
      if (gt === -1) return cellAt !== -1 ? cellAt : lt;
      i = gt + 1;
      const element = elementOf(buf, closing ? lt + 2 : lt + 1, gt);
      // Within a value, a formula or an inline string only its own closing tag counts (an inline string holds
      // runs and phonetic guides of its own).
      if (this.textOf !== Element.Other && !(closing && element === this.textOf)) continue;
      if (closing) {
        switch (element) {
          case Element.Value:
            this.valueStart = this.textStart;
            this.valueEnd = lt;
            this.textOf = Element.Other;
            break;
          case Element.Formula:
            this.formula = formulaText(textOfBytes(buf, this.textStart, lt));
            this.textOf = Element.Other;
            break;
          case Element.InlineString:
            this.inline = inlineText(utf8Of(buf, this.textStart, lt));
            this.textOf = Element.Other;
            break;
          case Element.Cell:
            if (this.inCell) this.endCell(buf);
            cellAt = -1;
            break;
          case Element.Row:
            if (this.inRow) this.endRow();
            break;
        }
        continue;
      }
      const selfClosing = buf[gt - 1] === SLASH;
      switch (element) {
        case Element.Cell:
          cellAt = lt;
          this.openCell(buf, lt, gt);
          if (selfClosing) {
            this.endCell(buf);
            cellAt = -1;
          }
          break;
        case Element.Value:
          if (!this.inCell) break;
          if (selfClosing) {
            this.valueStart = this.valueEnd = gt;
          } else {
            this.textOf = Element.Value;
            this.textStart = gt + 1;
          }
          break;
        case Element.Formula:
          if (!this.inCell) break;
          // A shared formula's other cells hold only a reference to it: the formula is named by its cell.
          if (selfClosing) this.formula = '=…';
          else {
            this.textOf = Element.Formula;
            this.textStart = gt + 1;
          }
          break;
        case Element.InlineString:
          if (!this.inCell) break;
          if (selfClosing) this.inline = '';
          else {
            this.textOf = Element.InlineString;
            this.textStart = gt + 1;
          }
          break;
        case Element.Row:
          this.openRow(buf, lt, gt);
          if (selfClosing) this.endRow();
          break;
        case Element.Column:
          this.hiddenColumns(buf, lt, gt);
          break;
      }
    }
  }

  private openRow(buf: Buffer, lt: number, gt: number): void {
    if (this.inRow) this.endRow();
    const r = attributeStart(buf, lt, gt, 0x72 /* r */);
    this.rowNumber = r === -1 ? this.rowNumber + 1 : digitsValue(buf, r, gt);
    const hidden = attributeValue(buf, lt, gt, 'hidden');
    if (hidden === '1' || hidden === 'true') this.hidden.rows.push(this.rowNumber);
    this.count = 0;
    this.column = 0;
    if (this.problems.length > 0) this.problems = [];
    this.inRow = true;
  }

  /** A cell's `r`, `s` and `t`, read in one pass over its tag's bytes. */
  private openCell(buf: Buffer, lt: number, gt: number): void {
    let column = -1;
    let style = 0;
    let type = CellType.Number;
    for (let i = lt + 2; i < gt; i++) {
      if (buf[i] !== 0x3d /* = */) continue;
      const quote = buf[i + 1];
      const close = buf.indexOf(quote === APOSTROPHE ? APOSTROPHE : QUOTE, i + 2);
      if (close === -1 || close > gt) break;
      // A one-letter attribute without a prefix: the byte before its letter is a space.
      if (isSpace(buf[i - 2]!)) {
        const name = buf[i - 1];
        if (name === 0x72 /* r */) column = columnOfReference(buf, i + 2, close);
        else if (name === 0x73 /* s */) style = digitsValue(buf, i + 2, close);
        else if (name === 0x74 /* t */) type = cellTypeOf(buf, i + 2, close);
      }
      i = close;
    }
    this.column = column === -1 ? this.column + 1 : column;
    this.cellStyle = style;
    this.cellType = type;
    this.inCell = true;
    this.valueStart = -1;
    this.valueEnd = -1;
    this.formula = '';
    this.inline = undefined;
    this.textOf = Element.Other;
  }

  private hiddenColumns(buf: Buffer, lt: number, gt: number): void {
    const hidden = attributeValue(buf, lt, gt, 'hidden');
    if (hidden !== '1' && hidden !== 'true') return;
    const min = Number(attributeValue(buf, lt, gt, 'min'));
    const max = Math.min(Number(attributeValue(buf, lt, gt, 'max')), min + 1000);
    for (let c = min; c <= max && this.hidden.columns.length < 1000; c++) this.hidden.columns.push(columnLetters(c));
  }

  private endCell(buf: Buffer): void {
    this.inCell = false;
    this.textOf = Element.Other;
    const index = this.column - 1;
    if (index < 0 || index > 16_383) return;
    const number = this.cellNumber(buf, index);
    if (number === this.empty) return;
    if (index >= this.cells.length) {
      const grown = new Int32Array(Math.max(this.cells.length * 2, index + 1));
      grown.set(this.cells);
      this.cells = grown;
    }
    for (let i = this.count; i < index; i++) this.cells[i] = this.empty;
    this.cells[index] = number;
    if (index >= this.count) this.count = index + 1;
  }

  /** The number of the cell's text; that of '' with a problem noted when it holds no value a person wrote. */
  private cellNumber(buf: Buffer, index: number): number {
    const type = this.cellType;
    if (type === CellType.Inline) return this.inline === undefined ? this.empty : this.store.intern(this.inline);
    const start = this.valueStart;
    const end = this.valueEnd;
    // No value, or an empty one (`<v></v>`, as openpyxl writes a formula it cannot calculate).
    if (start === -1 || (this.formula !== '' && isBlankBytes(buf, start, end))) {
      if (this.formula !== '') this.problems.push({ problem: 'formula-without-value', column: index + 1, value: this.formula });
      return this.empty;
    }
    if (type === CellType.Shared) {
      const at = digitsValue(buf, start, end);
      if (at === -1 && isBlankBytes(buf, start, end)) return this.empty;
      let number = this.sharedNumbers[at];
      if (number === undefined || at === -1) throw new SheetXmlError('a shared string that is not there');
      if (number === -1) number = this.sharedNumbers[at] = this.store.intern(this.strings[at]!);
      return number;
    }
    const raw = textOfBytes(buf, start, end);
    if (type === CellType.Number) {
      const reading = this.styles[this.cellStyle];
      let texts = this.numberTexts.get(reading);
      if (!texts) this.numberTexts.set(reading, (texts = new Map<string, number>()));
      let number = texts.get(raw);
      if (number === undefined) {
        number = this.store.intern(this.numberText(raw, reading));
        texts.set(raw, number);
      }
      return number;
    }
    switch (type) {
      case CellType.Formula:
        return this.store.intern(raw);
      case CellType.Boolean:
        return this.store.intern(raw.trim() === '1' || raw.trim() === 'true' ? 'TRUE' : 'FALSE');
      case CellType.Error:
        this.problems.push({ problem: 'error-cell', column: index + 1, value: raw });
        return this.empty;
      default:
        // An ISO 8601 date (t="d", as some writers store dates): its day, at midnight only as a date-time text reads.
        return this.store.intern(raw.trim().replace(/T00:00(?::00(?:\.0+)?)?Z?$/, ''));
    }
  }

  /** A stored number as Excel shows it in the cell's format: a day, a month, zero-padded, or the number. */
  private numberText(raw: string, reading: CellReading | undefined): string {
    if (raw.trim() === '') return '';
    const number = Number(raw);
    if (!Number.isFinite(number)) return raw.trim();
    if (reading === undefined || reading.kind === 'number') return storedNumberText(raw, number);
    if (reading.kind === 'padded') return paddedText(number, reading.digits);
    return serialDateText(number, this.date1904, reading.kind);
  }

  private endRow(): void {
    this.inRow = false;
    this.builder.row(this.rowNumber, this.cells, this.count, this.problems);
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** The index after a comment, CDATA section or processing instruction at `lt`; -1 when cut. A DOCTYPE is refused. */
function skipSpecial(buf: Buffer, lt: number): number {
  if (buf[lt + 1] === 0x3f) {
    const end = buf.indexOf('?>', lt + 2, 'latin1');
    return end === -1 ? -1 : end + 2;
  }
  if (lt + 9 > buf.length) return -1;
  if (buf[lt + 2] === 0x2d && buf[lt + 3] === 0x2d) {
    const end = buf.indexOf('-->', lt + 4, 'latin1');
    return end === -1 ? -1 : end + 3;
  }
  if (buf.toString('latin1', lt, lt + 9) === '<![CDATA[') {
    const end = buf.indexOf(']]>', lt + 9, 'latin1');
    return end === -1 ? -1 : end + 3;
  }
  throw new SheetXmlError('a DOCTYPE or declaration');
}

/** The `>` closing the tag at `lt`, outside quoted attribute values; -1 when the tag is cut. */
function tagEnd(buf: Buffer, lt: number): number {
  const gt = buf.indexOf(GT, lt);
  if (gt === -1) return -1;
  let quotes = 0;
  let apostrophes = 0;
  for (let i = lt + 1; i < gt; i++) {
    const c = buf[i];
    if (c === QUOTE) quotes++;
    else if (c === APOSTROPHE) apostrophes++;
  }
  if (quotes % 2 === 0 && apostrophes === 0) return gt;
  let quote = 0;
  for (let i = lt + 1; i < buf.length; i++) {
    const c = buf[i]!;
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === QUOTE || c === APOSTROPHE) quote = c;
    else if (c === GT) return i;
  }
  return -1;
}

/** The element named from `start` (after `<` or `</`), without its namespace prefix. */
function elementOf(buf: Buffer, start: number, gt: number): Element {
  let stop = start;
  let from = start;
  while (stop < gt) {
    const c = buf[stop]!;
    if (isSpace(c) || c === SLASH) break;
    if (c === 0x3a /* : */) from = stop + 1;
    stop++;
  }
  const length = stop - from;
  const a = buf[from];
  if (length === 1) return a === 0x63 ? Element.Cell : a === 0x76 ? Element.Value : a === 0x66 ? Element.Formula : Element.Other;
  if (length === 2) return a === 0x69 && buf[from + 1] === 0x73 ? Element.InlineString : Element.Other;
  if (length === 3) {
    const b = buf[from + 1];
    const c = buf[from + 2];
    if (a === 0x72 && b === 0x6f && c === 0x77) return Element.Row;
    if (a === 0x63 && b === 0x6f && c === 0x6c) return Element.Column;
  }
  return Element.Other;
}

/** A cell's `t` as its type: s, str, inlineStr, b, e, d; n or anything else a number. */
function cellTypeOf(buf: Buffer, start: number, end: number): CellType {
  const length = end - start;
  const a = buf[start];
  if (length === 1) return a === 0x73 ? CellType.Shared : a === 0x62 ? CellType.Boolean :
    a === 0x65 ? CellType.Error : a === 0x64 ? CellType.Date : CellType.Number;
  if (length === 3 && a === 0x73) return CellType.Formula; // str
  if (length === 9 && a === 0x69) return CellType.Inline; // inlineStr
  return CellType.Number;
}

/** Where the value of the one-letter attribute `letter` starts in the tag (its first byte after the quote), or -1. */
function attributeStart(buf: Buffer, lt: number, gt: number, letter: number): number {
  for (let i = lt + 2; i < gt; i++) {
    if (buf[i] === 0x3d && buf[i - 1] === letter && isSpace(buf[i - 2]!)) return i + 2;
  }
  return -1;
}

/** A whole number written in digits from `start` up to a non-digit or `end`; -1 when there is none. */
function digitsValue(buf: Buffer, start: number, end: number): number {
  let value = 0;
  let i = start;
  while (i < end && isSpace(buf[i]!)) i++;
  const first = i;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x39) break;
    value = value * 10 + (c - 0x30);
  }
  return i === first ? -1 : value;
}

function isBlankBytes(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(buf[i]!)) return false;
  return true;
}

/** The column of the cell reference in bytes (`AB12` → 28). */
function columnOfReference(buf: Buffer, start: number, end: number): number {
  let column = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i]!;
    if (c >= 65 && c <= 90) column = column * 26 + (c - 64);
    else if (c >= 97 && c <= 122) column = column * 26 + (c - 96);
    else if (c !== 36 /* $ */) break;
  }
  return column;
}

/**
 * An attribute's value, for the tags read by name (rows, columns), or undefined: the name is looked for byte by
 * byte within the tag first, since most rows have no `hidden`.
 */
function attributeValue(buf: Buffer, lt: number, gt: number, name: string): string | undefined {
  const first = name.charCodeAt(0);
  for (let i = lt + 1; i < gt; i++) {
    if (buf[i] !== first || !isSpace(buf[i - 1]!)) continue;
    let j = 1;
    while (j < name.length && buf[i + j] === name.charCodeAt(j)) j++;
    if (j < name.length) continue;
    const match = ATTRIBUTE_VALUE.exec(buf.toString('latin1', i + j, gt));
    if (match) return match[1] ?? match[2];
  }
  return undefined;
}

const ATTRIBUTE_VALUE = /^\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** Bytes as UTF-8 text (not being UTF-8 is a damaged part). */
function utf8Of(buf: Buffer, start: number, end: number): string {
  // Most values are a few ASCII bytes (numbers): checked in place, without a view of them made for isAscii.
  if (end - start <= 32) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (buf[i]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return buf.toString('latin1', start, end);
  }
  const bytes = buf.subarray(start, end);
  if (isAscii(bytes)) return buf.toString('latin1', start, end);
  if (isUtf8(bytes)) return buf.toString('utf8', start, end);
  throw new SheetXmlError('not UTF-8');
}

/** The text of an element's content bytes: entities and CDATA read (a comment left out). */
function textOfBytes(buf: Buffer, start: number, end: number): string {
  const text = utf8Of(buf, start, end);
  if (text.includes('<')) return inlineText(`<t>${text}</t>`);
  return decodeExcelEscapes(text.includes('&') ? decodeEntities(text) : text);
}

/** An inline string's content (`<t>` elements, runs' `<t>`, without phonetic guides) as its text. */
function inlineText(xml: string): string {
  const text = new TextCollector();
  text.start();
  const scanner = new XmlScanner({
    get wantsText() {
      return text.collecting;
    },
    text: (raw, cdata) => text.add(raw, cdata),
    open(name, _text, _start, _end, selfClosing) {
      if (name === 'rPh') text.pause(selfClosing);
      else if (name === 't') text.resume();
    },
    close(name) {
      if (name === 't') text.suspend();
      else if (name === 'rPh') text.unpause();
    },
  });
  scanner.feed(xml);
  scanner.end();
  return text.finish();
}

/** A formula as it is written in Excel's bar. */
function formulaText(formula: string): string {
  return formula.startsWith('=') ? formula : `=${formula}`;
}
