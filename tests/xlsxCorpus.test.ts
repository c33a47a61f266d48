/**
 * Workbooks from real writers (tests/fixtures/workbooks/, made by scripts/makeWorkbookCorpus.py from one set of
 * tables, with their CSV twins; and, made here, exceljs's streaming writer, LibreOffice Calc and a workbook of
 * 20,000 rows of Japanese text): each is read three times and must give, every time, what its CSV twin gives —
 * the same records, the same rejections, the same exit — whoever wrote it and in whatever order its parts
 * are stored. Hostile workbooks (error cells, formulas never calculated, values under no header, two sheets of
 * one name, a zip bomb) are refused at their cell, sheet or part, and nothing else is lost.
 *
 * No test measures time: the zip bomb's test bounds memory (peak RSS of its own process) and leaves the rest to
 * the test's timeout. The zip bomb runs bin/itss.js (the build: `npm test` makes it first), in a process of
 * its own with an empty TMPDIR.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBatch } from '../src/batch/runBatch.js';
import type { Diagnostic } from '../src/input/diagnostic.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import {
  AS_OF,
  batch,
  type BatchRun,
  errorRows,
  everything,
  excelJsTwin,
  FIXTURES,
  neutralised,
  outcome,
  records,
  utf8BoundaryBook,
  withDeclaredSize,
  withoutInputNames,
  zipEntries,
  zipPart,
} from './workbookCorpus.js';

const dir = mkdtempSync(join(tmpdir(), 'itss-corpus-'));
const CSV = `${FIXTURES}/csv`;
const CSV_JA = `${FIXTURES}/csv-ja-date-formats`;
const book = (name: string) => `${FIXTURES}/${name}`;
const TIMEOUT = 120_000;

interface Candidate {
  candidate: { id: string };
  specialties: { examLevel: number | null }[];
}
const ids = (run: BatchRun) => (records(run.out) as Candidate[]).map((r) => r.candidate.id);

/** The twin's run, once per folder and options. */
const twins = new Map<string, Promise<BatchRun>>();
function twin(folder: string, extra: string[] = []): Promise<BatchRun> {
  const key = [folder, ...extra].join(' ');
  if (!twins.has(key)) twins.set(key, batch(dir, [folder], extra));
  return twins.get(key)!;
}

/** Nothing a run writes holds an object printed as text or a character that did not decode. */
function clean(run: BatchRun): void {
  expect(everything(run)).not.toContain('[object Object]');
  expect(everything(run)).not.toContain('\uFFFD');
}

/** Three runs of the workbooks, byte for byte the same; and what its CSV twin gives, the inputs' names aside. */
async function readsAsTwin(inputs: string[], folder: string, extra: string[] = []): Promise<BatchRun> {
  const runs: BatchRun[] = [];
  for (let i = 0; i < 3; i++) runs.push(await batch(dir, inputs, extra));
  for (const run of runs) clean(run);
  for (const run of runs.slice(1)) expect([run.code, run.out, run.errors]).toEqual([runs[0].code, runs[0].out, runs[0].errors]);
  const csv = await twin(folder, extra);
  expect(outcome(runs[0], inputs)).toEqual(outcome(csv, [folder]));
  // Not vacuous: the twin's candidates are there.
  expect(ids(runs[0]).length).toBeGreaterThanOrEqual(5);
  return runs[0];
}

/** A twin's records and rejections, but for the candidates named. */
async function twinWithout(folder: string, rejected: string[]) {
  const { records: all, errors } = outcome(await twin(folder), [folder]);
  return { records: (all as Candidate[]).filter((r) => !rejected.includes(r.candidate.id)), errors };
}

const WELL_FORMED: [string, string, string][] = [
  ['openpyxl.xlsx', CSV, "openpyxl's own output: inline strings, characters as references (&#31038;), sheets before styles, the workbook last"],
  ['pandas.xlsx', CSV, 'DataFrame.to_excel through openpyxl: empty cells as inlineStr cells without text, header cells styled'],
  ['excel-order.xlsx', CSV, "shared strings, parts in Excel's own order"],
  ['reordered.xlsx', CSV, 'sheets first, shared strings after them, the workbook and its relationships last'],
  ['streamed.xlsx', CSV, 'written to a stream that cannot seek: data descriptors, sizes only in the central directory'],
  ['numbers.xlsx', CSV, '420000000.00000006, staff counts in 0.00E+00, the id 1234 in format 000000'],
  ['very-hidden.xlsx', CSV, 'the exams sheet veryHidden'],
  ['ja-date-formats.xlsx', CSV_JA, 'every built-in ja-JP date format id, era formats, 1900 date system'],
  ['ja-date-formats-1904.xlsx', CSV_JA, 'the same in the 1904 date system'],
];

