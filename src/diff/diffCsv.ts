import type { Describer } from '../messages/describe.js';
import { csvRow } from '../reporters/resultWriter.js';
import { diffCells, diffColumns } from './diffCells.js';
import type { ResultsDiff } from './diffResults.js';

/**
 * `itss diff -o changes.csv`: a row per change (diffCells), headers and words in the run's language; UTF-8 with a BOM
 * and CRLF, cells neutralised against formula injection, as the results CSV is written for Excel.
 */
export function diffCsv(diff: ResultsDiff, d: Describer): string {
  return `\uFEFF${csvRow(diffColumns(d))}${diffCells(diff, d).map(csvRow).join('')}`;
}
