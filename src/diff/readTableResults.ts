import { badRowDiagnostic } from '../hr/badRowDiagnostic.js';
import { workbookDiagnostic } from '../hr/workbookDiagnostic.js';
import { InputError, fileProblem, type Diagnostic } from '../input/diagnostic.js';
import { criterionWordings } from '../messages/criterionWordings.js';
import { Describer, messageTables, type Lang } from '../messages/describe.js';
import { errorsCsvColumns, resultsCsvColumns } from '../reporters/csvResults.js';
import { SPECIALTY_COLUMNS } from '../reporters/resultWriter.js';
import { RESULTS_PROPERTIES } from '../reporters/xlsxResults.js';
import type { Standard } from '../standard/loadStandard.js';
import type { CriterionKind } from '../standard/standardSchema.js';
import { CsvDecodeError, readCsv, type CsvTable } from '../tabular/readCsv.js';
import { WorkbookError, readXlsx, workbookProperties } from '../tabular/readXlsx.js';
import { ResultsFileError, type DiffProblem } from './diffProblem.js';
import { RunBuilder, isRecordedAsOf, type ResultsRun, type RunSpecialty } from './resultsRun.js';

const LANGS = Object.keys(messageTables) as Lang[];

/**
 * A header as the files write it, compared so: a workbook breaks its headers over lines (`運用管理\nレベル`,
 * `operation-\nmanagement\nlevel`), the CSV does not.
 */
function headerKey(header: string): string {
  return header.replace(/-\n/g, '-').replace(/\s+/g, ' ').trim();
}

/**
 * The table a results CSV or a workbook's summary sheet is: which language its headers are in and how many columns
 * a specialty has (`width`), or what it lacks.
 */
type ColumnsMatch = { lang: Lang; describer: Describer; width: number } | { problem: DiffProblem };

/**
 * The results columns as itss has written them, newest first: each layout the columns of the one before with some
 * added at the end of each specialty's (so a specialty's first columns keep their places). The first results had no
 * day the next level is reached (`到達見込日`).
 */
const LAYOUTS: { width: number; columns: (d: Describer, last: 'csv.gaps' | 'xlsx.unmet') => string[] }[] = [
  { width: SPECIALTY_COLUMNS, columns: (d, last) => resultsCsvColumns(d, last) },
  {
    width: SPECIALTY_COLUMNS - 1,
    columns: (d, last) => {
      const reachedOn = new Set(d.standard.specialties.map((s) => d.t('csv.reached_on', { specialty: d.t('csv.specialty', { id: s.id, label: s.label[d.lang] }) })));
      return resultsCsvColumns(d, last).filter((h) => !reachedOn.has(h));
    },
  },
];

/**
 * Which language's results columns a header begins with (the CSV's, or the workbook summary's: `last` names the
 * column after each specialty's unmet count), for the standard in use. After them come the warnings and the
 * mapping's carried columns, which are not read.
 */
function matchColumns(file: string, header: readonly string[], standard: Standard, last: 'csv.gaps' | 'xlsx.unmet', runLang: Lang): ColumnsMatch {
  const found = header.map(headerKey);
  const same = (expected: readonly string[]) => expected.every((h, i) => found[i] === h);
  for (const lang of LANGS) {
    const describer = new Describer(lang, standard);
    for (const layout of LAYOUTS) if (same(layout.columns(describer, last))) return { lang, describer, width: layout.width };
  }
  for (const lang of LANGS) {
    const errors = errorsCsvColumns(new Describer(lang, standard));
    if (found.length === errors.length && same(errors)) return { problem: { code: 'errors-file', file } };
  }
  // Said in the columns of the file's own language when its first ones tell it, else the run's.
  const whoLang = LANGS.find((lang) => same(resultsCsvColumns(new Describer(lang, standard), last).slice(0, 3)));
  const expected = resultsCsvColumns(new Describer(whoLang ?? runLang, standard), last);
  // Its own first columns, but other specialties: results of another (tailored) standard; the specialties' columns said.
  const from = whoLang ? 3 : 0;
  const columns = (list: readonly string[]) => `${list.slice(from, from + 4).join(', ')}${list.length > from + 4 ? ', …' : ''}`;
  return { problem: { code: whoLang ? 'standard-columns' : 'csv-header', file, params: { expected: columns(expected), value: columns(found), standard: standard.id } } };
}

