import type { AssessmentRecord, CriterionResult, SpecialtyRecord } from '../engine/assessment.js';
import { isSharedResult } from '../engine/evaluate.js';
import { levelReachedOn } from '../engine/levelReachedOn.js';
import type { Diagnostic } from '../input/diagnostic.js';
import type { Describer } from '../messages/describe.js';
import { displayWidth } from '../values/displayWidth.js';
import { AtomicFile } from '../output/atomicFile.js';
import type { Rejection } from '../input/diagnostic.js';
import { errorsCsvColumns, resultsCsvColumns } from './csvResults.js';
import { SPECIALTY_COLUMNS, showsNextLevel, unmetBelowText, type ResultsOptions } from './resultWriter.js';
import { XlsxWriter, headerWords, type Cell, type Column, type ResolvedCells } from '../output/xlsxWriter.js';

/**
 * Widths in Excel's units (a digit; a Japanese character about two). Sentences: about twenty Japanese characters
 * a line, wrapped, so that a sheet printed a page wide stays legible; a specialty's unmet criteria: a few names.
 */
const PROSE_WIDTH = 40;
const UNMET_WIDTH = 24;
/** An id (E1001, A-0101); a name (姓 名: up to about seven characters); a department (wrapped past ten characters). */
const ID_WIDTH = 8;
const NAME_WIDTH = 14;
const DEPARTMENT_WIDTH = 20;

export interface XlsxResultsOptions extends ResultsOptions {
  /** Told of what the workbook could not hold as it was (characters XML forbids, left out): a notice on stderr. */
  notice?: (notice: Diagnostic) => void;
  /** Rows a sheet holds (Excel's 1,048,576); tests give a few to see a table continue on a second sheet. */
  maxRows?: number;
  /** The day assessed (YYYY-MM-DD): recorded with the standard in the workbook's properties (RESULTS_PROPERTIES). */
  asOf?: string;
}

/**
 * The names of the custom document properties a results workbook records its run in, so that `itss diff` can say
 * what a workbook is (the sheets hold people, not the run): the as-of date, and the standard's id and version.
 */
export const RESULTS_PROPERTIES = { asOf: 'itss.asOf', standard: 'itss.standard', standardVersion: 'itss.standardVersion' } as const;

/**
 * `-o results.xlsx`: the results as a workbook HR opens in Excel, streamed (XlsxWriter) into a temporary file beside
 * the target and renamed over it on commit (AtomicFile: never half a file). Three tables, each a sheet with a
 * frozen, filtered header, widths that fit Japanese text, thin borders, printed A4 landscape with the header on every
 * page (the summary at its size, who repeated on each page across; the others a page wide), and continued on a sheet
 * `name (2)` past Excel's rows:
 * - the summary, a row per candidate: id, name, department, then per specialty its level, the levels below it not
 *   met, exam level, next level and that level's unmet criteria (levels as numbers; the next level only for a
 *   specialty the person practises, unless allSpecialties);
 * - the next level's criteria, a row per candidate × practised specialty × unmet criterion, with required, actual
 *   and gap, for pivot tables;
 * - the rejected rows and candidates (the errors CSV's columns).
 * Every cell from the input is written as text or a number, never as a formula.
 */
export class XlsxResults {
  private readonly file: AtomicFile;
  private readonly writer: XlsxWriter;
  private readonly tables: { summary: number; criteria: number; rejected: number };
  private readonly carried: readonly string[];
  /** A shared specialty record's cells (evaluate's sharedResults): worded once for every candidate who has it. */
  private readonly worded = new WeakMap<SpecialtyRecord, { summary: Cell[]; criteria: ResolvedCells[] }>();
  private readonly wordedGaps = new WeakMap<CriterionResult, { specialty: string; level: number; cells: ResolvedCells }>();
  /** Criterion and specialty names by id (a message-table lookup each, otherwise). */
  private readonly names = new Map<string, string>();
  private closed = false;

