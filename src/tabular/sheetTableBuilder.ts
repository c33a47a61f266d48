import { columnLetters } from '../values/columnLetters.js';
import { normalizeLabel } from '../values/labelIndex.js';
import type { BadRow, CsvTable, HeaderHook } from './readCsv.js';
import { RowStore } from './rowStore.js';

/** A cell that cannot be read as a value: an error (`#N/A`), or a formula whose value was never saved. */
export interface CellProblem {
  problem: 'error-cell' | 'formula-without-value';
  column: number;
  value: string;
}

/** Headers that mark a header row (a candidate id's), and every header of the tables and the mapping, normalised. */
export interface KnownHeaders {
  ids: Set<string>;
  columns: Set<string>;
}

/**
 * One sheet's rows as a table: the header the first row naming a candidate id, then its data rows. A header of
 * two rows (期間 merged over 開始 and 終了 below it; 社員番号 merged down) is read as one: a row under the header
 * whose id cell is empty and which names a known column gives the names of the columns it fills.
 */
export class SheetTableBuilder {
  private readonly table: CsvTable;
  private width = 0;
  private idIndex = -1;
  private underHeader = false;
  private hooked = false;
  private readonly empty: number;
  private padded = new Int32Array(0);

  constructor(
    file: string,
    private readonly known: KnownHeaders,
    private readonly hook: HeaderHook,
  ) {
    this.table = { file, encoding: 'utf-8', header: [], rows: new RowStore(true), rowNumbers: [], badRows: [] };
    this.empty = this.table.rows.intern('');
  }

  /** Where the sheet's cell texts are kept (the table's rows). */
  get store(): RowStore {
    return this.table.rows;
  }

  /** A row: the numbers of its cells' texts in `store` (the first `count` of `numbers`), and its unreadable cells. */
  row(rowNumber: number, numbers: Int32Array, count: number, problems: CellProblem[]): void {
    const store = this.table.rows;
    let blank = problems.length === 0;
    for (let i = 0; blank && i < count; i++) if (!store.isBlank(numbers[i]!)) blank = false;
    if (blank) return;
    const table = this.table;
    if (this.width === 0 || this.underHeader) {
      const cells = Array.from({ length: count }, (_, i) => store.text(numbers[i]!));
      if (this.width === 0) {
        this.idIndex = cells.findIndex((c) => this.known.ids.has(normalizeLabel(c)));
        if (this.idIndex === -1) return; // a title row above the header
        table.header = cells.map((c) => c.trim());
        while (table.header.length > 0 && table.header[table.header.length - 1] === '') table.header.pop();
        this.width = table.header.length;
        this.underHeader = true;
        return;
      }
      this.underHeader = false;
      if ((cells[this.idIndex] ?? '').trim() === '' && problems.length === 0 && cells.some((c) => c.trim() !== '' && this.known.columns.has(normalizeLabel(c)))) {
        // The second row may name columns past the first's last (期間 merged over 開始 and 終了).
        const width = Math.max(this.width, cells.length);
        table.header = Array.from({ length: width }, (_, i) => (cells[i] ?? '').trim() || (table.header[i] ?? ''));
        while (table.header.length > 0 && table.header[table.header.length - 1] === '') table.header.pop();
        this.width = table.header.length;
        return;
      }
    }
    // The header is whole now (a second header row read or not): the table is told apart and bound.
    if (!this.hooked) {
      this.hooked = true;
      this.hook(table);
    }
    const width = this.width;
    if (this.padded.length < width) this.padded = new Int32Array(width);
    for (let i = 0; i < width; i++) this.padded[i] = i < count ? numbers[i]! : this.empty;
    const bad = this.badCell(rowNumber, numbers, count, problems);
    if (bad) {
      table.badRows.push({ ...bad, cells: Array.from({ length: width }, (_, i) => store.text(this.padded[i]!)) });
      return;
    }
    store.pushNumbers(this.padded, width);
    table.rowNumbers.push(rowNumber);
  }

  /** The row's first unreadable cell: an error, a formula without a value, or a value under no header. */
  private badCell(rowNumber: number, numbers: Int32Array, count: number, problems: readonly CellProblem[]): Omit<BadRow, 'cells'> | undefined {
    const first = problems[0];
    if (first) return { rowNumber, problem: first.problem, column: first.column, value: first.value, cell: `${columnLetters(first.column)}${rowNumber}` };
    const { header, rows } = this.table;
    for (let i = 0; i < count; i++) {
      if ((i >= this.width || header[i] === '') && !rows.isBlank(numbers[i]!)) return { rowNumber, problem: 'value-without-header', column: i + 1, value: rows.text(numbers[i]!), cell: `${columnLetters(i + 1)}${rowNumber}` };
    }
    return undefined;
  }

  finish(): CsvTable {
    if (this.width > 0 && !this.hooked) this.hook(this.table); // a header without rows
    return this.table;
  }
}
