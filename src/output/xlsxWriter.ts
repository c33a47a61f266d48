import { columnLetters } from '../values/columnLetters.js';
import { displayWidth } from '../values/displayWidth.js';
import { DeflatedText, ZipWriter, type ByteSink } from './zipWriter.js';

/** A cell: text (always a string cell, never a formula, whatever it begins with), a number, or empty. */
export type Cell = string | number | null | undefined;

export interface Column {
  header: string;
  /** In Excel's units: characters of the default font's digits. */
  width: number;
  /** Sentences: wrapped. */
  wrap?: boolean;
  /** Levels: a number cell from 3 to 7 is filled with its level's colour (LEVEL_FILLS). */
  level?: boolean;
}

export interface XlsxWriterOptions {
  /** The name of a table's n-th sheet (n ≥ 2), once the sheets before it are full. */
  continuedName(name: string, n: number): string;
  /** Rows a sheet holds, its header row included: Excel's limit; a test gives a few. */
  maxRows?: number;
  /**
   * The workbook's custom document properties (docProps/custom.xml: Excel's ファイル > 情報 > プロパティ > 詳細プロパティ >
   * ユーザー設定), text each: facts about the whole file that no sheet's cell should hold. Excel and LibreOffice keep
   * them when they save the workbook again.
   */
  properties?: readonly { name: string; value: string }[];
}

/** Characters left out of the cells since they were last taken, and the columns (headers) they were in. */
export interface Stripped {
  characters: string[];
  columns: string[];
}

/** Excel's rows a sheet (1,048,576) and characters a cell (32,767). */
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_CHARS = 32_767;
const SHEET_NAME_CHARS = 31;

/**
 * The work a text needs before it is XML: escaping, characters XML 1.0 forbids (C0 controls but tab, LF and CR;
 * U+FFFE, U+FFFF; surrogates without their pair, which the `u` flag matches alone), a CR (an XML reader turns it
 * into LF), and a `_xHHHH_` that Excel would decode as an escaped character.
 */
const NEEDS_WORK = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_/u;
const NEEDS_WORK_ALL = new RegExp(NEEDS_WORK.source, 'gu');

/** Cell formats: the few every cell shares (cellXfs indexes in STYLES); a level's cell is LEVEL_STYLE + its level. */
const STYLE = { body: 1, wrapped: 2, header: 3, wrappedColumn: 4 } as const;

/** A fill per level, 3 to 7, light to dark (printed in black and white, still told apart); none for other cells. */
const LEVEL_FILLS = ['FFE2EFDA', 'FFC6E0B4', 'FFFFE699', 'FFF8CBAD', 'FFF4B084'] as const;
const FIRST_LEVEL = 3;
/** cellXfs index of level FIRST_LEVEL's format (after the five above), fill index of its fill (after the three). */
const LEVEL_STYLE = 5;
const LEVEL_FILL = 3;
const levelFills = LEVEL_FILLS.map((rgb) => `<fill><patternFill patternType="solid"><fgColor rgb="${rgb}"/><bgColor indexed="64"/></patternFill></fill>`).join('');
const levelXfs = LEVEL_FILLS.map((_, i) => `<xf numFmtId="0" fontId="0" fillId="${LEVEL_FILL + i}" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="top"/></xf>`).join('');
/** Points a line of the header row takes (11-point text). */
const LINE_HEIGHT = 15;
/**
 * A wide table's print scale, in percent: 11-point text at 7.7 points, still read with ease, and two or three
 * specialties' six columns a page beside the repeated ones (a page wide, 28 columns printed at 2.4 points).
 */
const WIDE_TABLE_SCALE = 70;