describe('workbooks from real writers read as their CSV twins, the same on every run', () => {
  it.each(WELL_FORMED)('%s (%s: %s)', async (name, folder) => {
    await readsAsTwin([book(name)], folder);
  }, TIMEOUT);

  it.each(['ja-date-formats.xlsx', 'ja-date-formats-1904.xlsx'])('%s: every level\'s months (--detail) as the twin has them', async (name) => {
    await readsAsTwin([book(name)], CSV_JA, ['--detail']);
  }, TIMEOUT);

  it('a workbook written by exceljs\'s streaming writer (shared strings)', async () => {
    await readsAsTwin([await excelJsTwin(CSV, join(dir, 'exceljs.xlsx'))], CSV);
  }, TIMEOUT);

  it('the CSV twin is read whole: every candidate assessed, in order of first appearance', async () => {
    const run = await twin(CSV);
    expect([run.code, run.errors.split('\n').filter((l) => l.trim() !== '').length, ids(run)]).toEqual([0, 1, ['E2001', 'E2002', 'E2007', 'E2003', '001234', 'E2006', 'E2005']]);
  }, TIMEOUT);

  it('cells in a format that shows no day are read as their month, and that shows in the months', async () => {
    const [days, months] = [await twin(CSV, ['--detail']), await twin(CSV_JA, ['--detail'])];
    expect(outcome(months, [CSV_JA]).records).not.toEqual(outcome(days, [CSV]).records);
  }, TIMEOUT);

  it('numbers.xlsx: the id in format 000000 is 001234, as Excel shows it', async () => {
    const run = await batch(dir, [book('numbers.xlsx')]);
    expect(ids(run)).toContain('001234');
    expect(ids(run)).not.toContain('1234');
  }, TIMEOUT);

  it('very-hidden.xlsx: the very hidden exams sheet is read (the AP counts) and named in a notice', async () => {
    const notices: Diagnostic[] = [];
    const assessed: Candidate[] = [];
    await runBatch([book('very-hidden.xlsx')], { standard: builtinStandard(), asOf: AS_OF }, { assessed: (a) => assessed.push(a), rejected: () => {}, notice: (n) => notices.push(n) });
    expect(notices).toContainEqual(expect.objectContaining({ code: 'hidden-sheet', value: '資格', file: `${book('very-hidden.xlsx')}[資格]` }));
    expect(assessed.find((a) => a.candidate.id === 'E2001')!.specialties[0].examLevel).toBe(3);
    const run = await batch(dir, [book('very-hidden.xlsx')]);
    expect(run.stderr).toContain('資格');
  }, TIMEOUT);
});

