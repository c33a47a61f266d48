import type ExcelJS from 'exceljs';
import { normalizeLabel } from '../values/labelIndex.js';
import type { CsvTable, HeaderHook } from './readCsv.js';
import { RowStore } from './rowStore.js';

/** A sheet of a workbook, read as a table: its name, the table as a CSV file would give it, and what was hidden. */
export interface SheetTable {
  sheet: string;
  table: CsvTable;
  hidden: HiddenCells;
}

/** Rows (their numbers) and columns (their letters) a sheet hides. */
export interface HiddenCells {
  rows: number[];
  columns: string[];
}

/**
 * Reads every sheet of an XLSX workbook as a table of text cells, streaming (a large workbook is never held
 * whole). Cells read as what they are: a date cell as its day (YYYY-MM-DD; 1900 or 1904 date system, as the
 * workbook says), a number as written, shared and rich
 * strings as their text, a formula by its cached value (never evaluated). The header is the first row that has
 * one of `idHeaders` (a title row or blank rows above it are skipped); empty rows are passed over; row numbers
 * are the sheet's. Each table's file is `book.xlsx[sheet]`, so errors name both.
 */
export async function readXlsx(file: string, headers: { ids: readonly string[]; columns: readonly string[] }, onHeader: (sheet: string) => HeaderHook): Promise<SheetTable[]> {
  const known: KnownHeaders = { ids: new Set(headers.ids.map(normalizeLabel)), columns: new Set(headers.columns.map(normalizeLabel)) };
  // Loaded only when a workbook is read: about 1 MB that a batch of CSV files has no use for.
  const { default: Excel } = await import('exceljs');
  const sheets: SheetTable[] = [];
  try {
    const reader = new Excel.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      // The workbook part comes before the sheets: whether its days count from 1904 (Mac Excel's old default).
      const date1904 = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904 === true;
      // The streaming reader drops the hidden flags of rows and columns: the sheet's XML is watched on its way in.
      const hidden: HiddenCells = { rows: [], columns: [] };
      const source = worksheet as unknown as { iterator: AsyncIterable<Buffer | string> };
      source.iterator = watchHidden(source.iterator, hidden);
      sheets.push({ sheet: name, table: await sheetTable(file, name, worksheet as AsyncIterable<ExcelJS.Row>, known, onHeader(name), date1904), hidden });
    }
    return sheets;
  } catch (error) {
    // exceljs's streaming reader needs the workbook part before the sheets; some writers (exceljs itself, after
    // an edit) store it after them. Such a workbook is read whole instead.
    if (!(error instanceof TypeError)) throw error;
  }
  const book = new Excel.Workbook();
  await book.xlsx.readFile(file);
  sheets.length = 0;
  for (const worksheet of book.worksheets) {
    const rows: ExcelJS.Row[] = [];
    worksheet.eachRow((row) => rows.push(row));
    const hidden: HiddenCells = { rows: rows.filter((r) => r.hidden).map((r) => r.number), columns: [] };
    for (let i = 1; i <= worksheet.columnCount; i++) if (worksheet.getColumn(i).hidden) hidden.columns.push(columnLetters(i));
    sheets.push({ sheet: worksheet.name, table: await sheetTable(file, worksheet.name, rows, known, onHeader(worksheet.name), book.properties.date1904 === true), hidden });
  }
  return sheets;
}

/** Passes a sheet's XML through, noting the rows and columns it marks hidden (`<row r="5" hidden="1">`, `<col min max hidden>`). */
async function* watchHidden(source: AsyncIterable<Buffer | string>, hidden: HiddenCells): AsyncGenerator<Buffer | string> {
  let tail = '';
  for await (const chunk of source) {
    // Tags are ASCII: latin1 keeps them as they are, whatever the text between them.
    let text = tail + (typeof chunk === 'string' ? chunk : chunk.toString('latin1'));
    const open = text.lastIndexOf('<');
    tail = open !== -1 && text.indexOf('>', open) === -1 ? text.slice(open) : '';
    if (tail !== '') text = text.slice(0, open);
    for (const tag of text.matchAll(/<(row|col)\b([^>]*)>/g)) {
      const attributes = tag[2]!;
      if (!/\bhidden="(?:1|true)"/.test(attributes)) continue;
      const number = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(attributes)?.[1] ?? NaN);
      if (tag[1] === 'row') {
        if (Number.isInteger(number('r'))) hidden.rows.push(number('r'));
      } else for (let c = number('min'); c <= number('max') && hidden.columns.length < 1000; c++) hidden.columns.push(columnLetters(c));
    }
    yield chunk;
  }
}

/** A column's letters as a sheet shows them: 1 → A, 27 → AA. */
function columnLetters(column: number): string {
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
async function sheetTable(file: string, sheet: string, rows: AsyncIterable<ExcelJS.Row> | Iterable<ExcelJS.Row>, known: KnownHeaders, hook: HeaderHook, date1904: boolean): Promise<CsvTable> {
  const table: CsvTable = { file: `${file}[${sheet}]`, encoding: 'utf-8', header: [], rows: new RowStore(), rowNumbers: [], badRows: [] };
  let width = 0;
  let idIndex = -1;
  let underHeader = false;
  let hooked = false;
  for await (const row of rows) {
    const cells = rowCells(row, date1904);
    if (cells.every((c) => c.trim() === '')) continue;
    if (width === 0) {
      idIndex = cells.findIndex((c) => known.ids.has(normalizeLabel(c)));
      if (idIndex === -1) continue; // a title row above the header
      table.header = cells.map((c) => c.trim());
      while (table.header.length > 0 && table.header[table.header.length - 1] === '') table.header.pop();
      width = table.header.length;
      underHeader = true;
      continue;
    }
    if (underHeader) {
      underHeader = false;
      if ((cells[idIndex] ?? '').trim() === '' && cells.some((c) => c.trim() !== '' && known.columns.has(normalizeLabel(c)))) {
        table.header = table.header.map((h, i) => (cells[i] ?? '').trim() || h);
        continue;
      }
    }
    // The header is whole now (a second header row read or not): the table is told apart and bound.
    if (!hooked) {
      hooked = true;
      hook(table);
    }
    // Cells beyond the header's last column are empty (a sheet's used range can be wider): dropped.
    const data = cells.slice(0, width);
    while (data.length < width) data.push('');
    table.rows.push(data);
    table.rowNumbers.push(row.number);
  }
  if (width > 0 && !hooked) hook(table); // a header without rows
  return table;
}

/** A row's cells as text, from column A. */
function rowCells(row: ExcelJS.Row, date1904: boolean): string[] {
  const cells: string[] = [];
  const values = row.values as unknown[];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i], row.getCell(i).numFmt, date1904));
  return cells;
}

/** Date formats: a day, month or year code outside quotes (`yyyy/m/d`, `[$-ja-JP]ggge年m月d日`), not `0.00`. */
const DATE_FORMAT = /[ymdge]/i;

function cellText(value: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'number') return numFmt && DATE_FORMAT.test(numFmt.replace(/"[^"]*"|\[[^\]]*\]/g, '')) ? isoDay(excelSerialDate(value, date1904)) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result, numFmt, date1904); // a formula: its cached value
    if (typeof v.text === 'string') return v.text; // a hyperlink
    if (v.error) return v.error;
  }
  return String(value);
}

/** A day of Excel's serial numbers: the 1900 date system (with its 1900-02-29), or the 1904 one (day 0 = 1904-01-01). */
function excelSerialDate(serial: number, date1904: boolean): Date {
  return new Date((date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30)) + Math.round(serial) * 86_400_000);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