  private constructor(
    path: string,
    runTag: string,
    private readonly describer: Describer,
    private readonly options: XlsxResultsOptions,
  ) {
    const d = describer;
    this.carried = options.carried ?? [];
    this.file = new AtomicFile(path, runTag);
    const run = [
      ...(options.asOf === undefined ? [] : [{ name: RESULTS_PROPERTIES.asOf, value: options.asOf }]),
      { name: RESULTS_PROPERTIES.standard, value: d.standard.id },
      ...(d.standard.version === undefined ? [] : [{ name: RESULTS_PROPERTIES.standardVersion, value: d.standard.version }]),
    ];
    this.writer = new XlsxWriter(this.file, {
      continuedName: (name, n) => d.t('xlsx.sheet.continued', { sheet: name, n }),
      properties: run,
      ...(options.maxRows ? { maxRows: options.maxRows } : {}),
    });
    // Rows are written as they come (streaming), so widths are set before any. A column whose content is known (a
    // level, a count, a specialty's or criterion's name) or foreseeable (a name, a department) gets a width that
    // fits it, Japanese counting double, and its header wraps on up to three lines; sentences are wrapped; the
    // mapping's carried columns fit their header.
    const fitted = (header: string, content = 0, wrap = false, level = false): Column => ({
      header,
      width: Math.min(60, Math.max(content + 2, ...headerWords(header).map((w) => displayWidth(w) + 2), Math.ceil(displayWidth(header) / 3) + 2, 8)),
      ...(wrap ? { wrap } : {}),
      ...(level ? { level } : {}),
    });
    const prose = (header: string, width: number): Column => ({ header, width, wrap: true });
    const summary = resultsCsvColumns(d, 'xlsx.unmet', this.carried);
    // A specialty's columns: level, levels below not met, exam level, next level, unmet count, unmet names, the day
    // the next level is reached by time alone (YYYY-MM-DD).
    const perSpecialty = (i: number) => (i - 3) % SPECIALTY_COLUMNS;
    const specialtyColumns = 3 + SPECIALTY_COLUMNS * d.standard.specialties.length;
    const specialtyColumn = (h: string, i: number): Column => {
      const column = perSpecialty(i);
      return column === 5 ? prose(h, UNMET_WIDTH) : column === 1 ? fitted(h, 6) : column === 6 ? fitted(h, 10) : fitted(h, 2, false, column !== 4);
    };
    const who = (header: string, i: number) => (i === 0 ? fitted(header, ID_WIDTH)
      : i === 1 ? fitted(header, NAME_WIDTH) : fitted(header, DEPARTMENT_WIDTH, true));
    const summaryColumns = summary.map((h, i) =>
      i < 3 ? who(h, i) : i < specialtyColumns ? specialtyColumn(h, i) : i === specialtyColumns ? prose(h, PROSE_WIDTH) : fitted(h),
    );
    const rejected = errorsCsvColumns(d);
    const specialties = d.standard.specialties;
    const widest = (names: string[]) => Math.max(0, ...names.map(displayWidth));
    const criterionNames = [...new Set(specialties.flatMap((s) =>
      s.levels.flatMap((l) => l.criteria.map((c) => c.kind))))].map((kind) => d.criterionName(kind));
    const criteria: Column[] = [
      ...[d.t('csv.candidate_id'), d.t('csv.name'), d.t('csv.department')].map(who),
      fitted(d.t('xlsx.specialty'), Math.min(24, widest(specialties.map((s) => d.specialtyName(s.id)))), true),
      fitted(d.t('xlsx.next'), 2, false, true),
      fitted(d.t('xlsx.criterion'), Math.min(20, widest(criterionNames)), true),
      ...[d.t('xlsx.required'), d.t('xlsx.actual'), d.t('xlsx.gap')].map((h) => prose(h, PROSE_WIDTH)),
    ];
    try {
      this.tables = {
        // Six columns a specialty: a page wide would print it too small to read. At its size, with who (id, name,
        // department) repeated on every page across.
        summary: this.writer.table(d.t('xlsx.sheet.summary'), summaryColumns, false, 3),
        // The criteria have about ten rows a candidate: theirs go straight into the zip, the others wait deflated.
        // Required, actual and gap: sentences.
        criteria: this.writer.table(d.t('xlsx.sheet.criteria'), criteria, true),
        rejected: this.writer.table(d.t('xlsx.sheet.rejected'), rejected.map((h, i) => (i === rejected.length - 1 ? prose(h, PROSE_WIDTH) : fitted(h)))),
      };
    } catch (error) {
      this.file.abort();
      throw error;
    }
  }

  /** Opens the workbook's temporary file; a folder that cannot take it is an `unwritable` InputError. */
  static open(path: string, runTag: string, describer: Describer, options: XlsxResultsOptions = {}): XlsxResults {
    return new XlsxResults(path, runTag, describer, options);
  }

