/**
 * Workbooks as HR tables: a sheet per table (named as the tables are), read as what their cells are — dates,
 * numbers, shared and rich strings, formulas by their cached value — above a title row or two, with a cover
 * sheet beside them. The same data as CSV files must score the same.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../src/engine/assessment.js';
import { loadMapping, type Mapping } from '../src/hr/loadMapping.js';
import { runBatch, type Rejection } from '../src/batch/runBatch.js';
import { ZipArchive } from '../src/tabular/zipArchive.js';
import type { Diagnostic } from '../src/input/diagnostic.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { SPECIALTY_COLUMNS } from '../src/reporters/resultWriter.js';
import { runCli } from './cliHarness.js';

const dir = mkdtempSync(join(tmpdir(), 'itss-xlsx-'));
const standard = builtinStandard();
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
/** The cells of a range (`I10:J1001` → I10, J10 … J1001; or one cell), by column number and row. */
const expand = (range: string): string[] => {
  const at = (cell: string) => {
    const [, letters = '', row = '0'] = /^([A-Z]+)(\d+)$/.exec(cell)!;
    return [[...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0), Number(row)] as const;
  };
  const [from, to = from] = range.split(':') as [string, string?];
  const [[c1, r1], [c2, r2]] = [at(from), at(to)];
  const cells: string[] = [];
  for (let c = c1; c <= c2; c++) for (let r = r1; r <= r2; r++) cells.push(`${c}:${r}`);
  return cells;
};

async function score(inputs: string[], mapping?: Mapping) {
  const assessed: AssessmentRecord[] = [];
  const rejected: Rejection[] = [];
  const notices: Diagnostic[] = [];
  await runBatch(inputs, { standard, asOf: '2026-04-01', ...(mapping ? { mapping } : {}) }, { assessed: (a) => assessed.push(a), rejected: (r) => rejected.push(r), notice: (n) => notices.push(n) });
  return { assessed, rejected, notices };
}

