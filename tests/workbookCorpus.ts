/**
 * Helpers of tests/xlsxCorpus.test.ts: a batch run through the CLI with its results and errors read back, the
 * names of the inputs taken out of them (a workbook's `book.xlsx[業務経験]` and a CSV twin's `csv/業務経験.csv` both
 * become «業務経験», and nothing else is changed), and workbooks the tests write themselves (exceljs's streaming
 * writer, and a large one of Japanese text with its CSV twin).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import Excel from 'exceljs';
import Papa from 'papaparse';
import { runCli } from './cliHarness.js';

export const FIXTURES = 'tests/fixtures/workbooks';
export const AS_OF = '2026-04-01';

export interface BatchRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The results file as written ('' when none was). */
  out: string;
  /** The errors CSV as written. */
  errors: string;
}

let runs = 0;

/** `itss batch INPUTS -o OUT.jsonl --errors ERRORS.csv --as-of 2026-04-01 [extra]`, in-process. */
export async function batch(dir: string, inputs: string[], extra: string[] = []): Promise<BatchRun> {
  const n = ++runs;
  const [out, errors] = [join(dir, `out-${n}.jsonl`), join(dir, `errors-${n}.csv`)];
  const run = await runCli(['batch', ...inputs, '-o', out, '--errors', errors, '--as-of', AS_OF, ...extra]);
  return { ...run, out: existsSync(out) ? readFileSync(out, 'utf8') : '', errors: existsSync(errors) ? readFileSync(errors, 'utf8') : '' };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text with each input's name replaced by its table's: `BOOK[sheet]` → «sheet» for a workbook,
 * `FOLDER/name.csv` → «name» for a folder of CSV files (and `FOLDER/name.xlsx[sheet]` → «sheet» for a folder of
 * workbooks, a table each). Only the names of the inputs given change.
 */
export function withoutInputNames(text: string, inputs: readonly string[]): string {
  let result = text;
  for (const input of inputs) {
    const name = escapeRegExp(input);
    result = input.endsWith('.xlsx')
      ? result.replace(new RegExp(`${name}\\[([^\\]]+)\\]`, 'g'), '«$1»')
      : result.replace(new RegExp(`${name}/[^"\\[\\],/]+?\\.xlsx\\[([^\\]]+)\\]`, 'g'), '«$1»').replace(new RegExp(`${name}/([^"/,]+?)\\.csv`, 'g'), '«$1»');
  }
  return result;
}

/** The records of a JSON Lines results file. */
export function records(out: string): unknown[] {
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

export type ErrorRow = Record<'file' | 'row' | 'column' | 'candidate_id' | 'path' | 'code' | 'value' | 'expected' | 'suggestion' | 'message', string>;

/** The rows of an errors CSV (English headers, as runCli's LANG gives). */
export function errorRows(errors: string): ErrorRow[] {
  if (errors === '') return [];
  const parsed = Papa.parse<ErrorRow>(errors.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  return parsed.data;
}

/** A value as the errors CSV writes it: text that a spreadsheet would take for a formula is led by `'`. */
export const neutralised = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * What a run says, compared between a workbook and its CSV twin: exit, records, and where each error is and what
 * it is (its file, row, column, candidate, path and code; not the value it quotes, which is the cell as written:
 * a date cell's day is `9999-12-31` where the CSV says `9999/12/31`), the inputs' names taken out.
 */
export function outcome(run: BatchRun, inputs: readonly string[]) {
  return {
    code: run.code,
    records: records(withoutInputNames(run.out, inputs)),
    errors: errorRows(withoutInputNames(run.errors, inputs)).map((e) => [e.file, e.row, e.column, e.candidate_id, e.path, e.code]),
  };
}

/** Everything a run wrote, to look for what must never be there (`[object Object]`, U+FFFD). */
export const everything = (run: BatchRun) => [run.stdout, run.stderr, run.out, run.errors].join('\n');

/** The CSV files of a folder, each as its table: name (the file's, without .csv), header and rows. */
function csvTables(folder: string): { name: string; rows: string[][] }[] {
  return readdirSync(folder)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => ({ name: f.replace(/\.csv$/, ''), rows: Papa.parse<string[]>(readFileSync(join(folder, f), 'utf8'), { skipEmptyLines: true }).data }));
}

const DAY = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;

/**
 * The CSV tables of a folder as one workbook written by exceljs's streaming writer with shared strings: a sheet a
 * table, days as date cells (yyyy/m/d), whole numbers as numbers (ids excepted: `001234` stays text), the rest
 * as text.
 */
export async function excelJsTwin(folder: string, file: string): Promise<string> {
  const book = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  for (const table of csvTables(folder)) {
    const sheet = book.addWorksheet(table.name);
    table.rows.forEach((cells, r) => {
      const row = sheet.addRow(
        cells.map((cell, c) => {
          if (cell === '') return null;
          const day = r > 0 ? DAY.exec(cell) : null;
          if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
          if (r > 0 && c > 0 && /^[1-9]\d{0,14}$/.test(cell)) return Number(cell);
          return cell;
        }),
      );
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'yyyy/m/d';
      });
      row.commit();
    });
    sheet.commit();
  }
  await book.commit();
  return file;
}

/**
 * Japanese text of every UTF-8 length: distinct titles and names over a seeded generator, so that the shared
 * strings and the sheet's XML run to megabytes and characters of 2, 3 and 4 bytes (𠮷, 𩸽) fall across every
 * chunk boundary of inflating and decoding.
 */
const KANJI = '業務知識運用管理障害対応構成変更稼動分析基盤設計構築受入評価監視夜間統合移行計画品質改善標準化自動化';
const KANA = 'あいうえおかきくけこさしすせそたちつてとアイウエオカキクケコサシスセソｱｲｳｴｵ';
const RARE = ['𠮷', '𩸽', '髙', '﨑', 'Ω', 'é', '・', '〜'];
const SURNAMES = ['𠮷田', '髙橋', '山﨑', '佐藤', '鈴木', '田中', '渡邊', '齋藤'];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

/**
 * A workbook of ROWS engagements (five per candidate) written by exceljs's streaming writer with shared
 * strings, and the same table as CSV. Returns both paths.
 */
export async function utf8BoundaryBook(dir: string, rows: number): Promise<{ book: string; csvFolder: string }> {
  const next = seeded(20260401);
  const pick = (s: string) => [...s][next() % [...s].length];
  const text = (length: number) => Array.from({ length }, () => (next() % 11 === 0 ? RARE[next() % RARE.length] : next() % 3 === 0 ? pick(KANA) : pick(KANJI))).join('');
  const header = ['社員番号', '氏名', '案件名', '専門分野', '役割', '開始', '終了', '複雑性', '要員数', '年間契約金額'];
  const specialties = [
    ['運用管理', '高度な運用要件;体制'],
    ['オペレーション', '複雑な運用システム;高度な業務要件'],
    ['システム管理', '高度なシステム運用要件;複雑な運用システム'],
  ];
  const book = join(dir, 'utf8-boundary.xlsx');
  const csvFolder = join(dir, 'utf8-boundary-csv');
  const writer = new Excel.stream.xlsx.WorkbookWriter({ filename: book, useSharedStrings: true, useStyles: true });
  const sheet = writer.addWorksheet('業務経験');
  sheet.addRow(header).commit();
  const csv: string[] = [header.join(',')];
  let name = '';
  for (let i = 0; i < rows; i++) {
    const candidate = `J${String(Math.floor(i / 5) + 1).padStart(5, '0')}`;
    if (i % 5 === 0) name = `${SURNAMES[next() % SURNAMES.length]} ${text(2 + (next() % 3))}`;
    const title = `業務知識${i}「${text(8 + (next() % 40))}」`;
    const [specialty, complexity] = specialties[next() % specialties.length];
    const year = 2000 + (i % 5) * 5;
    const from = [year, 1 + (next() % 12), 1 + (next() % 28)] as const;
    const to = [year + 4, 1 + (next() % 12), 1 + (next() % 28)] as const;
    const staff = 1 + (next() % 90);
    const money = `${1 + (next() % 9)}億${1 + (next() % 9)}千万円`;
    const cells = [candidate, name, title, specialty, i % 5 === 4 ? 'リーダ' : 'メンバ', new Date(Date.UTC(from[0], from[1] - 1, from[2])), new Date(Date.UTC(to[0], to[1] - 1, to[2])), complexity, staff, money];
    const row = sheet.addRow(cells);
    row.getCell(6).numFmt = 'yyyy/m/d';
    row.getCell(7).numFmt = 'yyyy/m/d';
    row.commit();
    csv.push([candidate, name, title, specialty, cells[4], from.join('/'), to.join('/'), complexity, staff, money].join(','));
  }
  sheet.commit();
  await writer.commit();
  mkdirSync(csvFolder);
  writeFileSync(join(csvFolder, '業務経験.csv'), `${csv.join('\n')}\n`);
  return { book, csvFolder };
}

export interface ZipEntry {
  name: string;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

/** A zip's entries as its central directory lists them, in the order stored (no ZIP64: the corpus needs none). */
export function zipEntries(file: string): ZipEntry[] {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries: ZipEntry[] = [];
  for (let at = zip.readUInt32LE(end + 16), n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      flags: zip.readUInt16LE(at + 8),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries.sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
}

/** One small part of a zip, inflated. */
export function zipPart(file: string, name: string): string {
  const zip = readFileSync(file);
  const entry = zipEntries(file).find((e) => e.name === name);
  if (!entry) throw new Error(`${file} has no ${name}`);
  const at = entry.localHeaderOffset;
  const data = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  return inflateRawSync(zip.subarray(data, data + entry.compressedSize)).toString('utf8');
}

/**
 * A copy of a zip whose part NAME declares SIZE bytes, in its local header and in the central directory, whatever
 * it inflates to (a zip bomb that lies).
 */
export function withDeclaredSize(file: string, name: string, size: number, copy: string): string {
  const zip = Buffer.from(readFileSync(file));
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  for (let at = zip.readUInt32LE(end + 16), n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      zip.writeUInt32LE(size, at + 24);
      zip.writeUInt32LE(size, zip.readUInt32LE(at + 42) + 22);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  writeFileSync(copy, zip);
  return copy;
}
