/**
 * The results workbook as XlsxWriter writes it (SpreadsheetML and the zip by hand): read back by exceljs and by
 * LibreOffice Calc, its values those of the JSON Lines output; its zip checked part by part (CRC, sizes); a table
 * longer than a sheet continued on the next; characters XML forbids left out and said; never a half file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { AssessmentRecord, CriterionResult } from '../src/engine/assessment.js';
import { errorsCsvColumns } from '../src/reporters/csvResults.js';
import { runBatch } from '../src/batch/runBatch.js';
import { AtomicFile } from '../src/output/atomicFile.js';
import { headerText } from '../src/output/xlsxWriter.js';
import { XlsxResults } from '../src/reporters/xlsxResults.js';
import { XlsxWriter } from '../src/output/xlsxWriter.js';
import { Describer } from '../src/messages/describe.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { runCli } from './cliHarness.js';

// A disk that fills up on demand: AtomicFile's writes fail with ENOSPC while `diskFull` is set.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (disk.full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return (fs.writeSync as (...a: unknown[]) => number)(...args);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const dir = mkdtempSync(join(tmpdir(), 'itss-xlsx-results-'));
const standard = builtinStandard();
const en = new Describer('en', standard);
const EXPORT = 'examples/hr-export';
const ASOF = ['--as-of', '2026-04-01'];

const jsonl = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AssessmentRecord);

/** The parts of a zip, each inflated and checked against its CRC-32 and sizes (central directory and local header). */
function unzip(file: string): Map<string, string> {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [crc, compressed, size] = [zip.readUInt32LE(at + 16), zip.readUInt32LE(at + 20), zip.readUInt32LE(at + 24)];
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = inflateRawSync(zip.subarray(start, start + compressed));
    expect([name, data.length, crc32(data)]).toEqual([name, size, crc]);
    parts.set(name, data.toString('utf8'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
}

/** A sheet's rows as values, its header row first (exceljs: 1-based cells, rich text as plain). */
const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
};

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book;
}

/** The rows of the criteria sheet the JSON Lines records make: one per candidate × practised specialty × unmet criterion. */
const criteriaRows = (records: AssessmentRecord[], d: Describer) =>
  records.flatMap((a) =>
    a.specialties.flatMap((s) =>
      (s.practised ? (s.next?.gaps ?? []) : []).map((g: CriterionResult) => {
        const text = d.describe(g, s.specialty);
        return [a.candidate.id, a.candidate.name ?? null, a.candidate.department ?? null, d.specialtyName(s.specialty),
          s.next!.level, d.criterionName(g.id), text.required, text.actual, text.gap];
      }),
    ),
  );

/**
 * The summary's cells the JSON Lines records make (warnings aside): id, name, department, seven per specialty (the
 * next level's four only where the person practises it).
 */
const summaryRows = (records: AssessmentRecord[], d: Describer) =>
  records.map((a) => [
    a.candidate.id,
    a.candidate.name ?? null,
    a.candidate.department ?? null,
    ...a.specialties.flatMap((s) => {
      const next = s.practised ? s.next : null;
      const below = s.unmetBelow.length === 0 ? null : s.unmetBelow.length === 1 ? s.unmetBelow[0] : s.unmetBelow.join(', ');
      // The day the next level is reached by time alone: the last metOn where every gap has one.
      const reachedOn = next && next.gaps.length > 0 && next.gaps.every((g) => g.metOn !== undefined) ? next.gaps.map((g) => g.metOn!).sort().at(-1)! : null;
      return [s.level, below, s.examLevel, next?.level ?? null, next?.gaps.length ?? null,
        next?.gaps.map((g) => d.criterionName(g.id)).join(d.table.listSeparator) || null, reachedOn];
    }),
  ]);

/** Records of a batch in-process, to feed an XlsxResults directly. */
async function score(inputs: string[]) {
  const assessed: AssessmentRecord[] = [];
  await runBatch(inputs, { standard, asOf: '2026-04-01' }, { assessed: (a) => assessed.push(a), rejected: () => {} });
  return assessed;
}