/** Lines a header may wrap to at most. */
const HEADER_LINES = 3;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="${3 + LEVEL_FILLS.length}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFF2F2F2"/><bgColor indexed="64"/></patternFill></fill>${levelFills}</fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${5 + LEVEL_FILLS.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>${levelXfs}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0"/></styleSheet>`;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const DOCUMENT = 'http://schemas.openxmlformats.org/officeDocument/2006';
const RELATIONSHIPS = `${DOCUMENT}/relationships`;
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** One sheet of a table: its XML deflated as rows come. */
interface Sheet {
  name: string;
  /** xl/worksheets/sheetN.xml: N in order of creation (the workbook lists sheets in table order). */
  part: number;
  rows: number;
  text: DeflatedText;
  /** A sheet kept aside until the end: its deflated chunks (the streamed table's are in the zip already). */
  chunks?: Buffer[];
}

interface Table {
  name: string;
  columns: readonly Column[];
  /** Per column, the bytes of a cell before its row number (`<c r="B`), and after it for each kind of cell (up to the value). */
  opens: Uint8Array[];
  empties: Uint8Array[];
  numbers: Uint8Array[];
  /** A level column's number cell by its value (3 to 7; others: `numbers`). */
  levels: (Uint8Array[] | undefined)[];
  strings: Uint8Array[];
  streamed: boolean;
  /** Printed at its size, these first columns repeated on every page across (a wide table); else a page wide. */
  repeatColumns: number;
  sheets: Sheet[];
}

/** Kinds of resolved cells. */
const EMPTY = 0;
const NUMBER = 1;
const STRING = 2;

/**
 * Cells of some of a table's columns, from `from` on, ready to be written: each empty, a number, or a shared
 * string (by its index). Resolved once, they are written in many rows (a candidate's id and name in each of their
 * criteria rows; a criterion's sentences in the rows of everyone short of it in the same way).
 */
export interface ResolvedCells {
  readonly from: number;
  readonly kinds: readonly number[];
  readonly values: readonly number[];
  /** The most bytes these cells take in a row. */
  readonly bytes: number;
  /** Characters left out of these cells: said again each time they are written. */
  readonly stripped?: Stripped;
}

const ascii = (text: string) => Buffer.from(text, 'latin1');
const ROW_OPEN = ascii('<row r="');
const ROW_OPENED = ascii('">');
const ROW_CLOSE = ascii('</row>');
const VALUE_CLOSE = ascii('</v></c>');
/** Bytes of a number at most: a row number or a shared string's index (digits), any other number as JavaScript writes it. */
const NUMBER_BYTES = 24;
/** A cell's bytes besides its column's fixed ones: its row number and its value. */
const CELL_BYTES = 2 * NUMBER_BYTES + VALUE_CLOSE.length;

/**
 * An XLSX workbook written as it comes (SpreadsheetML by hand, into a zip by hand): tables of rows, each a sheet
 * with a frozen, filtered header row and fixed column widths, continued on a new sheet when one is full. Cells
 * share a handful of formats (borders, wrapping, a bold header); text goes to the shared strings table, written
 * last; nothing is ever a formula. Shared rather than inline strings: at 100k candidates (420 MB of sheet XML as
 * indexes) they measured 7.2 s and 56 MB, inline strings (765 MB of XML) 8.3 s and 75 MB; their table is a Map of
 * the distinct texts (104k there, ids and names mostly), and a sheet's XML is ASCII, written as bytes.
 *
 * A zip entry must be contiguous, and rows of all the tables arrive interleaved: one table (the largest) is
 * streamed straight into the zip, the others are deflated as they come and kept, deflated, until `finish`.
 * Characters XML 1.0 forbids are left out of the cells, and said (`takeStripped`).
 */
export class XlsxWriter {
  private readonly zip: ZipWriter;
  private readonly tables: Table[] = [];
  private readonly maxRows: number;
  private parts = 0;
  /** The shared strings, by their index (a Map keeps insertion order: the order they are written in). */
  private readonly strings = new Map<string, number>();
  /** Shared strings that had characters left out, and which (a later cell with the same text is told too). */
  private readonly dirty = new Map<string, string[]>();
  private strippedCharacters = new Set<string>();
  private strippedColumns = new Set<string>();

  constructor(
    sink: ByteSink,
    private readonly options: XlsxWriterOptions,
  ) {
    this.zip = new ZipWriter(sink);
    this.maxRows = Math.min(EXCEL_MAX_ROWS, Math.max(2, options.maxRows ?? EXCEL_MAX_ROWS));
  }

  /**
   * A table and its first sheet (with the header row). `streamed`: its rows go straight into the zip (one table
   * at most: the one with the most rows); the others are held deflated until the end.
   */
  table(name: string, columns: readonly Column[], streamed = false, repeatColumns = 0): number {
    if (streamed && this.tables.some((t) => t.streamed)) throw new Error('one streamed table at most');
    const style = (c: Column) => (c.wrap ? STYLE.wrapped : STYLE.body);
    const table: Table = {
      name,
      columns,
      opens: columns.map((_, i) => ascii(`<c r="${columnLetters(i + 1)}`)),
      empties: columns.map((c) => ascii(`" s="${style(c)}"/>`)),
      numbers: columns.map((c) => ascii(`" s="${style(c)}"><v>`)),
      levels: columns.map((c) => (c.level ? LEVEL_FILLS.reduce<Uint8Array[]>((byLevel, _, i) => ((byLevel[FIRST_LEVEL + i] = ascii(`" s="${LEVEL_STYLE + i}"><v>`)), byLevel), []) : undefined)),
      strings: columns.map((c) => ascii(`" s="${style(c)}" t="s"><v>`)),
      streamed,
      repeatColumns,
      sheets: [],
    };
    this.tables.push(table);
    this.newSheet(table);
    return this.tables.length - 1;
  }

  /** A row of a table, on its last sheet, or on a new one when that is full. */
  addRow(tableIndex: number, cells: readonly Cell[]): void {
    this.addResolvedRow(tableIndex, [this.resolve(tableIndex, 0, cells)]);
  }

  /** Cells of a table's columns from `from` on, resolved to be written in one row or many (addResolvedRow). */
  resolve(tableIndex: number, from: number, cells: readonly Cell[]): ResolvedCells {
    const table = this.tables[tableIndex]!;
    const kinds: number[] = [];
    const values: number[] = [];
    let bytes = 0;
    let stripped: Stripped | undefined;
    for (let i = 0; i < cells.length; i++) {
      const column = from + i;
      const value = cells[i];
      bytes += table.opens[column]!.length + table.strings[column]!.length + CELL_BYTES;
      if (value === null || value === undefined || value === '') {
        kinds.push(EMPTY);
        values.push(0);
      } else if (typeof value === 'number' && Number.isFinite(value)) {
        kinds.push(NUMBER);
        values.push(value);
      } else {
        const text = String(value);
        kinds.push(STRING);
        values.push(this.sharedString(text));
        const characters = this.dirty.size > 0 ? this.dirty.get(text) : undefined;
        if (characters) {
          stripped ??= { characters: [], columns: [] };
          stripped.characters.push(...characters);
          stripped.columns.push(table.columns[column]!.header);
        }
      }
    }
    return stripped ? { from, kinds, values, bytes, stripped } : { from, kinds, values, bytes };
  }

  /** A row made of resolved cells (parts in column order), on the table's last sheet or a new one. */
  addResolvedRow(tableIndex: number, parts: readonly ResolvedCells[]): void {
    const table = this.tables[tableIndex]!;
    let sheet = table.sheets.at(-1)!;
    if (sheet.rows >= this.maxRows) {
      this.endSheet(table, sheet);
      sheet = this.newSheet(table);
    }
    const r = ++sheet.rows;
    const out = sheet.text;
    let bytes = ROW_OPEN.length + NUMBER_BYTES + ROW_OPENED.length + ROW_CLOSE.length;
    for (const part of parts) bytes += part.bytes;
    // The row's bytes written straight into the deflate buffer: no string is made for a row or a cell.
    out.reserve(bytes);
    const buffer = out.buffer;
    let at = copy(buffer, out.at, ROW_OPEN);
    const number = at;
    at = writeNumber(buffer, at, r);
    const digits = at - number;
    at = copy(buffer, at, ROW_OPENED);
    const { opens, empties, numbers, levels, strings } = table;
    for (const part of parts) {
      const { from, kinds, values } = part;
      for (let i = 0; i < kinds.length; i++) {
        const column = from + i;
        at = copy(buffer, at, opens[column]!);
        // The row number again, copied from the row's own.
        for (let k = 0; k < digits; k++) buffer[at++] = buffer[number + k]!;
        const kind = kinds[i];
        if (kind === EMPTY) at = copy(buffer, at, empties[column]!);
        else {
          // A level's cell coloured by its level: one more look-up, in level columns only.
          at = copy(buffer, at, kind === NUMBER ? (levels[column]?.[values[i]!] ?? numbers[column]!) : strings[column]!);
          at = writeNumber(buffer, at, values[i]!);
          at = copy(buffer, at, VALUE_CLOSE);
        }
      }
      if (part.stripped) {
        for (const c of part.stripped.characters) this.strippedCharacters.add(c);
        for (const c of part.stripped.columns) this.strippedColumns.add(c);
      }
    }
    out.at = copy(buffer, at, ROW_CLOSE);
  }

  /** The characters left out of cells since the last call (none: undefined), and their columns. */
  takeStripped(): Stripped | undefined {
    if (this.strippedCharacters.size === 0) return undefined;
    const stripped = { characters: [...this.strippedCharacters], columns: [...this.strippedColumns] };
    this.strippedCharacters = new Set();
    this.strippedColumns = new Set();
    return stripped;
  }

  /** Ends every sheet and writes the rest of the package: the workbook is complete in the sink. */
  finish(): void {
    for (const table of this.tables) this.endSheet(table, table.sheets.at(-1)!);
    for (const table of this.tables) for (const sheet of table.sheets) if (sheet.chunks) this.zip.addDeflated(sheetPart(sheet), sheet.chunks, sheet.text);
    this.writeSharedStrings();
    this.zip.addText('xl/styles.xml', STYLES);
    const sheets = this.tables.flatMap((table) => table.sheets.map((sheet) => ({ table, sheet })));
    const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
    // Per sheet, its filter's range (Excel's own record of it) and the header row printed on every page.
    const names = sheets.flatMap(({ table, sheet }, i) => [
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeText(`${quoted(sheet.name)}!$A$1:$${columnLetters(table.columns.length)}$${sheet.rows}`)}</definedName>`,
      `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeText(`${table.repeatColumns > 0 ? `${quoted(sheet.name)}!$A:$${columnLetters(table.repeatColumns)},` : ''}${quoted(sheet.name)}!$1:$1`)}</definedName>`,
    ]);
    this.zip.addText(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets
        .map(({ sheet }, i) => `<sheet name="${escapeAttribute(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets><definedNames>${names.join('')}</definedNames></workbook>`,
    );
    const rel = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="${RELATIONSHIPS}/${type}" Target="${target}"/>`;
    this.zip.addText(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${sheets.map(({ sheet }, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${sheet.part}.xml`)).join('')}${rel('rIdStyles', 'styles', 'styles.xml')}${rel('rIdStrings', 'sharedStrings', 'sharedStrings.xml')}</Relationships>`,
    );
    const properties = this.options.properties ?? [];
    if (properties.length > 0) {
      // The format's own identifier of user-defined properties; pids from 2 (0 and 1 are reserved).
      const property = (p: { name: string; value: string }, i: number) =>
        `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${escapeAttribute(p.name)}"><vt:lpwstr>${escapeText(p.value)}</vt:lpwstr></property>`;
      this.zip.addText('docProps/custom.xml', `${XML_HEAD}<Properties xmlns="${DOCUMENT}/custom-properties" xmlns:vt="${DOCUMENT}/docPropsVTypes">${properties.map(property).join('')}</Properties>`);
    }
    const customRel = properties.length > 0 ? rel('rId2', 'custom-properties', 'docProps/custom.xml') : '';
    this.zip.addText('_rels/.rels', `${XML_HEAD}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">${rel('rId1', 'officeDocument', 'xl/workbook.xml')}${customRel}</Relationships>`);
    const type = (part: string, kind: string) => `<Override PartName="/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${kind}+xml"/>`;
    const customType = properties.length > 0 ? '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' : '';
    this.zip.addText(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${type('xl/workbook.xml', 'sheet.main')}${sheets.map(({ sheet }) => type(sheetPart(sheet), 'worksheet')).join('')}${type('xl/styles.xml', 'styles')}${type('xl/sharedStrings.xml', 'sharedStrings')}${customType}</Types>`,
    );
    this.zip.finish();
  }

  private newSheet(table: Table): Sheet {
    const n = table.sheets.length + 1;
    const part = ++this.parts;
    let text: DeflatedText;
    let chunks: Buffer[] | undefined;
    if (table.streamed) text = this.zip.beginEntry(`xl/worksheets/sheet${part}.xml`);
    else {
      const kept: Buffer[] = (chunks = []);
      text = new DeflatedText((compressed) => kept.push(compressed));
    }
    const sheet: Sheet = { name: this.sheetName(table.name, n), part, rows: 1, text, ...(chunks ? { chunks } : {}) };
    table.sheets.push(sheet);
    const first = this.tables[0] === table && n === 1;
    const cols = table.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.wrap ? ` style="${STYLE.wrappedColumn}"` : ''}/>`).join('');
    // Printed A4 landscape, a page wide and as many long as it takes; the header frozen on screen.
    text.write(
      `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">${table.repeatColumns > 0 ? '' : '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'}<sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><cols>${cols}</cols><sheetData>`,
    );
    // The header row as tall as its most wrapped header (Excel does not fit a row's height to wrapped text itself),
    // each header broken between its words (a spreadsheet would break Japanese anywhere: 運用管理 レ|ベル).
    const wrapped = table.columns.map((c) => headerText(c.header, c.width));
    const lines = Math.max(1, ...wrapped.map((text) => Math.min(HEADER_LINES, text.split('\n').length)));
    let header = lines > 1 ? `<row r="1" ht="${lines * LINE_HEIGHT}" customHeight="1">` : '<row r="1">';
    wrapped.forEach((text, i) => {
      header += `<c r="${columnLetters(i + 1)}1" s="${STYLE.header}" t="s"><v>${this.sharedString(text)}</v></c>`;
    });
    text.write(`${header}</row>`);
    return sheet;
  }

  private endSheet(table: Table, sheet: Sheet): void {
    sheet.text.write(
      `</sheetData><autoFilter ref="A1:${columnLetters(table.columns.length)}${sheet.rows}"/><pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9"${table.repeatColumns > 0 ? ` scale="${WIDE_TABLE_SCALE}"` : ''} orientation="landscape"${table.repeatColumns > 0 ? '' : ' fitToWidth="1" fitToHeight="0"'}/></worksheet>`,
    );
    if (table.streamed) this.zip.endEntry();
    else sheet.text.end();
  }

  /** `name`, or for a later sheet `name (n)`, within Excel's 31 characters (the base is shortened, never the number). */
  private sheetName(name: string, n: number): string {
    if (n === 1) return name.slice(0, SHEET_NAME_CHARS);
    const full = this.options.continuedName(name, n);
    const over = full.length - SHEET_NAME_CHARS;
    return over > 0 ? this.options.continuedName(name.slice(0, name.length - over), n) : full;
  }

  /** The index of a text in the shared strings; one with characters XML forbids is noted in `dirty`. */
  private sharedString(text: string): number {
    let index = this.strings.get(text);
    if (index === undefined) {
      index = this.strings.size;
      this.strings.set(text, index);
      if (NEEDS_WORK.test(text)) {
        const characters = forbiddenCharacters(text);
        if (characters.length > 0) this.dirty.set(text, characters);
      }
    }
    return index;
  }

  private writeSharedStrings(): void {
    const text = this.zip.beginEntry('xl/sharedStrings.xml');
    text.write(`${XML_HEAD}<sst xmlns="${MAIN}" uniqueCount="${this.strings.size}">`);
    for (const s of this.strings.keys()) {
      const cut = s.length > EXCEL_MAX_CHARS ? cutAt(s, EXCEL_MAX_CHARS) : s;
      // Leading or trailing spaces and line breaks are kept only when the element says so.
      const preserve = isSpace(cut.charCodeAt(0)) || isSpace(cut.charCodeAt(cut.length - 1));
      text.write(`<si><t${preserve ? ' xml:space="preserve"' : ''}>${escapeText(cut)}</t></si>`);
    }
    text.write('</sst>');
    this.zip.endEntry();
  }
}