/**
 * A CSV cell as it was before the results CSV guarded it against formula injection (csvCell): `'=x` was `=x`, and so
 * for a cell beginning with +, -, @, a tab or CR.
 */
const unguarded = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** A level cell: empty, or a whole number (the workbook's are numbers, read as Excel shows them). */
const LEVEL_CELL = /^\d+$/;

/**
 * The rows of a results table as a run: per person the id, name and department, then per specialty its level, and
 * its next level with the criteria blocking it where shown (for a specialty the person practises). The criteria are
 * read from the CSV's shortfall in words (each begins with the criterion's name: `責任性: … / サイズ: …`) or the
 * workbook's list of unmet criteria by name, and must be as many as the unmet count beside them.
 */
function tableRun(table: CsvTable, file: string, format: 'csv' | 'xlsx', { describer: d, width }: { describer: Describer; width: number }): ResultsRun {
  // Collisions name the sheet too (`results.xlsx[一覧]:5`); the run is the file's.
  const builder = new RunBuilder(table.file, format);
  const specialties = d.standard.specialties.map((s) => s.id);
  const names = new Map((Object.keys(criterionWordings) as CriterionKind[]).map((kind) => [d.criterionName(kind), kind]));
  const escaped = [...names.keys()].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const shortfall = new RegExp(`(?:^| / )(${escaped.join('|')}): `, 'g');
  const criteriaOf = (text: string): (CriterionKind | undefined)[] =>
    format === 'csv' ? [...text.matchAll(shortfall)].map((m) => names.get(m[1]!)) : text.split(d.table.listSeparator).map((name) => names.get(name.trim()));
  for (let i = 0; i < table.rows.length; i++) {
    const cells = table.rows.get(i);
    const line = table.rowNumbers[i]!;
    const bad = (column: number, expect: 'level' | 'id' | 'criteria', count = 0) =>
      new ResultsFileError([{ code: 'bad-cell', file: table.file, line, params: { column: headerKey(table.header[column] ?? ''), value: cells[column] ?? '', expect, count, names: [...names.keys()].join(', ') } }]);
    const id = (cells[0] ?? '').trim();
    if (id === '') throw bad(0, 'id');
    const read = new Map<string, RunSpecialty>();
    specialties.forEach((specialty, s) => {
      const at = 3 + s * width;
      const number = (column: number): number | null => {
        const text = (cells[column] ?? '').trim();
        if (text === '') return null;
        if (!LEVEL_CELL.test(text)) throw bad(column, 'level');
        return Number(text);
      };
      const level = number(at);
      const nextLevel = number(at + 3);
      const unmet = number(at + 4);
      if (nextLevel === null) {
        read.set(specialty, { level, next: null });
        return;
      }
      const listed = (cells[at + 5] ?? '').trim();
      const gaps = listed === '' ? [] : criteriaOf(listed);
      if (unmet === null || gaps.length !== unmet || gaps.some((g) => g === undefined)) throw bad(at + 5, 'criteria', unmet ?? 0);
      read.set(specialty, { level, next: { level: nextLevel, gaps: gaps as CriterionKind[] } });
    });
    // As written: the JSON of the same run has them so (only the CSV's guard against formulas is taken off).
    const text = (column: number) => {
      const cell = cells[column] ?? '';
      return cell === '' ? null : format === 'csv' ? unguarded(cell) : cell;
    };
    builder.add({ id: text(0)!, name: text(1), department: text(2), specialties: read, line });
  }
  if (builder.run.people.length === 0 && builder.run.collisions.length === 0) throw new ResultsFileError([{ code: 'no-results', file }]);
  builder.run.file = file;
  return builder.run;
}

/** A row itss would never write (ragged, a quote left open, bytes that do not decode): the file is not compared. */
function refuseBadRows(table: CsvTable): void {
  const first = table.badRows[0];
  if (first) throw new InputError([badRowDiagnostic(table, first)]);
}

/** The results CSV (`itss batch -o results.csv`), in either language. */
export async function readCsvResults(file: string, standard: Standard, runLang: Lang): Promise<ResultsRun> {
  let table: CsvTable;
  try {
    table = await readCsv(file);
  } catch (error) {
    if (error instanceof CsvDecodeError) throw new InputError([{ code: 'bad-encoding', file, line: error.line, column: error.column, path: '', encoding: error.encoding, value: error.value }]);
    throw new InputError([{ code: 'unreadable', file, path: '', ...fileProblem(error, 'no-such-file') }]);
  }
  const match = matchColumns(file, table.header, standard, 'csv.gaps', runLang);
  if ('problem' in match) throw new ResultsFileError([match.problem]);
  refuseBadRows(table);
  return tableRun(table, file, 'csv', match);
}

/**
 * The results workbook (`itss batch -o results.xlsx`): its summary sheet, and the sheets it continues on past
 * Excel's rows (`一覧 (2)`). The reader reads every sheet (the criteria sheet's rows too, let go once read): looking
 * for the summary's header alone, by a column only it has, left every row of the other sheets to be tested as a
 * title row, cell by cell, which at 50k people took longer than keeping them (5 s against 8, for 30 MB more).
 */
export async function readWorkbookResults(file: string, standard: Standard, runLang: Lang): Promise<ResultsRun> {
  const describers = LANGS.map((lang) => new Describer(lang, standard));
  let sheets: Awaited<ReturnType<typeof readXlsx>>;
  try {
    sheets = await readXlsx(file, { ids: describers.map((d) => d.t('csv.candidate_id')), columns: [] }, () => () => undefined);
  } catch (error) {
    throw new InputError([unreadableWorkbook(file, error)]);
  }
  const names = sheets.map((s) => s.sheet);
  const describer = describers.find((d) => names.includes(d.t('xlsx.sheet.summary')));
  if (!describer) {
    const expected = describers.find((d) => d.lang === runLang)!.t('xlsx.sheet.summary');
    throw new ResultsFileError([{ code: 'workbook-sheets', file, params: { expected, value: names.join(', ') } }]);
  }
  const summary = describer.t('xlsx.sheet.summary');
  const continued = new Set(names.map((_, i) => describer.t('xlsx.sheet.continued', { sheet: summary, n: i + 2 })));
  const tables = sheets.filter((s) => s.sheet === summary || continued.has(s.sheet)).map((s) => s.table);
  // The continuation sheets repeat the summary's header: one table of all their rows, numbered by their sheets.
  const [first] = tables;
  const match = matchColumns(first!.file, first!.header, standard, 'xlsx.unmet', runLang);
  if ('problem' in match) throw new ResultsFileError([match.problem]);
  const runs = tables.map((table) => {
    refuseBadRows(table);
    return tableRun(table, file, 'xlsx', match);
  });
  return { ...mergeRuns(runs), ...recordedRun(await workbookProperties(file)) };
}

/**
 * The as-of date and the standard a results workbook records in its properties (written since issue 24; Excel and
 * LibreOffice keep them): null where a workbook has none (an older one), or a date that is not one.
 */
function recordedRun(properties: Map<string, string> | undefined): Pick<ResultsRun, 'asOf' | 'standard'> {
  const asOf = properties?.get(RESULTS_PROPERTIES.asOf)?.trim();
  const id = properties?.get(RESULTS_PROPERTIES.standard)?.trim();
  const version = properties?.get(RESULTS_PROPERTIES.standardVersion)?.trim();
  return {
    asOf: isRecordedAsOf(asOf) ? asOf : null,
    standard: id ? { id, ...(version ? { version } : {}) } : null,
  };
}

/** A table continued on several sheets, as one run (its ids may collide across sheets too). */
function mergeRuns(runs: ResultsRun[]): ResultsRun {
  if (runs.length === 1) return runs[0]!;
  const builder = new RunBuilder(runs[0]!.file, 'xlsx');
  for (const run of runs) {
    builder.run.collisions.push(...run.collisions);
    for (const key of run.collided) builder.run.collided.add(key);
    for (const person of run.people) builder.add(person);
  }
  return builder.run;
}

/** Why a workbook cannot be read, as the batch says it (a file that cannot be opened: unreadable). */
function unreadableWorkbook(file: string, error: unknown): Diagnostic {
  if (!(error instanceof WorkbookError)) return { code: 'unreadable', file, path: '', ...fileProblem(error, 'no-such-file') };
  return workbookDiagnostic(file, error);
}
