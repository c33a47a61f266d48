import type { Describer } from '../messages/describe.js';
import { AtomicFile } from '../output/atomicFile.js';
import { XlsxWriter, headerWords, type Cell, type Column } from '../output/xlsxWriter.js';
import { displayWidth } from '../values/displayWidth.js';
import { LEVEL_COLUMNS, diffCells, diffColumns } from './diffCells.js';
import type { ResultsDiff, RunInfo } from './diffResults.js';
import { standardText } from './resultsRun.js';

/** Widths in Excel's units (a Japanese character about two), the widest fitting up to a bound. */
const MAX_WIDTH = 40;

/** A column as wide as its header's longest word and its widest cell, up to MAX_WIDTH (then wrapped). */
function fitted(header: string, cells: readonly Cell[], level = false): Column {
  const widest = Math.max(0, ...cells.map((c) => (c === null || c === undefined ? 0 : displayWidth(String(c)))));
  const width = Math.min(MAX_WIDTH, Math.max(8, widest + 2, ...headerWords(header).map((w) => displayWidth(w) + 2)));
  return { header, width, ...(widest + 2 > MAX_WIDTH ? { wrap: true } : {}), ...(level ? { level } : {}) };
}

/**
 * `itss diff -o changes.xlsx`: the diff as a results-like workbook, written by itss's own writer into a temporary file
 * renamed over the target (never half a file): a sheet of the changes (the CSV's columns, levels as numbers coloured
 * by level, a frozen and filtered header, printed A4), and a sheet naming the two files compared (path, format, as-of
 * date and standard as recorded, people).
 */
export function writeDiffWorkbook(path: string, runTag: string, diff: ResultsDiff, d: Describer): void {
  const file = new AtomicFile(path, runTag);
  try {
    const writer = new XlsxWriter(file, { continuedName: (name, n) => d.t('xlsx.sheet.continued', { sheet: name, n }) });
    const rows = diffCells(diff, d);
    const columns = diffColumns(d).map((h, i) => fitted(h, rows.map((r) => r[i]), LEVEL_COLUMNS.has(i)));
    const changes = writer.table(d.t('diff.sheet.changes'), columns, true);
    for (const row of rows) writer.addRow(changes, row);
    const run = (label: string, r: RunInfo): Cell[] => [label, r.file, r.format, r.asOf, r.standard === null ? null : standardText(r.standard), r.people];
    const fileRows = [run(d.t('diff.old'), diff.old), run(d.t('diff.new'), diff.new)];
    const fileHeaders = ['which', 'file', 'format', 'asOf', 'standard', 'people'].map((h) => d.t(`diff.header.${h as 'which'}`));
    const files = writer.table(d.t('diff.sheet.files'), fileHeaders.map((h, i) => fitted(h, fileRows.map((r) => r[i]))));
    for (const row of fileRows) writer.addRow(files, row);
    writer.finish();
  } catch (error) {
    file.abort();
    throw error;
  }
  file.commit();
}