describe('XLSX workbooks as HR tables', () => {
  it('score as the same tables written as CSV', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('表紙').addRow(['人事データ 2026年4月']);
    const engagements = book.addWorksheet('業務経験');
    engagements.addRow(['業務経験一覧（2026年4月1日現在）']);
    engagements.addRow([]);
    engagements.addRow(['社員番号', '氏名', '専門分野', '役割', '開始', '終了', '複雑性', '要員数', '年間契約金額']);
    engagements.addRow(['E1', '佐藤 一郎', 'オペレーション', 'リーダ', day(2020, 4, 1), null, '複雑な運用システム;高度な業務要件', 20, '3億円']);
    engagements.addRow(['E2', { richText: [{ text: '鈴木' }, { text: ' 花子' }] }, 'operation', 'member', { formula: 'DATE(2021,4,1)', result: 44287 }, day(2024, 3, 31), null, 5, 150000000]);
    engagements.getCell('E5').numFmt = 'yyyy/m/d';
    engagements.addRow([]);
    const exams = book.addWorksheet('資格');
    exams.addRow(['社員番号', '試験', '合格']);
    exams.addRow(['E1', 'AP', day(2018, 12, 1)]);
    const workbook = join(dir, 'book.xlsx');
    await book.xlsx.writeFile(workbook);

    writeFileSync(join(dir, '業務経験.csv'), '社員番号,氏名,専門分野,役割,開始,終了,複雑性,要員数,年間契約金額\nE1,佐藤 一郎,オペレーション,リーダ,2020-04-01,,複雑な運用システム;高度な業務要件,20,3億円\nE2,鈴木 花子,operation,member,2021-04-01,2024-03-31,,5,150000000\n');
    writeFileSync(join(dir, '資格.csv'), '社員番号,試験,合格\nE1,AP,2018-12-01\n');
    const fromBook = await score([workbook]);
    const fromCsv = await score([join(dir, '業務経験.csv'), join(dir, '資格.csv')]);
    expect(fromBook.rejected).toEqual([]);
    expect(fromBook.assessed.map((a) => a.candidate)).toEqual([
      { id: 'E1', name: '佐藤 一郎' },
      { id: 'E2', name: '鈴木 花子' },
    ]);
    expect(fromBook.assessed).toEqual(fromCsv.assessed);
    expect(fromBook.assessed[0].specialties.map((s) => s.examLevel)).toEqual([3, 3, 3, 3]);
  });

  it('reads a header of two rows (merged cells) as one, and days of the 1904 date system', async () => {
    const book = new ExcelJS.Workbook();
    book.properties.date1904 = true;
    const engagements = book.addWorksheet('業務経験');
    engagements.addRow(['社員番号', '専門分野', '役割', '期間', null]);
    engagements.addRow([null, null, null, '開始', '終了']);
    engagements.mergeCells('A1:A2');
    engagements.mergeCells('B1:B2');
    engagements.mergeCells('C1:C2');
    engagements.mergeCells('D1:E1');
    // A real date cell, and a serial number in a Japanese era format (2020-04-01 is day 42,460 from 1904-01-01).
    engagements.addRow(['E1', 'operation', 'leader', day(2019, 4, 1), 42460]);
    engagements.getCell('E3').numFmt = '[$-ja-JP]ggge"年"m"月"d"日"';
    // 2030-04-01 (day 46,112 from 1904-01-01): after the assessment date, so named in a warning with its day.
    engagements.addRow(['E2', 'operation', 'leader', 46112, null]);
    engagements.getCell('D4').numFmt = '[$-ja-JP]ggge"年"'; // an era year alone: exceljs leaves it a number, itss reads the day
    const workbook = join(dir, 'two-row-header.xlsx');
    await book.xlsx.writeFile(workbook);
    const { assessed, rejected } = await score([workbook]);
    expect(rejected).toEqual([]);
    const csv = join(dir, 'two-row-header.csv');
    writeFileSync(csv, 'candidate_id,specialty,role,from,to\nE1,operation,leader,2019-04-01,2020-04-01\nE2,operation,leader,2030-04-01,\n');
    expect(assessed).toEqual((await score([csv])).assessed);
    expect(assessed[1].warnings).toMatchObject([{ code: 'future-engagement', value: '2030-04-01' }]);
  });

  it('reads hidden rows and columns like any other, and names them', async () => {
    const book = new ExcelJS.Workbook();
    const exams = book.addWorksheet('exams');
    exams.addRow(['candidate_id', 'memo', 'exam', 'passed']);
    exams.addRow(['E1', 'x', 'AP', '2018-12']);
    exams.addRow(['E2', 'y', 'AP', '2019-12']);
    exams.getRow(3).hidden = true;
    exams.getColumn(2).hidden = true;
    const workbook = join(dir, 'hidden.xlsx');
    await book.xlsx.writeFile(workbook);
    const mapping = loadMapping('format: itss-mapping/v1\ntables:\n  exams:\n    columns: { candidate_id: candidate_id, exam: exam, passed: passed }\n', 'map.yaml', standard);
    const { assessed, rejected, notices } = await score([workbook], mapping);
    expect(rejected).toEqual([]);
    expect(notices).toEqual([{ code: 'hidden-cells', file: `${workbook}[exams]`, path: '', rows: '3', columns: 'B' }]);
    expect(assessed.map((a) => a.candidate.id)).toEqual(['E1', 'E2']);
  });

  it('names the workbook and the sheet, at the sheet\'s row, for a bad cell', async () => {
    const book = new ExcelJS.Workbook();
    const engagements = book.addWorksheet('engagements');
    engagements.addRow(['candidate_id', 'specialty', 'role', 'from']);
    engagements.addRow(['E1', 'operation', 'boss', day(2020, 4, 1)]);
    const workbook = join(dir, 'bad.xlsx');
    await book.xlsx.writeFile(workbook);
    const { rejected } = await score([workbook]);
    expect(rejected.map((r) => [r.candidateId, r.diagnostics[0].code, r.diagnostics[0].file, r.diagnostics[0].line, r.diagnostics[0].column])).toEqual([['E1', 'unknown-value', `${workbook}[engagements]`, 2, 3]]);
  });
});

