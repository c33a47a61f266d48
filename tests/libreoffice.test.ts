/**
 * A real spreadsheet application as the ground truth for workbooks (LibreOffice Calc, installed by .ci/run):
 * it turns CSV tables into XLSX workbooks of its own making (date cells and all) that must score as the CSV does,
 * and it opens the workbooks itss writes — the template and the results — and reads back what itss put there.
 * The test fails, never skips, when LibreOffice is missing.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cliHarness.js';
import Papa from 'papaparse';

const dir = mkdtempSync(join(tmpdir(), 'itss-lo-'));
const profile = `file://${join(dir, 'profile')}`;

/** soffice --headless --convert-to, with a fresh profile; returns the converted file. */
function convert(file: string, to: string, outdir: string, infilter?: string): string {
  mkdirSync(outdir, { recursive: true });
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', ...(infilter ? [`--infilter=${infilter}`] : []), '--convert-to', to, '--outdir', outdir, file], { stdio: 'pipe', timeout: FIRST_START });
  const name = file.split('/').pop()!.replace(/\.[^.]+$/, '');
  return join(outdir, `${name}.${to.split(':')[0]}`);
}

const jsonl = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

/**
 * LibreOffice's first start (a new profile, its libraries read from a cold disk) takes 10–35 s on a loaded
 * 2-core machine: it happens once, here, with its own timeout, and each test then has time for its conversions
 * on one slow core. No test measures time.
 */
const FIRST_START = 240_000;
const CONVERSIONS = 120_000;

describe('workbooks against LibreOffice Calc', () => {
  beforeAll(() => {
    const warm = join(dir, 'warm');
    mkdirSync(warm);
    writeFileSync(join(warm, 'start.csv'), 'a\n1\n');
    convert(join(warm, 'start.csv'), 'xlsx', warm);
  }, FIRST_START);

  it('a workbook LibreOffice makes from CSV tables scores as the CSV tables do', async () => {
    const csv = join(dir, 'csv');
    mkdirSync(csv);
    writeFileSync(join(csv, '業務経験.csv'), '社員番号,氏名,専門分野,役割,開始,終了,複雑性,要員数,年間契約金額\nE1,佐藤 一郎,オペレーション,リーダ,2020/04/01,,複雑な運用システム;高度な業務要件,20,3億円\nE2,鈴木 花子,operation,member,2021/04/01,2024/03/31,,5,150000000\n');
    writeFileSync(join(csv, '資格.csv'), '社員番号,試験,合格\nE1,AP,2018/12/01\n');
    // CSV:44,34,76,1 — comma, double quote, UTF-8, from row 1: LibreOffice reads the dates as date cells.
    const books = ['業務経験.csv', '資格.csv'].map((f) => convert(join(csv, f), 'xlsx', join(dir, 'lo'), 'CSV:44,34,76,1'));
    const [fromBooks, fromCsv] = [join(dir, 'books.jsonl'), join(dir, 'csv.jsonl')];
    expect((await runCli(['batch', ...books, '-o', fromBooks, '--as-of', '2026-04-01'])).code).toBe(0);
    expect((await runCli(['batch', join(csv, '業務経験.csv'), join(csv, '資格.csv'), '-o', fromCsv, '--as-of', '2026-04-01'])).code).toBe(0);
    expect(jsonl(fromBooks)).toEqual(jsonl(fromCsv));
    expect(jsonl(fromBooks).map((a) => a.candidate.id)).toEqual(['E1', 'E2']);
  }, CONVERSIONS);

  it('opens the results workbook itss writes, and reads the same levels', async () => {
    const results = join(dir, 'results.xlsx');
    const records = join(dir, 'results.jsonl');
    expect((await runCli(['batch', 'examples/hr-export', '-o', results, '--as-of', '2026-04-01'])).code).toBe(0);
    expect((await runCli(['batch', 'examples/hr-export', '-o', records, '--as-of', '2026-04-01'])).code).toBe(0);
    // Its first sheet (the summary) as LibreOffice reads it.
    const text = readFileSync(convert(results, 'csv:Text - txt - csv (StarCalc):44,34,76', join(dir, 'back')), 'utf8').replace(/^\uFEFF/, '');
    // Parsed as CSV: the headers hold line breaks (broken between words to fit their columns).
    const rows = (Papa.parse<string[]>(text.trim()).data).slice(1);
    expect(rows.map((cells) => [cells[0], cells[3] === '' ? null : Number(cells[3])])).toEqual(jsonl(records).map((a) => [a.candidate.id, a.specialties[0].level]));
    // Saved again by LibreOffice, it still says what it is (its as-of date and standard) and holds the same levels:
    // itss diff against the JSON Lines of the same day finds nothing changed.
    const resaved = convert(results, 'xlsx', join(dir, 'resaved'));
    const diff = await runCli(['diff', records, resaved, '--format', 'json']);
    expect([diff.code, diff.stderr]).toEqual([0, '']);
    const read = JSON.parse(diff.stdout) as { new: object; changes: unknown[]; added: unknown[]; removed: unknown[] };
    expect(read.new).toMatchObject({ format: 'xlsx', asOf: '2026-04-01', standard: { id: 'itss-v3-itsm', version: '2011' }, people: 6 });
    expect([read.changes, read.added, read.removed]).toEqual([[], [], []]);
  }, CONVERSIONS);

  it('opens the input template itss writes, with its headers', async () => {
    const template = join(dir, 'input.xlsx');
    expect((await runCli(['init', template, '--lang', 'en'])).code).toBe(0);
    // The first sheet is the instructions; LibreOffice must read the workbook at all, and its first line.
    const text = readFileSync(convert(template, 'csv:Text - txt - csv (StarCalc):44,34,76', join(dir, 'template')), 'utf8');
    expect(text.split('\n')[0]).toContain('itss input workbook');
    // In Japanese: the instructions first, the forms of dates and money, each label before its id.
    const ja = join(dir, 'input-ja.xlsx');
    expect((await runCli(['init', ja, '--lang', 'ja'])).code).toBe(0);
    const lines = readFileSync(convert(ja, 'csv:Text - txt - csv (StarCalc):44,34,76', join(dir, 'template-ja')), 'utf8').split('\n');
    expect(lines[0]).toContain('itss 入力用ブック');
    expect(lines.join('\n')).toContain('令和2年4月1日');
    expect(lines).toContain('専門分野,運用管理,operation-management');
  }, CONVERSIONS);
});
