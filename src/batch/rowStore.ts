/**
 * A table's rows as numbers: each distinct cell text is kept once, and a row is its cells' numbers in an
 * Int32Array. HR exports repeat a few thousand values (specialties, roles, months, ids) across a million cells,
 * so 100,000 candidates' rows take tens of megabytes instead of a string per cell; and what is read from a cell
 * (a label resolved, a date parsed) can be remembered per number, once for every row that repeats it.
 */
export class RowStore {
  /** Each distinct cell text, by its number. */
  readonly texts: string[] = [];
  private readonly numbers = new Map<string, number>();
  private cells = new Int32Array(1 << 12);
  /** Cells per row (the header's), fixed by the first row. */
  private width = -1;
  length = 0;

  /** The number of a text, kept if new: equal texts share one number (and one string). */
  intern(text: string): number {
    let number = this.numbers.get(text);
    if (number === undefined) {
      number = this.texts.push(text) - 1;
      this.numbers.set(text, number);
    }
    return number;
  }

  /** The stored copy of a text: the same string for every equal text. */
  shared(text: string): string {
    return this.texts[this.intern(text)]!;
  }

  push(cells: readonly string[]): void {
    if (this.width === -1) this.width = cells.length;
    if (cells.length !== this.width) throw new RangeError(`row of ${cells.length} cells in a table of ${this.width}`);
    const at = this.length * this.width;
    if (at + this.width > this.cells.length) {
      const grown = new Int32Array(Math.max(this.cells.length * 2, at + this.width));
      grown.set(this.cells);
      this.cells = grown;
    }
    for (let i = 0; i < this.width; i++) this.cells[at + i] = this.intern(cells[i]!);
    this.length++;
  }

  /** The number of a row's cell (0-based row and column). */
  cell(row: number, column: number): number {
    return this.cells[row * this.width + column]!;
  }

  /** A row's cells as text. */
  get(row: number): string[] {
    const cells: string[] = [];
    for (let i = 0; i < this.width; i++) cells.push(this.texts[this.cells[row * this.width + i]!]!);
    return cells;
  }
}
