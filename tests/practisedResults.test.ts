/**
 * Issue 22, items 1, 2 and 7 in the batch's outputs: results about the specialties people practise (the CSV's and
 * workbook's next-level cells, the criteria sheet, the summary's counts), a warning for a table a level needs that
 * has no row, the levels below not met, and an exam without a date.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadMapping } from '../src/hr/loadMapping.js';
import { missingTables, noRecords } from '../src/hr/missingTables.js';
import { loadCandidate } from '../src/candidate/loadCandidate.js';
import { evaluate } from '../src/engine/evaluate.js';
import { Describer } from '../src/messages/describe.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import { runCli, tempFolder } from './cliHarness.js';
import { ASSESSMENT_DATE, justMeets } from './levelFixtures.js';

const standard = builtinStandard();
const { dir, write } = tempFolder('itss-practised-');
const MAP = ['--map', 'examples/hr-mapping/mapping.yaml'];
const HR_MAPPING = ['examples/hr-mapping/社員マスタ.csv', 'examples/hr-mapping/職務経歴.csv', 'examples/hr-mapping/スキル評価.csv', 'examples/hr-mapping/部署一覧.csv', ...MAP];
/** The shipped mapping example without its skill ratings (the expertise table). */
const WITHOUT_EXPERTISE = ['examples/hr-mapping/社員マスタ.csv', 'examples/hr-mapping/職務経歴.csv', ...MAP];
const ASOF = ['--as-of', '2026-04-01'];
const ja = { LANG: 'ja_JP.UTF-8' };

/** Rows of a CSV itss wrote (no quoted commas in these fixtures' cells but the ones handled here). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '')) {
    const cells: string[] = [];
    for (const m of line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)) {
      cells.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

/** A row's cells by header, for the person with this id. */
function personRow(rows: string[][], id: string): Record<string, string> {
  const [header, ...body] = rows;
  const row = body.find((r) => r[0] === id);
  if (!row) throw new Error(`no row for ${id}`);
  return Object.fromEntries(header.map((h, i) => [h, row[i] ?? '']));
}

describe('missingTables: a table a level needs that no candidate has a row of', () => {
  it.each([
    ['no records at all', noRecords(), ['expertise', 'knowledgeTransfer', 'mentoring']],
    ['expertise only', { expertise: 3, knowledgeTransfer: 0, mentoring: 0 }, ['knowledgeTransfer', 'mentoring']],
    ['every table', { expertise: 1, knowledgeTransfer: 1, mentoring: 1 }, []],
  ])('%s', (_name, counts, tables) => {
    expect(missingTables(counts, standard, undefined).map((m) => m.table)).toEqual(tables);
  });

  it('says which levels need the table, from the standard (expertise: every level; the contributions: level 4 up)', () => {
    const missing = missingTables(noRecords(), standard, undefined);
    expect(missing.map(({ criterion, fromLevel, everyLevel, notMapped }) => [criterion, fromLevel, everyLevel, notMapped])).toEqual([
      ['expertise', 3, true, false],
      ['knowledge-transfer', 4, false, false],
      ['mentoring', 4, false, false],
    ]);
  });

  it('names the mapping as the cause when it maps no such table', () => {
    // The example's mapping maps expertise, not knowledge transfer or mentoring.
    const mapping = loadMapping(readFileSync('examples/hr-mapping/mapping.yaml', 'utf8'), 'mapping.yaml', standard);
    const missing = missingTables(noRecords(), standard, mapping);
    expect(missing.map((m) => [m.table, m.notMapped])).toEqual([
      ['expertise', false],
      ['knowledgeTransfer', true],
      ['mentoring', true],
    ]);
    const d = new Describer('ja', standard);
    expect(d.missingTable(missing[1])).toBe('入力に技術の継承の記録が1件もありません（マッピングの tables に knowledgeTransfer がありません）。レベル4以上は技術の継承を要するため、だれもレベル4以上には届きません');
  });
});