describe('-o results.xlsx', () => {
  it('holds a summary, the next level\'s criteria and the rejected rows, levels as numbers equal to JSON Lines, nothing as a formula', async () => {
    const input = join(dir, 'engagements.csv');
    writeFileSync(input, 'candidate_id,candidate_name,specialty,role,from\nE1,=1+1,operation,leader,2019-04\nE2,鈴木 花子,operation,member,2021-04\nE3,田中,operation,boss,2019-04\n');
    const [xlsx, jsonl] = [join(dir, 'results.xlsx'), join(dir, 'results.jsonl')];
    expect((await runCli(['batch', input, '-o', xlsx, '--as-of', '2026-04-01'])).code).toBe(1);
    expect((await runCli(['batch', input, '-o', jsonl, '--as-of', '2026-04-01'])).code).toBe(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    expect(book.worksheets.map((w) => w.name)).toEqual(['summary', 'next level criteria', 'rejected']);
    for (const sheet of book.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBeTruthy();
    }
    const summary = book.getWorksheet('summary')!;
    const rows = Array.from({ length: summary.rowCount - 1 }, (_, i) => summary.getRow(i + 2));
    const records = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AssessmentRecord);
    // id, name, department, then per specialty SPECIALTY_COLUMNS columns: level, levels below not met, exam level, next
    // level and its number of unmet criteria (numbers, the next level's only where the person practises it), as JSON
    // Lines has them.
    const at = (s: number, column: number) => 4 + s * SPECIALTY_COLUMNS + column;
    const cellsOf = (r: ExcelJS.Row, s: number) => [r.getCell(at(s, 0)).value, r.getCell(at(s, 3)).value, r.getCell(at(s, 4)).value];
    expect(rows.map((r) => [r.getCell(1).value, r.getCell(2).value, ...[0, 1, 2, 3].flatMap((s) => cellsOf(r, s))])).toEqual(
      records.map((a) => [a.candidate.id, a.candidate.name, ...a.specialties.flatMap((s) => [s.level, s.practised ? (s.next?.level ?? null) : null,
        s.practised ? (s.next?.gaps.length ?? null) : null])]),
    );
    // A name that looks like a formula is text.
    expect(rows[0].getCell(2).type).toBe(ExcelJS.ValueType.String);
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    const rejected = book.getWorksheet('rejected')!;
    expect([rejected.rowCount, rejected.getRow(2).getCell(4).value, rejected.getRow(2).getCell(6).value]).toEqual([2, 'E3', 'unknown-value']);
    const criteria = book.getWorksheet('next level criteria')!;
    expect(criteria.rowCount).toBeGreaterThan(1);
    // Sentences get wide, wrapped columns; ids and levels narrow ones.
    expect([criteria.getColumn(9).width, criteria.getColumn(9).alignment?.wrapText, criteria.getColumn(1).width]).toEqual([40, true, expect.any(Number)]);
    expect(criteria.getColumn(1).width).toBeLessThan(20);
  });
});