describe('the results workbook', () => {
  it('opens in exceljs with the values of JSON Lines; shared styles, borders, printed A4 landscape a page wide with the header on every page', async () => {
    const [xlsx, records] = [join(dir, 'results.xlsx'), join(dir, 'results.jsonl')];
    expect((await runCli(['batch', EXPORT, '-o', xlsx, ...ASOF])).code).toBe(0);
    expect((await runCli(['batch', EXPORT, '-o', records, ...ASOF])).code).toBe(0);
    const book = await readBook(xlsx);
    expect(book.worksheets.map((w) => w.name)).toEqual(['summary', 'next level criteria', 'rejected']);
    const [summary, criteria] = book.worksheets;
    const width = summaryRows(jsonl(records), en)[0].length;
    expect(rowsOf(summary).slice(1).map((r) => r.slice(0, width))).toEqual(summaryRows(jsonl(records), en));
    expect(rowsOf(criteria).slice(1)).toEqual(criteriaRows(jsonl(records), en));
    // Headers broken between words where their column is narrower (next⏎level).
    expect(rowsOf(criteria)[0].map((h) => String(h).replace(/-\n/g, '-').replace(/\n/g, ' '))).toEqual(['candidate_id', 'name', 'department', 'specialty', 'next level', 'criterion', 'required', 'actual', 'gap']);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
      // The summary (six columns a specialty) at 70% with who repeated on each page across; the others a page wide.
      if (sheet === summary) expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: false, scale: 70, printTitlesRow: '1:1', printTitlesColumn: 'A:C' });
      else expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    }
    // Borders on every written cell, the header bold; sentences wrapped.
    expect(criteria.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(criteria.getRow(2).getCell(1).border?.top?.style).toBe('thin');
    expect(criteria.getRow(2).getCell(3).border?.bottom?.style).toBe('thin'); // empty (no department), bordered all the same
    expect(criteria.getRow(2).getCell(9).alignment?.wrapText).toBe(true);
    // The parts: a handful of cell formats, text in the shared strings, print titles per sheet; CRCs and sizes check.
    const parts = unzip(xlsx);
    expect(parts.get('xl/styles.xml')).toMatch(/<cellXfs count="10">/);
    expect(parts.get('xl/workbook.xml')).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'next level criteria'!$1:$1</definedName>`);
    expect([...parts.keys()].filter((p) => p.startsWith('xl/worksheets/')).map((p) => parts.get(p)!.includes('t="inlineStr"'))).toEqual([false, false, false]);
  });

  it('never writes a formula: a name beginning with = is text', async () => {
    const input = join(dir, 'engagements.csv');
    writeFileSync(input, 'candidate_id,candidate_name,specialty,role,from\nE1,=1+1,operation,leader,2019-04\nE2,@SUM(A1),operation,member,2021-04\n');
    const xlsx = join(dir, 'formula.xlsx');
    expect((await runCli(['batch', input, '-o', xlsx, ...ASOF])).code).toBe(0);
    const book = await readBook(xlsx);
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const summary = book.worksheets[0];
    expect([summary.getRow(2).getCell(2).value, summary.getRow(3).getCell(2).value]).toEqual(['=1+1', '@SUM(A1)']);
    expect(summary.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.String);
  });

  it('continues a full sheet on a new one named after it, with the header, the filter and the print titles', async () => {
    const records = await score([EXPORT]);
    const whole = join(dir, 'whole.xlsx');
    const split = join(dir, 'split.xlsx');
    for (const [file, maxRows] of [
      [whole, undefined],
      [split, 4],
    ] as const) {
      const results = XlsxResults.open(file, 'test', en, maxRows ? { maxRows } : {});
      for (const a of records) results.add(a);
      results.commit();
    }
    const book = await readBook(split);
    const criteria = (await readBook(whole)).getWorksheet('next level criteria')!;
    const rows = rowsOf(criteria).length - 1;
    expect(rows).toBeGreaterThan(6);
    // Three rows a sheet besides the header.
    const names = book.worksheets.map((w) => w.name);
    expect(names).toEqual(['summary', 'summary (2)', 'next level criteria', ...Array.from({ length: Math.ceil(rows / 3) - 1 }, (_, i) => `next level criteria (${i + 2})`), 'rejected']);
    const continued = book.worksheets.filter((w) => w.name.startsWith('next level criteria'));
    expect(continued.flatMap((w) => rowsOf(w).slice(1))).toEqual(rowsOf(criteria).slice(1));
    for (const sheet of continued) {
      expect(rowsOf(sheet)[0]).toEqual(rowsOf(criteria)[0]);
      expect(rowsOf(sheet).length).toBeLessThanOrEqual(4);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.pageSetup.printTitlesRow).toBe('1:1');
    }
    const summary = book.worksheets.filter((w) => w.name.startsWith('summary')).flatMap((w) => rowsOf(w).slice(1));
    expect(summary.map((r) => r[0])).toEqual(records.map((a) => a.candidate.id));
    // In Japanese, the sheet's name from the Japanese table.
    const ja = join(dir, 'split-ja.xlsx');
    const results = XlsxResults.open(ja, 'test', new Describer('ja', standard), { maxRows: 4 });
    for (const a of records) results.add(a);
    results.commit();
    expect((await readBook(ja)).worksheets.map((w) => w.name)).toContain('次のレベルの指標 (2)');
  });

  it('leaves out characters XML forbids, names the candidate on stderr, and stays a well-formed workbook', async () => {
    const input = join(dir, 'forbidden');
    mkdirSync(input);
    // U+FFFF in a name (valid UTF-8, no control character: the candidate is scored); U+0001 in another (rejected,
    // the value in the rejected sheet); a lone surrogate from JSON Lines.
    writeFileSync(join(input, 'engagements.csv'), 'candidate_id,candidate_name,specialty,role,from\nE1,山田\uffff花子,operation,leader,2019-04\nE2,佐藤\u0001健,operation,member,2021-04\n');
    writeFileSync(join(input, 'people.jsonl'), `${JSON.stringify({ format: 'itss-candidate/v1', id: 'E3', name: 'a\ud800b', engagements: [{ title: 't', specialty: 'operation', role: 'member', from: '2020-04' }] })}\n`);
    const xlsx = join(dir, 'forbidden.xlsx');
    const run = await runCli(['batch', input, '-o', xlsx, ...ASOF]);
    expect(run.code).toBe(1);
    const warned = (value: string, characters: string, columns: string) => en.diagnostic({ code: 'xml-characters-removed', file: xlsx, path: '', value, characters, columns });
    const lines = run.stderr.split('\n');
    expect(lines).toContain(warned('E1', 'U+FFFF', 'name'));
    expect(lines).toContain(warned('E2', 'U+0001', 'value'));
    expect(lines).toContain(warned('E3', 'U+D800', 'name'));
    // No part holds a character XML forbids; exceljs's strict parser reads every part.
    for (const [name, text] of unzip(xlsx)) expect([name, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/u.test(text)]).toEqual([name, false]);
    const book = await readBook(xlsx);
    const names = rowsOf(book.worksheets[0]).slice(1).map((r) => [r[0], r[1]]);
    expect(names).toEqual([
      ['E1', '山田花子'],
      ['E3', 'ab'],
    ]);
    const rejected = rowsOf(book.getWorksheet('rejected')!).slice(1);
    expect(rejected.map((r) => [r[3], r[5], r[6]])).toEqual([['E2', 'control-character', '佐藤健']]);
  });

  it('leaves no temporary file when aborted, nor any file when nothing was scored', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'itss-xlsx-abort-'));
    const results = XlsxResults.open(join(folder, 'out.xlsx'), 'test', en);
    for (const a of await score([EXPORT])) results.add(a);
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^\.out\.xlsx\.test\.[0-9a-f]{16}\.tmp$/)]);
    results.abort();
    expect(readdirSync(folder)).toEqual([]);
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, 'candidate_id,candidate_name,specialty,role,from\nE1,田中,operation,boss,2019-04\n');
    expect((await runCli(['batch', bad, '-o', join(folder, 'out.xlsx'), ...ASOF])).code).toBe(2);
    expect(readdirSync(folder)).toEqual(['bad.csv']);
  });

  it('turns a failed write (a full disk) into an unwritable error, and leaves no file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'itss-xlsx-full-'));
    const xlsx = join(folder, 'out.xlsx');
    disk.full = true;
    let run;
    try {
      run = await runCli(['batch', EXPORT, '-o', xlsx, ...ASOF]);
    } finally {
      disk.full = false;
    }
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(en.diagnostic({ code: 'unwritable', file: xlsx, path: '', reason: 'disk-full' }));
    expect(readdirSync(folder)).toEqual([]);
    // A folder that is not there: the same error, before any work.
    const missing = await runCli(['batch', EXPORT, '-o', join(folder, 'no', 'out.xlsx'), ...ASOF]);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringContaining(en.diagnostic({ code: 'unwritable', file: join(folder, 'no', 'out.xlsx'), path: '', reason: 'no-such-folder' }))]);
  });
});

/** soffice --headless --convert-to, with a fresh profile (see libreoffice.test.ts: the first start is slow). */
const profile = `file://${join(dir, 'lo-profile')}`;
const FIRST_START = 240_000;
const CONVERSIONS = 120_000;
function convert(file: string, to: string, outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', outdir, file], { stdio: 'pipe', timeout: FIRST_START });
}

/** A CSV file LibreOffice wrote, as rows of cells (quoted cells with commas and line breaks kept whole). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (c !== '\r') cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe('the results workbook in LibreOffice Calc', () => {
  beforeAll(() => {
    const warm = join(dir, 'lo-warm');
    mkdirSync(warm);
    writeFileSync(join(warm, 'start.csv'), 'a\n1\n');
    convert(join(warm, 'start.csv'), 'xlsx', warm);
  }, FIRST_START);

  it('reads text as it was written: escapes, spaces at either end, line breaks, what Excel would take for its own escapes', async () => {
    const texts = ['<a & b>', '  spaces  ', 'two\nlines', 'cr\r\nlf', '_x0041_ stays', 'ok_x00', '=SUM(A1)', '"quoted", comma'];
    const xlsx = join(dir, 'texts.xlsx');
    const file = new AtomicFile(xlsx, 'test');
    const writer = new XlsxWriter(file, { continuedName: (name, n) => `${name} (${n})` });
    const table = writer.table('texts', [{ header: 'text', width: 20 }, { header: 'number', width: 10 }]);
    texts.forEach((text, i) => writer.addRow(table, [text, i + 0.5]));
    writer.finish();
    file.commit();
    convert(xlsx, 'csv:Text - txt - csv (StarCalc):44,34,76,1', join(dir, 'texts-csv'));
    const rows = csvRows(readFileSync(join(dir, 'texts-csv', 'texts.csv'), 'utf8'));
    // LibreOffice keeps a line break as LF, whatever it was written as (exceljs below reads the CR).
    expect(rows).toEqual([['text', 'number'], ...texts.map((text, i) => [text.replace(/\r\n/g, '\n'), String(i + 0.5)])]);
    // exceljs too (it reads OOXML's own escapes as they are, so that one aside).
    const sheet = (await readBook(xlsx)).worksheets[0];
    expect(rowsOf(sheet).slice(1).filter((r) => r[0] !== '_x0041_ stays')).toEqual(texts.filter((t) => t !== '_x0041_ stays').map((text) => [text, texts.indexOf(text) + 0.5]));
  }, CONVERSIONS);

  it('opens every sheet, with the values of JSON Lines, continued sheets included', async () => {
    const records = await score([EXPORT]);
    const xlsx = join(dir, 'lo.xlsx');
    const results = XlsxResults.open(xlsx, 'test', en, { maxRows: 8 });
    for (const a of records) results.add(a);
    results.commit();
    // 44,34,76,1,,0,false,true,false,false,false,-1: comma, quote, UTF-8, …, every sheet to a file of its own.
    const out = join(dir, 'lo-csv');
    convert(xlsx, 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', out);
    const sheet = (name: string) => csvRows(readFileSync(join(out, `lo-${name}.csv`), 'utf8').replace(/^\uFEFF/, ''));
    const text = (cells: unknown[]) => cells.map((c) => (c === null ? '' : String(c)));
    expect(sheet('summary').slice(1).map((r) => r.slice(0, 3 + 7 * 4))).toEqual(summaryRows(records, en).map(text));
    // 7 rows a sheet besides the header.
    const expected = criteriaRows(records, en).map(text);
    const names = ['next level criteria', ...Array.from({ length: Math.ceil(expected.length / 7) - 1 }, (_, i) => `next level criteria (${i + 2})`)];
    expect(names.length).toBeGreaterThan(1);
    expect(names.flatMap((name) => sheet(name).slice(1))).toEqual(expected);
    expect(sheet('rejected')).toEqual([errorsCsvColumns(en)]);
  }, CONVERSIONS);
});

describe('headerText: a header broken between its words to fit its column', () => {
  it.each<[string, number, string]>([
    ['運用管理 レベル', 10, '運用管理\nレベル'],
    ['運用管理 レベル', 20, '運用管理 レベル'],
    ['operation-management level', 12, 'operation-\nmanagement\nlevel'],
    ['operation-management level', 40, 'operation-management level'],
    ['next level', 8, 'next\nlevel'],
    // A word wider than its column stays whole (the spreadsheet wraps it; nothing is lost).
    ['未達の下位レベル', 8, '未達の下位レベル'],
  ])('%s in %i', (header, width, text) => {
    expect(headerText(header, width)).toBe(text);
  });
});