describe('itss batch: the shipped mapping example', () => {
  it('without its skill ratings, warns on stderr and on the summary that every level needs 専門性, in the user language', async () => {
    const summary = join(dir, 'summary.html');
    const run = await runCli(['batch', ...WITHOUT_EXPERTISE, ...ASOF, '-o', summary], ja);
    expect(run.code).toBe(0);
    const warning = '警告: 入力に専門性の記録が1件もありません。どのレベルも専門性を要するため、全員がすべての専門分野でレベルなしです';
    expect(run.stderr).toContain(warning);
    expect(readFileSync(summary, 'utf8')).toContain('<p class="warning">⚠ 入力に専門性の記録が1件もありません');
    // Knowledge transfer and mentoring are missing too: one line each.
    expect(run.stderr.match(/^警告: /gm)).toHaveLength(3);
    const md = join(dir, 'summary.md');
    await runCli(['batch', ...WITHOUT_EXPERTISE, ...ASOF, '-o', md, '--lang', 'en']);
    expect(readFileSync(md, 'utf8')).toContain('> ⚠ no “Expertise” records in the inputs. Every level needs “Expertise”, so everyone is without a level in every specialty');
  });

  it('with them, warns of knowledge transfer and mentoring only, and not at all when nobody was assessed', async () => {
    const run = await runCli(['batch', ...HR_MAPPING, ...ASOF, '-o', join(dir, 'whole.csv')], ja);
    expect(run.stderr.match(/^警告: .*$/gm)).toEqual([
      '警告: 入力に技術の継承の記録が1件もありません（マッピングの tables に knowledgeTransfer がありません）。レベル4以上は技術の継承を要するため、だれもレベル4以上には届きません',
      '警告: 入力に後進の育成の記録が1件もありません（マッピングの tables に mentoring がありません）。レベル4以上は後進の育成を要するため、だれもレベル4以上には届きません',
    ]);
    const nobody = await runCli(['batch', write('empty.csv', 'candidate_id,specialty,role,from\nX1,nowhere,member,2020-04\n'), ...ASOF, '-o', join(dir, 'none.csv')], ja);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).not.toContain('警告: ');
  });

  it('CSV: a specialty not practised keeps its level cells and leaves the next level empty; --all-specialties fills it', async () => {
    const out = join(dir, 'practised.csv');
    await runCli(['batch', ...HR_MAPPING, ...ASOF, '-o', out]);
    const ito = personRow(csvRows(readFileSync(out, 'utf8')), 'A-0101');
    // 伊藤 practises operation management only: level 3, short of level 4 by the contributions the export lacks.
    expect([ito['operation-management level'], ito['operation-management next_level']]).toEqual(['3', '4']);
    expect(ito['operation-management unmet_count']).not.toBe('');
    for (const other of ['system-management', 'operation', 'service-desk']) {
      expect([ito[`${other} level`], ito[`${other} next_level`], ito[`${other} unmet_count`], ito[`${other} gaps`]]).toEqual(['', '', '', '']);
    }
    const all = join(dir, 'all.csv');
    await runCli(['batch', ...HR_MAPPING, ...ASOF, '-o', all, '--all-specialties']);
    const itoAll = personRow(csvRows(readFileSync(all, 'utf8')), 'A-0101');
    expect(itoAll['system-management next_level']).toBe('3');
    expect(itoAll['system-management level']).toBe('');
    expect(itoAll['system-management gaps']).not.toBe('');
    expect(itoAll['operation-management next_level']).toBe(ito['operation-management next_level']);
  });

  it('summary: each specialty counts its practisers, with n, and the everyone table leaves the others empty', async () => {
    const out = join(dir, 'counted.md');
    await runCli(['batch', ...HR_MAPPING, ...ASOF, '-o', out, '--lang', 'en']);
    const text = readFileSync(out, 'utf8');
    const people = readFileSync('examples/hr-mapping/社員マスタ.csv', 'utf8').trim().split('\n').length - 1;
    // Who practises what, from the example's career history: one line per engagement, its 職種 in the third column.
    const byField = new Map<string, Set<string>>();
    for (const line of readFileSync('examples/hr-mapping/職務経歴.csv', 'utf8').trim().split('\n').slice(1)) {
      const [id, , field] = line.split(',');
      if (!byField.has(field)) byField.set(field, new Set());
      byField.get(field)!.add(id);
    }
    const practising = (field: string) => byField.get(field)?.size ?? 0;
    expect(text).toContain(`## Operation management\n\n${practising('運用設計・運用管理')} practising, of ${people}`);
    expect(text).toContain(`## Service desk\n\n${practising('ヘルプデスク')} practising, of ${people}`);
    // The levels table of a specialty adds up to its practisers, not to everyone.
    const section = text.slice(text.indexOf('## Service desk'), text.indexOf('## ', text.indexOf('## Service desk') + 3));
    const counts = [...section.matchAll(/^\| (?:Level \d|no level) \| (\d+) \|$/gm)].map((m) => Number(m[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(practising('ヘルプデスク'));
  });

  it('workbook: the criteria sheet lists practised specialties only; the summary sheet has the levels below not met', async () => {
    const out = join(dir, 'practised.xlsx');
    await runCli(['batch', ...HR_MAPPING, ...ASOF, '-o', out]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const criteria = workbook.worksheets[1];
    const specialtiesOf = new Map<string, Set<string>>();
    criteria.eachRow((row, n) => {
      if (n === 1) return;
      const id = String(row.getCell(1).value);
      if (!specialtiesOf.has(id)) specialtiesOf.set(id, new Set());
      specialtiesOf.get(id)!.add(String(row.getCell(4).value));
    });
    expect([...specialtiesOf.get('A-0101')!]).toEqual(['Operation management']);
    // Headers are broken between words in the workbook (運用管理⏎レベル): read as the CSV's.
    const header = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace(/-\n/g, '-').replace(/\n/g, ' '));
    expect(header.slice(3, 9)).toEqual(['operation-management level', 'operation-management unmet_below', 'operation-management exam_level', 'operation-management next_level', 'operation-management unmet_count', 'operation-management unmet']);
  });
});

describe('the levels below not met, and an exam without a date', () => {
  const yaml = (extra: string) => `format: itss-candidate/v1
id: N1
name: 非包含 太郎
exams:
  - exam: AP
engagements:
${extra}`;

  it('an exam without its date counts, with a warning naming it in the user language', () => {
    const candidate = loadCandidate(yaml('  []\n'), 'n1.yaml', standard);
    const result = evaluate(standard, candidate, { asOf: '2026-04-01' });
    expect(result.specialties.map((s) => s.examLevel)).toEqual([3, 3, 3, 3]);
    expect(result.warnings).toEqual([{ code: 'undated-exam', path: 'exams[0]', value: 'AP' }]);
    expect(new Describer('ja', standard).warning(result.warnings[0])).toBe('試験 #1: 試験「AP」に合格日がありません。合格として数えました（日付を確かめてください）');
    expect(new Describer('en', standard).warning(result.warnings[0])).toBe('exam #1: exam “AP” has no date of passing; counted as passed (check the date)');
  });

  it.each<[string, string, string[]]>([
    ['service desk with staff (it reads peak staff, contract value, users)', 'サービスデスク', ['staff']],
    ['operation management with staff (read)', '運用管理', []],
  ])('a size figure the specialty does not read is warned of: %s', (_name, specialty, fields) => {
    const text = yaml(`  - { title: T, specialty: ${specialty}, role: leader, from: 2020-04, to: 2023-03, size: { staff: 30 } }\n`).replace('  - exam: AP\n', '  - { exam: AP, passed: 2019-12 }\n');
    const result = evaluate(standard, loadCandidate(text, 'size.yaml', standard), { asOf: '2026-04-01' });
    const unread = result.warnings.filter((w) => w.code === 'unread-size-field');
    expect(unread.map((w) => w.value)).toEqual(fields);
    if (fields.length === 0) return;
    expect(unread[0]).toEqual({ code: 'unread-size-field', path: 'engagements[0]', value: 'staff', specialty: 'service-desk' });
    expect(new Describer('ja', standard).warning(unread[0])).toBe(
      '業務経験 #1: 管理する要員数はサービスデスクのサイズの判定に使いません（サービスデスクのサイズは年間契約金額、管理するピーク時の要員数または対応するユーザ数（年間）で判定します）',
    );
  });

  it('a warning on a record field names the record as the reports number it', () => {
    const d = new Describer('ja', standard);
    expect(d.warning({ code: 'future-record', path: 'knowledgeTransfer[1].date', value: '2027-01-01' })).toBe('技術の継承 #2 の日付: 日付が評価日より後（2027-01-01）のため算入しません');
    expect(d.warning({ code: 'future-engagement', path: 'engagements[0]', value: '2027-01-01' })).toBe('業務経験 #1: 開始が評価日より後（2027-01-01）のため除外しました');
    // A path that is not a record's (an HR table's file) stays as it is.
    expect(d.warning({ code: 'no-engagements', path: 'people.csv' })).toBe('people.csv: 業務経験の行がありません。その他の記録のみで評価しました');
  });

  it('the CSV and the workbook name the levels below not met beside the level', async () => {
    // rules.md §6: international + world-leading meets 運用管理 level 6 but not level 5's complexity.
    const candidate = justMeets('operation-management', 6) as { engagements: { complexity: string[] }[] };
    candidate.engagements[0].complexity = ['international', 'world-leading'];
    const file = write('non-nested.json', JSON.stringify({ format: 'itss-candidate/v1', id: 'N6', ...candidate }));
    const csv = join(dir, 'below.csv');
    const xlsx = join(dir, 'below.xlsx');
    const run = await runCli(['batch', file, '--as-of', ASSESSMENT_DATE, '-o', csv]);
    expect(run.code).toBe(0);
    await runCli(['batch', file, '--as-of', ASSESSMENT_DATE, '-o', xlsx]);
    const rows = csvRows(readFileSync(csv, 'utf8'));
    const row = personRow(rows, 'N6');
    expect(row['operation-management level']).toBe('6');
    // Levels 3 to 5 ask for conditions of their own lists, which the two of level 6 are not.
    expect(row['operation-management unmet_below']).toBe('3, 4, 5');
    expect(row['service-desk unmet_below']).toBe('');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map((h) => String(h).replace(/-\n/g, '-').replace(/\n/g, ' '));
    expect(sheet.getRow(2).getCell(header.indexOf('operation-management unmet_below') + 1).value).toBe('3, 4, 5');
    expect(sheet.getRow(2).getCell(header.indexOf('operation-management level') + 1).value).toBe(6);
  });
});