  add(a: AssessmentRecord): void {
    const who: Cell[] = [a.candidate.id, a.candidate.name ?? null, a.candidate.department ?? null];
    const row: Cell[] = [...who];
    // The candidate's cells of their criteria rows, resolved once for all of them.
    let whose: ResolvedCells | undefined;
    for (const s of a.specialties) {
      const cells = this.cellsOf(s);
      row.push(...cells.summary);
      for (const tail of cells.criteria) {
        whose ??= this.writer.resolve(this.tables.criteria, 0, who);
        this.writer.addResolvedRow(this.tables.criteria, [whose, tail]);
      }
    }
    row.push(a.warnings.map((w) => this.describer.warning(w)).join(' / ') || null);
    for (const name of this.carried) row.push(a.candidate.attributes?.[name] ?? null);
    this.writer.addRow(this.tables.summary, row);
    this.tellStripped(a.candidate.id);
  }

  reject(rejection: Rejection): void {
    for (const dg of rejection.diagnostics) {
      const value = dg.value === undefined ? null : typeof dg.value === 'string' ? dg.value : JSON.stringify(dg.value);
      this.writer.addRow(this.tables.rejected, [dg.file, dg.line ?? null, dg.column ?? null, rejection.candidateId ?? null, dg.path, dg.code, value, (dg.expected ?? []).join(' | '), dg.suggestion ?? null, this.describer.diagnostic(dg)]);
    }
    this.tellStripped(rejection.candidateId ?? rejection.diagnostics[0]?.file ?? '');
  }

  commit(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.writer.finish();
    } catch (error) {
      this.file.abort();
      throw error;
    }
    this.file.commit();
  }

  /** Leaves no file: the target stays as it was. */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.abort();
  }

  /**
   * A specialty's summary cells (level, levels below not met, exam level, next level, unmet count, unmet names, the day
   * the next level is reached by time alone) and
   * its criteria rows' cells after the candidate's.
   */
  private cellsOf(s: SpecialtyRecord): { summary: Cell[]; criteria: ResolvedCells[] } {
    const shared = isSharedResult(s);
    const known = shared ? this.worded.get(s) : undefined;
    if (known) return known;
    const d = this.describer;
    const next = showsNextLevel(s, this.options.allSpecialties === true) ? s.next : null;
    const gaps = next?.gaps ?? [];
    // One level below not met as a number (it filters and sorts as the levels do); several as text.
    const below = s.unmetBelow.length === 1 ? s.unmetBelow[0]! : unmetBelowText(s);
    const cells = {
      summary: [s.level, below, s.examLevel, next?.level ?? null, next?.gaps.length ?? null,
        gaps.map((g) => this.criterionName(g.id)).join(d.table.listSeparator) || null, next ? levelReachedOn(gaps) : null],
      criteria: gaps.map((g) => this.gapCells(g, s.specialty, next!.level)),
    };
    if (shared) this.worded.set(s, cells);
    return cells;
  }

  /**
   * A criteria row's cells after the candidate's: specialty, next level, criterion, required, actual, gap. A criterion
   * result shared between candidates (most of them: a few hundred ways of falling short at 100k) is worded once.
   */
  private gapCells(g: CriterionResult, specialty: string, level: number): ResolvedCells {
    const shared = isSharedResult(g);
    const known = shared ? this.wordedGaps.get(g) : undefined;
    if (known && known.specialty === specialty && known.level === level) return known.cells;
    const d = this.describer;
    const text = d.describe(g, specialty);
    let specialtyName = this.names.get(`specialty ${specialty}`);
    if (specialtyName === undefined) this.names.set(`specialty ${specialty}`, (specialtyName = d.specialtyName(specialty)));
    const cells = this.writer.resolve(this.tables.criteria, 3, [specialtyName, level, this.criterionName(g.id), text.required, text.actual, text.gap]);
    if (shared) this.wordedGaps.set(g, { specialty, level, cells });
    return cells;
  }

  private criterionName(id: CriterionResult['id']): string {
    let name = this.names.get(id);
    if (name === undefined) this.names.set(id, (name = this.describer.criterionName(id)));
    return name;
  }

  /** Characters the workbook could not hold, left out of this candidate's (or rejected file's) cells: said on stderr. */
  private tellStripped(who: string): void {
    const stripped = this.writer.takeStripped();
    if (stripped) this.options.notice?.({ code: 'xml-characters-removed', file: this.file.path, path: '', value: who, characters: stripped.characters.join(', '), columns: stripped.columns.join(', ') });
  }
}
