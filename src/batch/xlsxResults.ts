import { renameSync, rmSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { AssessmentRecord } from '../engine/assessment.js';
import type { Describer } from '../messages/describe.js';
import { displayWidth } from '../reporters/wrapText.js';
import { AtomicFile } from './atomicFile.js';
import { errorsCsvColumns, resultsCsvColumns } from './resultWriters.js';
import type { Rejection } from './runBatch.js';

type Cell = string | number | null;

/** Columns of sentences: about forty Japanese characters a line, wrapped. */
const PROSE_WIDTH = 80;

/**
 * `-o results.xlsx`: the results as a workbook HR opens in Excel, streamed to a temporary file beside the target
 * and renamed over it on commit (like every output: never half a file). Three sheets, each with a frozen header,
 * filters and widths that fit Japanese text:
 * - the summary, a row per candidate: id, name, department, then per specialty its level, exam level, next
 *   level and that level's unmet criteria (levels as numbers);
 * - the next level's criteria, a row per candidate × specialty × unmet criterion, with required, actual and
 *   gap, for pivot tables;
 * - the rejected rows and candidates (the errors CSV's columns).
 * Every cell from the input is written as text or a number, never as a formula.
 */
export class XlsxResults {
  private readonly temporary: string;
  private readonly sheets: { summary: ExcelJS.Worksheet; criteria: ExcelJS.Worksheet; rejected: ExcelJS.Worksheet };
  private closed = false;

  private constructor(
    private readonly path: string,
    runTag: string,
    private readonly describer: Describer,
    private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly carried: readonly string[],
  ) {
    this.temporary = AtomicFile.temporaryPath(path, runTag);
    const d = describer;
    // Rows are written as they come (streaming), so widths are set before any: from the header, at least wide
    // enough for an id or a short label, Japanese counting double; columns of sentences wider, wrapped.
    const sheet = (name: string, header: string[], prose: (column: number) => boolean = () => false) => {
      const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = header.map((h, i) =>
        prose(i) ? { header: h, width: PROSE_WIDTH, style: { alignment: { wrapText: true, vertical: 'top' } } } : { header: h, width: Math.min(60, Math.max(10, displayWidth(h) + 2)) },
      );
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
      return ws;
    };
    const summary = resultsCsvColumns(d, 'xlsx.unmet', carried);
    const unmet = new Set(d.standard.specialties.map((s) => summary.indexOf(d.t('xlsx.unmet', { specialty: d.t('csv.specialty', { id: s.id, label: s.label[d.lang] }) }))));
    const warnings = summary.indexOf(d.t('csv.warnings'));
    const rejected = errorsCsvColumns(d);
    this.sheets = {
      summary: sheet(d.t('xlsx.sheet.summary'), summary, (i) => unmet.has(i) || i === warnings),
      // required, actual and gap: sentences.
      criteria: sheet(d.t('xlsx.sheet.criteria'), [d.t('csv.candidate_id'), d.t('csv.name'), d.t('csv.department'), d.t('xlsx.specialty'), d.t('xlsx.next'), d.t('xlsx.criterion'), d.t('xlsx.required'), d.t('xlsx.actual'), d.t('xlsx.gap')], (i) => i >= 6),
      rejected: sheet(d.t('xlsx.sheet.rejected'), rejected, (i) => i === rejected.length - 1),
    };
  }

  /** Opens the workbook's temporary file (exceljs is loaded only now); `carried`: the people columns the mapping carries. */
  static async open(path: string, runTag: string, describer: Describer, carried: readonly string[] = []): Promise<XlsxResults> {
    const { default: Excel } = await import('exceljs');
    const workbook = new Excel.stream.xlsx.WorkbookWriter({ filename: AtomicFile.temporaryPath(path, runTag), useSharedStrings: true, useStyles: true });
    return new XlsxResults(path, runTag, describer, workbook, carried);
  }

  add(a: AssessmentRecord): void {
    const d = this.describer;
    const who: Cell[] = [a.candidate.id, a.candidate.name ?? null, a.candidate.department ?? null];
    const row: Cell[] = [...who];
    for (const s of a.specialties) {
      row.push(s.level, s.examLevel, s.next?.level ?? null, s.next?.gaps.length ?? null, s.next?.gaps.map((g) => d.criterionName(g.id)).join(d.table.listSeparator) || null);
      for (const g of s.next?.gaps ?? []) {
        const text = d.describe(g, s.specialty);
        this.sheets.criteria.addRow([...who, d.specialtyName(s.specialty), s.next?.level ?? null, d.criterionName(g.id), text.required, text.actual, text.gap]).commit();
      }
    }
    row.push(a.warnings.map((w) => d.warning(w)).join(' / ') || null);
    for (const name of this.carried) row.push(a.candidate.attributes?.[name] ?? null);
    this.sheets.summary.addRow(row).commit();
  }

  reject(rejection: Rejection): void {
    for (const dg of rejection.diagnostics) {
      const value = dg.value === undefined ? null : typeof dg.value === 'string' ? dg.value : JSON.stringify(dg.value);
      this.sheets.rejected.addRow([dg.file, dg.line ?? null, dg.column ?? null, rejection.candidateId ?? null, dg.path, dg.code, value, (dg.expected ?? []).join(' | '), dg.suggestion ?? null, this.describer.diagnostic(dg)]).commit();
    }
  }

  async commit(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const ws of Object.values(this.sheets)) ws.commit();
    await this.workbook.commit();
    renameSync(this.temporary, this.path);
  }

  /** Leaves no file: the target stays as it was. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.workbook.commit();
    } catch {
      // the stream is gone already
    }
    rmSync(this.temporary, { force: true });
  }
}
