import type ExcelJS from 'exceljs';
import { normalizeLabel } from '../values/labelIndex.js';
import type { CsvTable, HeaderHook } from './readCsv.js';
import { RowStore } from './rowStore.js';

/** A sheet of a workbook, read as a table: its name, and the table as a CSV file would give it. */
export interface SheetTable {
  sheet: string;
  table: CsvTable;
}

/**
 * Reads every sheet of an XLSX workbook as a table of text cells, streaming (a large workbook is never held
 * whole). Cells read as what they are: a date cell as its day (YYYY-MM-DD), a number as written, shared and rich
 * strings as their text, a formula by its cached value (never evaluated). The header is the first row that has
 * one of `idHeaders` (a title row or blank rows above it are skipped); empty rows are passed over; row numbers
 * are the sheet's. Each table's file is `book.xlsx[sheet]`, so errors name both.
 */
export async function readXlsx(file: string, idHeaders: readonly string[], onHeader: (sheet: string) => HeaderHook): Promise<SheetTable[]> {
  const ids = new Set(idHeaders.map(normalizeLabel));
  // Loaded only when a workbook is read: about 1 MB that a batch of CSV files has no use for.
  const { default: Excel } = await import('exceljs');
  const sheets: SheetTable[] = [];
  try {
    const reader = new Excel.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      sheets.push({ sheet: name, table: await sheetTable(file, name, worksheet as AsyncIterable<ExcelJS.Row>, ids, onHeader(name)) });
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
    sheets.push({ sheet: worksheet.name, table: await sheetTable(file, worksheet.name, rows, ids, onHeader(worksheet.name)) });
  }
  return sheets;
}

/** One sheet's rows as a table: the header the first row naming a candidate id, then its data rows. */
async function sheetTable(file: string, sheet: string, rows: AsyncIterable<ExcelJS.Row> | Iterable<ExcelJS.Row>, ids: Set<string>, hook: HeaderHook): Promise<CsvTable> {
  const table: CsvTable = { file: `${file}[${sheet}]`, encoding: 'utf-8', header: [], rows: new RowStore(), rowNumbers: [], badRows: [] };
  let width = 0;
  for await (const row of rows) {
    const cells = rowCells(row);
    if (cells.every((c) => c.trim() === '')) continue;
    if (width === 0) {
      if (!cells.some((c) => ids.has(normalizeLabel(c)))) continue; // a title row above the header
      table.header = cells.map((c) => c.trim());
      while (table.header.length > 0 && table.header[table.header.length - 1] === '') table.header.pop();
      width = table.header.length;
      hook(table);
      continue;
    }
    // Cells beyond the header's last column are empty (a sheet's used range can be wider): dropped.
    const data = cells.slice(0, width);
    while (data.length < width) data.push('');
    table.rows.push(data);
    table.rowNumbers.push(row.number);
  }
  return table;
}

/** A row's cells as text, from column A. */
function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  const values = row.values as unknown[];
  for (let i = 1; i < values.length; i++) cells.push(cellText(values[i], row.getCell(i).numFmt));
  return cells;
}

/** Date formats: a day, month or year code outside quotes (`yyyy/m/d`, `[$-ja-JP]ggge年m月d日`), not `0.00`. */
const DATE_FORMAT = /[ymdge]/i;

function cellText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'number') return numFmt && DATE_FORMAT.test(numFmt.replace(/"[^"]*"|\[[^\]]*\]/g, '')) ? isoDay(excelSerialDate(value)) : String(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result, numFmt); // a formula: its cached value
    if (typeof v.text === 'string') return v.text; // a hyperlink
    if (v.error) return v.error;
  }
  return String(value);
}

/** A day of the 1900 date system (Excel's serial numbers, with its 1900-02-29). */
function excelSerialDate(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