describe('the results workbook of an export with a person master', () => {
  it('carries the mapped columns, last in the summary', async () => {
    const xlsx = join(dir, 'people.xlsx');
    const files = ['社員マスタ.csv', '職務経歴.csv', '部署一覧.csv'].map((f) => join('examples/hr-mapping', f));
    expect((await runCli(['batch', ...files, '--map', 'examples/hr-mapping/mapping.yaml', '-o', xlsx, '--as-of', '2026-04-01', '--lang', 'ja'])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const summary = book.worksheets[0];
    const header = summary.getRow(1).values as unknown[];
    expect(header.at(-1)).toBe('入社年月日');
    expect(summary.getRow(2).getCell(header.length - 1).value).toBe('2015/04/01');
  });
});

describe('itss init FILE.xlsx', () => {
  it('writes an input workbook with drop-downs that, filled in, scores as it is: template → filled → batch → results workbook', async () => {
    const template = join(dir, 'input.xlsx');
    expect((await runCli(['init', template, '--lang', 'ja'])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    expect(book.worksheets.map((w) => w.name)).toEqual(['記入方法', '業務経験', '専門性', '技術の継承', '後進の育成', '社員', '資格']);
    const engagements = book.getWorksheet('業務経験')!;
    expect(engagements.getRow(1).values).toEqual([undefined, '社員番号', '氏名', '案件名', '専門分野', '役割', '開始', '終了', '結果', '複雑性', '活動', '管理する要員数', '年間契約金額', '管理するピーク時の要員数', '対応するユーザ数（年間）']);
    // Drop-downs on single-valued lists (専門分野, 役割, 結果), none on list cells (複雑性).
    expect([4, 5, 8].map((c) => engagements.getRow(2).getCell(c).dataValidation?.type)).toEqual(['list', 'list', 'list']);
    // List cells (複雑性, 活動): no drop-down, an input message saying how to separate values.
    for (const c of [9, 10]) {
      expect(engagements.getRow(2).getCell(c).dataValidation?.type).not.toBe('list');
      expect(engagements.getRow(1001).getCell(c).dataValidation?.prompt).toMatch(/;.*\|.*改行.*、.*，/);
    }
    // Every coded column of every sheet has its drop-down, 専門分野 of 技術の継承 and 後進の育成 included (several
    // specialties may still be typed: no error box), pointing at the labels on the instructions sheet.
    const dropDowns = Object.fromEntries(book.worksheets.slice(1).map((w) => [w.name, (w.getRow(1).values as string[]).slice(1).filter((_, i) => w.getRow(2).getCell(i + 1).dataValidation?.type === 'list')]));
    expect(dropDowns).toEqual({ 業務経験: ['専門分野', '役割', '結果'], 専門性: ['専門分野', '深さ'], 技術の継承: ['種別', '専門分野'], 後進の育成: ['専門分野'], 社員: [], 資格: ['試験'] });
    const mentoring = book.getWorksheet('後進の育成')!.getRow(2).getCell(3).dataValidation;
    expect([mentoring.showErrorMessage, mentoring.prompt]).toEqual([undefined, expect.stringContaining('、')]);
    // The instructions: Japanese, how to write several values, dates and money, every label then its id.
    const instructions = book.getWorksheet('記入方法')!;
    const lines: string[][] = [];
    instructions.eachRow((row) => lines.push([1, 2, 3].map((c) => String(row.getCell(c).value ?? ''))));
    const text = lines.map((l) => l[0]).join('\n');
    expect(text).toContain('itss 入力用ブック');
    for (const form of ['「;」「|」改行', '「、」「，」', '2019/4/1', '2019年4月', '令和2年4月1日', 'R2.4.1', '日付のセル', '4.2億円', '3億5千万円', '350百万円', '¥350,000,000', '円単位の数値']) expect(text).toContain(form);
    expect(text).toContain('複雑性（業務経験）、活動（業務経験）、領域（専門性）、専門分野（技術の継承、後進の育成）');
    // An empty outcome is a success; the size columns each specialty's size criteria read, from the standard
    // (サービスデスク reads the peak staff, not 管理する要員数).
    expect(text).toContain('結果が空欄の業務は成功として数えます。成功しなかった業務には「失敗」と書いてください（「成功裡に」を求める指標には数えません）。');
    expect(text).toContain('サイズの列は、専門分野ごとに、その専門分野のサイズの基準が使う列だけを読みます。');
    expect(lines.map((l) => l[0]).filter((l) => l.startsWith('・'))).toEqual([
      '・運用管理: 管理する要員数、年間契約金額',
      '・システム管理: 管理する要員数、年間契約金額',
      '・オペレーション: 管理する要員数、年間契約金額',
      '・サービスデスク: 年間契約金額、管理するピーク時の要員数、対応するユーザ数（年間）',
    ]);
    const listed = (name: string) => {
      const start = lines.findIndex((l) => l[0] === name);
      expect(start, name).toBeGreaterThan(0);
      const end = lines.findIndex((l, i) => i > start && l[0] !== '');
      return lines.slice(start, end < 0 ? undefined : end).map((l) => [l[1], l[2]]);
    };
    const pairs = (items: { id: string; label: { ja: string } }[]) => items.map((i) => [i.label.ja, i.id]);
    expect(listed('専門分野')).toEqual(pairs(standard.specialties));
    expect(listed('役割')).toEqual(pairs(standard.scales.role));
    expect(listed('深さ')).toEqual(pairs(standard.scales.depth));
    expect(listed('種別')).toEqual(pairs(standard.scales.knowledgeTransfer));
    expect(listed('試験')).toEqual(pairs(standard.scales.exams));
    expect(listed('結果')).toEqual([['成功', 'success'], ['失敗', 'failed']]);
    for (const s of standard.specialties) {
      expect(listed(`複雑性（${s.label.ja}）`)).toEqual(pairs(s.complexity));
      expect(listed(`活動（${s.label.ja}）`)).toEqual(pairs(s.activities));
      expect(listed(`領域（${s.label.ja}）`)).toEqual(pairs(s.areas));
    }
    // Printed: wrapped, A4 portrait, one page wide.
    expect(instructions.getRow(5).getCell(1).alignment?.wrapText).toBe(true);
    expect(instructions.getRow(5).height).toBeGreaterThan(30);
    expect(instructions.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    // Validation ranges of a sheet never overlap: each cell is in at most one.
    const zip = ZipArchive.open(template);
    try {
      for (let n = 1; n <= book.worksheets.length; n++) {
        let xml = '';
        for await (const chunk of zip.bytes(`xl/worksheets/sheet${n}.xml`, { bytes: 1e8, ratio: 1e4, ratioFrom: 1e6 })) xml += chunk.toString('utf8');
        const cells = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].flatMap((m) => m[1].split(' ')).flatMap(expand);
        expect(new Set(cells).size, `sheet${n}`).toBe(cells.length);
      }
    } finally {
      zip.close();
    }
    // Filled in as a person would, from the drop-downs' labels.
    engagements.getRow(2).values = ['E1', '佐藤 一郎', '基盤運用', 'オペレーション', 'メンバ', day(2020, 4, 1), null, '成功', '複雑な運用システム、高度な業務要件', '作業改善・提案、非計画作業'];
    book.getWorksheet('専門性')!.getRow(2).values = ['E1', 'オペレーション', 'ソフトウェア', '独力で実践'];
    book.getWorksheet('資格')!.getRow(2).values = ['E1', '応用情報技術者試験', day(2019, 12, 1)];
    book.getWorksheet('社員')!.getRow(2).values = ['E1', '佐藤 一郎', '運用部'];
    await book.xlsx.writeFile(template);
    const [results, jsonl] = [join(dir, 'filled-results.xlsx'), join(dir, 'filled.jsonl')];
    expect((await runCli(['batch', template, '-o', jsonl, '--as-of', '2026-04-01'])).code).toBe(0);
    expect((await runCli(['batch', template, '-o', results, '--as-of', '2026-04-01'])).code).toBe(0);
    const record = JSON.parse(readFileSync(jsonl, 'utf8')) as AssessmentRecord;
    expect(record.candidate).toEqual({ id: 'E1', name: '佐藤 一郎', department: '運用部' });
    expect(record.specialties.find((s) => s.specialty === 'operation')!.level).toBe(3);
    const out = new ExcelJS.Workbook();
    await out.xlsx.readFile(results);
    const row = out.worksheets[0].getRow(2);
    // Operation's level: after id, name, department and operation management's and system management's six columns.
    expect([row.getCell(1).value, row.getCell(3).value, row.getCell(4 + SPECIALTY_COLUMNS * 2).value]).toEqual(['E1', '運用部', 3]);
  });

  it('lists the labels of the standard in use (--standard), in English with --lang en, and reads back filled', async () => {
    const template = join(dir, 'made-up.xlsx');
    const made = 'tests/fixtures/made-up-standard.yaml';
    expect((await runCli(['init', template, '--lang', 'en', '--standard', made])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    const lines: string[] = [];
    book.worksheets[0].eachRow((row) => lines.push([1, 2, 3].map((c) => String(row.getCell(c).value ?? '')).join('|')));
    expect(lines).toEqual(expect.arrayContaining(['specialty|Network operations|network-ops', '|Helpdesk|helpdesk', 'complexity (Helpdesk)|bilingual|bilingual', '|round the clock|round-the-clock', 'areas (Network operations)|routing|routing']));
    expect(lines.join('\n')).toContain('Money (budget) is in yen');
    // The size columns each of its specialties reads, and an empty outcome, in English.
    const firsts = lines.map((l) => l.split('|')[0]);
    expect(firsts.filter((l) => l.startsWith('•'))).toEqual(['• Network operations: staff, budget', '• Helpdesk: staff']);
    expect(firsts).toContain('An empty outcome is a success; write “failed” for an engagement that failed: it counts nowhere success (成功裡に) is asked.');
    expect(lines.join('\n')).not.toContain('operation-management');
    const engagements = book.getWorksheet('engagements')!;
    const headers = (engagements.getRow(1).values as string[]).slice(1);
    // Filled from the instructions' labels: the first role listed, two complexity labels in one cell.
    const role = lines.find((l) => l.startsWith('role|'))!.split('|')[1];
    const cells: Record<string, string> = { candidate_id: 'N1', specialty: 'Helpdesk', role, from: 'R2.4.1', complexity: 'bilingual; round the clock', budget: '3億5千万円' };
    engagements.getRow(2).values = headers.map((h) => cells[h] ?? null);
    await book.xlsx.writeFile(template);
    const jsonl = join(dir, 'made-up.jsonl');
    expect((await runCli(['batch', template, '-o', jsonl, '--as-of', '2026-04-01', '--standard', made])).code).toBe(0);
    const record = JSON.parse(readFileSync(jsonl, 'utf8')) as AssessmentRecord;
    expect(record.candidate.id).toBe('N1');
    expect(record.specialties.map((s) => s.specialty)).toEqual(['network-ops', 'helpdesk']);
  });
});

describe('the input workbook of itss init, filled in', () => {
  it('says a specialty whose size criteria are all unspecified has none (a tailored standard)', async () => {
    const made = readFileSync('tests/fixtures/made-up-standard.yaml', 'utf8');
    const sized = '{ kind: size, options: [{ anyOf: { staff: 10 } }], source: 10人以上 }';
    expect(made).toContain(sized);
    const standardFile = join(dir, 'unsized-standard.yaml');
    writeFileSync(standardFile, made.replace(sized, '{ kind: size, unspecified: true, source: 特定せず }'));
    const template = join(dir, 'unsized.xlsx');
    expect((await runCli(['init', template, '--lang', 'ja', '--standard', standardFile])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    const firsts: string[] = [];
    book.worksheets[0].eachRow((row) => firsts.push(String(row.getCell(1).value ?? '')));
    const sizes = firsts.filter((l) => l.startsWith('・'));
    expect(sizes).toEqual(['・ネットワーク運用: 要員数、予算', '・ヘルプデスク: サイズの基準はありません']);
  });

  it('with a value no list holds: says to write one of the listed values (its instructions sheet, the drop-down), not to map it', async () => {
    const template = join(dir, 'misspelt.xlsx');
    expect((await runCli(['init', template, '--lang', 'ja'])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(template);
    book.getWorksheet('業務経験')!.getRow(2).values = ['E1', '佐藤 一郎', '基盤運用', 'オペレーション', '主任', day(2020, 4, 1)];
    await book.xlsx.writeFile(template);
    const run = await runCli(['batch', template, '-o', join(dir, 'misspelt.jsonl'), '--as-of', '2026-04-01'], { LANG: 'ja_JP.UTF-8' });
    expect(run.code).toBe(2);
    const line = run.stderr.split('\n').find((l) => l.includes('「主任」'));
    expect(line).toContain('列「役割」: 不明な値「主任」。使える値: member（メンバ）');
    expect(line).toMatch(/。上の使える値のどれか（id またはラベル。入力用ブックでは「記入方法」シートの一覧、またはドロップダウンの値）で書いてください$/);
    expect(run.stderr).not.toContain('values:');
    const validate = await runCli(['validate', template, '--format', 'json']);
    const [problem] = (JSON.parse(validate.stdout) as { problems: Record<string, unknown>[] }).problems;
    expect(problem).toMatchObject({ code: 'unknown-value', header: '役割', value: '主任' });
    expect(problem).not.toHaveProperty('mapColumn');
    expect(problem.message).toMatch(
      /; write one of those values instead \(an id or its label: in the input workbook, on its “instructions” sheet or in the drop-down\)$/,
    );
  });
});
