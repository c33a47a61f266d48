import type { Diagnostic } from '../input/diagnostic.js';
import type { BadRow, CsvTable } from '../tabular/readCsv.js';

/** Why a row of a table could not be read, at its row and cell. */
export function badRowDiagnostic(csv: CsvTable, row: BadRow): Diagnostic {
  const at = { file: csv.file, line: row.rowNumber, column: row.column, path: '' };
  switch (row.problem) {
    case 'ragged-row':
      return { code: 'ragged-row', ...at, column: 1, cells: row.cells.length, headerCells: csv.header.length };
    case 'unbalanced-quote':
      return { code: 'unbalanced-quote', ...at };
    case 'bad-encoding':
      return { code: 'bad-encoding', ...at, encoding: csv.encoding, value: row.value ?? '' };
    default:
      return { code: row.problem, ...at, value: row.value ?? '', cell: row.cell ?? '' };
  }
}