/** Copies a few bytes (a loop: for so few, faster than a call into the runtime). */
function copy(buffer: Buffer, at: number, bytes: Uint8Array): number {
  for (let k = 0; k < bytes.length; k++) buffer[at++] = bytes[k]!;
  return at;
}

/** A number as ASCII bytes: a non-negative integer digit by digit, any other as JavaScript writes it. */
function writeNumber(buffer: Buffer, at: number, n: number): number {
  if (n >= 0 && n <= 0xffffffff && n === (n >>> 0)) {
    let digits = 1;
    for (let m = n; m >= 10; m = (m / 10) >>> 0) digits++;
    for (let k = at + digits - 1, m = n; k >= at; k--, m = (m / 10) >>> 0) buffer[k] = 48 + (m % 10);
    return at + digits;
  }
  const text = String(n);
  for (let k = 0; k < text.length; k++) buffer[at++] = text.charCodeAt(k);
  return at;
}

/**
 * The words of a header, where a spreadsheet wraps it: after a space or a hyphen (Japanese between any two
 * characters too, but a header's words are kept whole where they fit).
 */
export function headerWords(header: string): string[] {
  return header.split(/(?<=[\s-])/).map((w) => w.trim()).filter((w) => w !== '');
}

/**
 * A header as it is written: its words on lines that fit a column `width` wide (Excel's units; Japanese characters
 * count double), broken between words with line breaks. A word wider than the column stays whole on its line.
 */