describe('the fixtures are what their names say', () => {
  const names = (file: string) => zipEntries(book(file)).map((e) => e.name);

  it('excel-order.xlsx is in Excel\'s part order; reordered.xlsx has its sheets first and the workbook last', () => {
    expect(names('excel-order.xlsx')).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', ...[1, 2, 3, 4, 5].map((n) => `xl/worksheets/sheet${n}.xml`), 'xl/theme/theme1.xml', 'xl/styles.xml', 'xl/sharedStrings.xml', 'docProps/app.xml', 'docProps/core.xml']);
    const reordered = names('reordered.xlsx');
    expect(reordered.slice(0, 6)).toEqual([5, 4, 3, 2, 1].map((n) => `xl/worksheets/sheet${n}.xml`).concat('xl/sharedStrings.xml'));
    expect(reordered.slice(-3)).toEqual(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', '_rels/.rels']);
  });

  it('streamed.xlsx has a data descriptor for every part', () => {
    expect(zipEntries(book('streamed.xlsx')).every((e) => (e.flags & 0x08) !== 0)).toBe(true);
  });

  it('ja-date-formats.xlsx names the built-in date formats by id only', () => {
    const styles = zipPart(book('ja-date-formats.xlsx'), 'xl/styles.xml');
    const used = [...styles.matchAll(/<xf numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    const defined = [...styles.matchAll(/<numFmt numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    const builtin = [14, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58];
    expect(builtin.filter((id) => !used.includes(id) || defined.includes(id))).toEqual([]);
    expect(styles).toContain('[$-411]ge.m.d');
    expect(styles).toContain('[$-ja-JP-x-gannen]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;');
    expect(zipPart(book('ja-date-formats-1904.xlsx'), 'xl/workbook.xml')).toContain('date1904="1"');
  });

  it('numbers.xlsx stores 420000000.00000006; error-cells.xlsx has formulas with an empty <v> and with none', () => {
    expect(zipPart(book('numbers.xlsx'), 'xl/worksheets/sheet1.xml')).toContain('<v>420000000.00000006</v>');
    const sheet = zipPart(book('error-cells.xlsx'), 'xl/worksheets/sheet1.xml');
    expect(sheet).toContain('<c r="K14"><f>K13*2</f><v></v></c>');
    expect(sheet).toContain('<c r="M12"><f>SUM(K4:K6)</f></c>');
  });

  it('zip-bomb.xlsx is under 3 MB and declares a sheet of more than 2 GiB', () => {
    expect(statSync(book('zip-bomb.xlsx')).size).toBeLessThan(3 << 20);
    expect(zipEntries(book('zip-bomb.xlsx')).find((e) => e.name === 'xl/worksheets/sheet1.xml')!.size).toBeGreaterThan(2 ** 31);
  });
});

describe('hostile workbooks', () => {
  it('error-cells.xlsx: a row with an error cell or a formula without a value is rejected at its cell; the others are scored', async () => {
    const file = book('error-cells.xlsx');
    const run = await batch(dir, [file]);
    clean(run);
    expect(run.code).toBe(1);
    const errors = errorRows(run.errors);
    const sheet = `${file}[業務経験]`;
    // The sheet's rows: a title and a blank row above the header (row 3).
    // In the order of the sheet's rows (a row without an id is reported apart from the candidates').
    const cells = errors.filter((e) => ['error-cell', 'formula-without-value'].includes(e.code)).map((e) => [e.file, e.row, e.column, e.candidate_id, e.code, e.value]);
    expect(cells.sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      [sheet, '9', '12', 'E2002', 'error-cell', '#N/A'],
      [sheet, '12', '13', 'E2003', 'formula-without-value', neutralised('=SUM(K4:K6)')],
      // openpyxl writes a formula it cannot calculate with an empty <v></v>: no value all the same.
      [sheet, '14', '11', '001234', 'formula-without-value', neutralised('=K13*2')],
      [sheet, '21', '1', '', 'error-cell', '#N/A'],
    ]);
    // #N/A is never an id.
    expect(ids(run)).not.toContain('#N/A');
    expect(errors.map((e) => e.candidate_id)).not.toContain('#N/A');
    expect(run.stderr.split('\n').filter((l) => l.startsWith('#N/A'))).toEqual([]);
    // Everyone else is scored as the CSV twin scores them.
    const expected = await twinWithout(CSV, ['E2002', 'E2003', '001234']);
    expect(records(withoutInputNames(run.out, [file]))).toEqual(expected.records);
  }, TIMEOUT);

  it('blank-header.xlsx: a value under a blank header cell rejects its row, at its cell; the others are scored', async () => {
    const file = book('blank-header.xlsx');
    const run = await batch(dir, [file]);
    clean(run);
    expect(run.code).toBe(1);
    const sheet = `${file}[業務経験]`;
    expect(errorRows(run.errors).filter((e) => e.code === 'value-without-header').map((e) => [e.file, e.row, e.column, e.candidate_id, e.value])).toEqual([
      [sheet, '6', '6', 'E2002', '要確認（人事メモ）'],
      [sheet, '13', '16', '001234', '備考: 兼務'],
    ]);
    const expected = await twinWithout(CSV, ['E2002', '001234']);
    expect(records(withoutInputNames(run.out, [file]))).toEqual(expected.records);
  }, TIMEOUT);

  it('duplicate-sheets.xlsx: two sheets named but for case alike refuse the workbook, naming both (exit 2; 1 beside a good input)', async () => {
    const file = book('duplicate-sheets.xlsx');
    const alone = await batch(dir, [file]);
    clean(alone);
    expect([alone.code, alone.out]).toEqual([2, '']);
    const [error, ...more] = errorRows(alone.errors);
    expect(more).toEqual([]);
    expect([error.file, error.code]).toEqual([file, 'duplicate-sheet']);
    expect([error.value, error.expected].join(' ').split(/[ |]+/).sort()).toEqual(['Exams', 'exams']);
    expect(alone.stderr).toMatch(/Exams[^\n]*exams|exams[^\n]*Exams/);
    const beside = await batch(dir, [file, 'examples/yamada-hanako.yaml']);
    clean(beside);
    expect([beside.code, ids(beside), errorRows(beside.errors).map((e) => e.code)]).toEqual([1, ['E0001'], ['duplicate-sheet']]);
  }, TIMEOUT);

  /**
   * bin/itss.js in a process of its own, with an empty TMPDIR, reporting its peak RSS when it exits. The bomb
   * must be refused at its part without inflating it into memory or onto disk.
   */
  function bomb(file: string) {
    const tmp = mkdtempSync(join(dir, 'tmpdir-'));
    const [out, errors] = [join(dir, 'bomb.jsonl'), join(dir, 'bomb-errors.csv')];
    const peak = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nmaxrss_kb="+process.resourceUsage().maxRSS+"\\n"))';
    const { LC_ALL: _all, LC_MESSAGES: _messages, ...env } = process.env;
    const child = spawnSync(process.execPath, ['--import', peak, 'bin/itss.js', 'batch', file, '-o', out, '--errors', errors, '--as-of', AS_OF], { env: { ...env, LANG: 'en_US.UTF-8', TMPDIR: tmp }, encoding: 'utf8', timeout: TIMEOUT });
    const maxRssKb = Number(/maxrss_kb=(\d+)/.exec(child.stderr)?.[1]);
    return { code: child.status, stderr: child.stderr, maxRssKb, errors: errorRows(existsSync(errors) ? readFileSync(errors, 'utf8') : ''), tmpLeft: readdirSync(tmp), out: existsSync(out) };
  }

  it('zip-bomb.xlsx (a sheet of 2 GiB of whitespace, 2 MB on disk) is refused at its part; memory stays low, nothing goes to TMPDIR', () => {
    expect(existsSync('dist/cli.js')).toBe(true);
    const run = bomb(book('zip-bomb.xlsx'));
    expect(run.stderr).not.toContain('[object Object]');
    expect([run.code, run.errors.map((e) => [e.code, e.value]), run.tmpLeft, run.out]).toEqual([2, [['workbook-too-large', 'xl/worksheets/sheet1.xml']], [], false]);
    expect(run.maxRssKb).toBeLessThan(256 * 1024);
  }, TIMEOUT);

  it('the same bomb declaring a small size (a zip that lies) is refused at its part as well', () => {
    const lying = withDeclaredSize(book('zip-bomb.xlsx'), 'xl/worksheets/sheet1.xml', 300_000, join(dir, 'lying-bomb.xlsx'));
    const run = bomb(lying);
    expect(run.code).toBe(2);
    expect(run.errors.map((e) => e.value)).toEqual(['xl/worksheets/sheet1.xml']);
    expect(['workbook-too-large', 'bad-workbook']).toContain(run.errors[0].code);
    expect([run.tmpLeft, run.out]).toEqual([[], false]);
    expect(run.maxRssKb).toBeLessThan(256 * 1024);
  }, TIMEOUT);

  it('utf8-boundary: 20,000 rows of Japanese text (characters of 2 to 4 bytes across every chunk) read whole, as the CSV twin', async () => {
    const { book: file, csvFolder } = await utf8BoundaryBook(dir, 20_000);
    // Large enough to cross many chunks of inflating and decoding.
    expect(zipEntries(file).find((e) => e.name === 'xl/sharedStrings.xml')!.size).toBeGreaterThan(2 << 20);
    const [fromBook, fromCsv] = [await batch(dir, [file]), await batch(dir, [csvFolder])];
    clean(fromBook);
    clean(fromCsv);
    expect([fromCsv.code, ids(fromCsv).length]).toEqual([0, 4000]);
    expect(outcome(fromBook, [file])).toEqual(outcome(fromCsv, [csvFolder]));
  }, TIMEOUT);
});

/**
 * LibreOffice Calc as a writer: the CSV twin converted, a workbook per table (as a user of Calc saves them). Its
 * first start (a new profile, from a cold disk) takes 10–35 s on a loaded 2-core machine: once, in beforeAll,
 * with its own timeout. The test fails, never skips, when LibreOffice is missing.
 */
describe('workbooks written by LibreOffice Calc', () => {
  const FIRST_START = 240_000;
  const lo = join(dir, 'libreoffice');
  const profile = `file://${join(dir, 'lo-profile')}`;
  let books: string[] = [];

  beforeAll(() => {
    mkdirSync(lo);
    const tables = readdirSync(CSV).filter((f) => f.endsWith('.csv')).sort();
    // CSV:44,34,76,1,1/2/12/2,1041 — comma, double quote, UTF-8, from row 1, columns 1 (the id: 001234 stays
    // 001234) and 12 (the money) as text, Japanese: the days become date cells, and numbers numbers. (Calc in
    // Japanese reads the text ７．５億円 as the number 7.5, dropping 億円: a user who keeps money as Calc read it
    // loses it before itss sees it.)
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--infilter=CSV:44,34,76,1,1/2/12/2,1041', '--convert-to', 'xlsx', '--outdir', lo, ...tables.map((f) => join(CSV, f))], { stdio: 'pipe', timeout: FIRST_START });
    books = tables.map((f) => join(lo, f.replace(/\.csv$/, '.xlsx')));
  }, FIRST_START);

  it('the CSV twin saved as workbooks by LibreOffice reads as the CSV', async () => {
    expect(books.every((b) => existsSync(b))).toBe(true);
    expect(zipPart(books.find((b) => b.endsWith('業務経験.xlsx'))!, 'xl/worksheets/sheet1.xml')).toMatch(/<c r="F2" s="[1-9]\d*" t="n"><v>42109<\/v>/);
    await readsAsTwin(books, CSV);
  }, TIMEOUT);
});