export function headerText(header: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  // Each piece with what ends it (a space or a hyphen): `operation-` and `management` join back as they were.
  for (const piece of header.split(/(?<=[\s-])/)) {
    if (line.trim() !== '' && displayWidth(line.trimEnd()) + displayWidth(piece.trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += line === '' ? piece.trimStart() : piece;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

/** xl/worksheets/sheetN.xml */
function sheetPart(sheet: Sheet): string {
  return `xl/worksheets/sheet${sheet.part}.xml`;
}

const isSpace = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/** At most `length` UTF-16 units, never half a surrogate pair. */
function cutAt(text: string, length: number): string {
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** The characters of a text XML 1.0 forbids, each once, as U+XXXX. */
function forbiddenCharacters(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(NEEDS_WORK_ALL)) if (m[0].length === 1 && !'&<>\r'.includes(m[0])) found.add(`U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
  return [...found];
}

/** A text as XML element content: escaped, forbidden characters left out, CR kept as a reference. */
function escapeText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(NEEDS_WORK_ALL, (m) => {
    switch (m) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '\r':
        return '&#13;';
    }
    // `_x0041_` is how OOXML escapes a character: Excel reads it as one unless its `_` is escaped itself.
    return m.length > 1 ? `_x005F${m}` : '';
  });
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
