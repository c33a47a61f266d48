import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Assessment, SpecialtyResult } from '../src/engine/assessment.js';
import { csvCell } from '../src/reporters/resultWriter.js';
import { runBatch, type Rejection } from '../src/batch/runBatch.js';
import { loadMapping } from '../src/hr/loadMapping.js';
import { builtinStandard } from '../src/standard/builtinStandard.js';
import type { Standard } from '../src/standard/loadStandard.js';
import type { Diagnostic } from '../src/input/diagnostic.js';
import { runCli } from './cliHarness.js';

const standard = builtinStandard();
const asOf = '2026-04-01';
const dir = mkdtempSync(join(tmpdir(), 'itss-batch-'));
const csvFiles = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.csv')).sort().map((f) => join(folder, f));

async function batch(inputs: string[], options: { mapping?: string; encoding?: 'utf-8' | 'shift_jis'; standard?: Standard } = {}) {
  const assessed: Assessment[] = [];
  const rejected: Rejection[] = [];
  const mapping = options.mapping ? loadMapping(readFileSync(options.mapping, 'utf8'), options.mapping) : undefined;
  // The full results (detail): these tests read levels' criteria.
  const summary = await runBatch(inputs, { standard: options.standard ?? standard, asOf, detail: true,
    ...(mapping ? { mapping } : {}), ...(options.encoding ? { encoding: options.encoding } : {}) }, {
    assessed: (a) => assessed.push(a),
    rejected: (r) => rejected.push(r),
  });
  return { assessed, rejected, summary };
}

const levels = (assessed: Assessment[]) => assessed.map((a) => [a.candidate.id, ...a.specialties.map((s) => s.level)]);
const withoutPaths = (a: Assessment) => ({ ...a, warnings: a.warnings.map((w) => w.code) });

describe('HR tables', () => {
  it('the shipped Shift_JIS export scores the same as its UTF-8 twin', async () => {
    const utf8 = await batch(csvFiles('examples/hr-export'));
    const sjis = await batch(csvFiles('examples/hr-export-sjis'));
    expect(utf8.rejected).toEqual([]);
    expect(sjis.assessed.map(withoutPaths)).toEqual(utf8.assessed.map(withoutPaths));
    expect(levels(utf8.assessed)).toEqual([
      ['E1001', 4, null, null, 3],
      ['E1002', null, null, null, 4],
      ['E1003', null, null, 3, null],
      ['E1004', null, 5, null, null],
      ['E1005', null, null, null, null],
      ['E1006', null, null, null, null],
    ]);
  });

  it.each([
    ['English headers, UTF-8', 'tests/fixtures/hr/en'],
    ['Japanese headers, Shift_JIS', 'tests/fixtures/hr/ja'],
  ])('%s: every candidate is assessed or rejected, never neither', async (_name, folder) => {
    const { assessed, rejected, summary } = await batch(csvFiles(folder));
    const rejectedIds = rejected.map((r) => r.candidateId ?? null);
    expect(assessed.map((a) => a.candidate.id)).toEqual(['C1', 'C2', 'C5', 'C7', 'C8']);
    expect(rejectedIds.sort()).toEqual([null, 'C3', 'C4', 'C6'].sort());
    // Of the five assessed, C1 and C7 have expertise rows; no one has knowledge transfer or mentoring (the tables are absent).
    expect(summary).toEqual({ assessed: 5, rejected: 4, records: { expertise: 2, knowledgeTransfer: 0, mentoring: 0 } });
    const codes = Object.fromEntries(rejected.map((r) => [r.candidateId ?? 'row', r.diagnostics.map((d) => [d.code, d.path, d.line])]));
    expect(codes).toEqual({
      C3: [['unknown-value', 'engagements[0].specialty', 5]],
      C4: [['bad-date', 'engagements[0].from', 6]],
      row: [['no-candidate-id', 'candidate_id', 7]],
      C6: [['unknown-value', 'engagements[0].role', 9]],
    });
    // Rows of one candidate apart in the file are joined; a candidate with no engagement rows is assessed with a warning.
    const c5 = assessed.find((a) => a.candidate.id === 'C5')!;
    expect(c5.specialties.find((s) => s.specialty === 'operation')!.levels[0].criteria[0].evidence.map((e) => e.index)).toEqual([0]);
    expect(assessed.find((a) => a.candidate.id === 'C7')!.warnings.map((w) => w.code)).toEqual(['no-engagements']);
    expect(assessed.find((a) => a.candidate.id === 'C8')!.warnings.map((w) => w.code)).toEqual(['unlisted-exam', 'no-engagements']);
  });

  it('names the file, row and column of a bad cell', async () => {
    const { rejected } = await batch(csvFiles('tests/fixtures/hr/ja'));
    const c4 = rejected.find((r) => r.candidateId === 'C4')!.diagnostics[0];
    expect(c4).toMatchObject({ file: 'tests/fixtures/hr/ja/業務経験.csv', line: 6, column: 6, value: '2023-13' });
  });

  it('reads an end in year 9999 (HR systems\' "no end") as ongoing, the same as an empty end, in tables and candidate files', async () => {
    const folder = join(dir, 'no-end');
    mkdirSync(folder);
    const rows = (end: string) => `社員番号,専門分野,役割,開始,終了\nE1,運用管理,リーダ,2020/04/01,${end}\nE2,オペレーション,メンバ,2019-04,${end}\n`;
    const outcomes = [];
    for (const [name, end] of [['empty', ''], ['iso', '9999-12-31'], ['slash', '9999/12/31'], ['month', '9999-12']]) {
      writeFileSync(join(folder, `${name}.csv`), rows(end));
      const { assessed, rejected } = await batch([join(folder, `${name}.csv`)]);
      expect(rejected).toEqual([]);
      outcomes.push(assessed.map((a) => a.specialties.map((s) => s.levels.map((l) => l.criteria.map((c) => [c.id, c.met, c.actual])))));
    }
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
    expect(outcomes[3]).toEqual(outcomes[0]);
    const yaml = (end: string) => `id: E1\nengagements:\n  - specialty: operation\n    role: member\n    from: 2019-04\n${end}`;
    writeFileSync(join(folder, 'no-end.yaml'), yaml(''));
    writeFileSync(join(folder, 'end-9999.yaml'), yaml('    to: 9999-12-31\n'));
    const [ongoing, end9999] = [await batch([join(folder, 'no-end.yaml')]), await batch([join(folder, 'end-9999.yaml')])];
    expect(end9999.rejected).toEqual([]);
    expect(end9999.assessed.map((a) => a.specialties)).toEqual(ongoing.assessed.map((a) => a.specialties));
    // (Read as a date, year 9999 is outside 1900–2100 and rejected: what the empty lists above rule out.)
  });

  it('reads a date written with a time of midnight (Excel, SQL, ISO 8601) as its day, and rejects any other time', async () => {
    const folder = join(dir, 'midnight');
    mkdirSync(folder);
    const rows = (from: string, to: string) => `社員番号,専門分野,役割,開始,終了\nE1,運用管理,リーダ,${from},${to}\n`;
    const criteria = (assessed: Assessment[]) =>
      assessed.map((a) => a.specialties.map((s) => s.levels.map((l) => l.criteria.map((c) => [c.id, c.met, c.actual]))));
    const forms = [
      ['2020-04-01', '2023-03-31'],
      ['2020/4/1 0:00', '2023/3/31 0:00'],
      ['2020-04-01 00:00:00', '2023-03-31 00:00:00'],
      ['2020-04-01T00:00:00', '2023-03-31T00:00'],
      ['2020-04-01T00:00:00.000Z', '2023-03-31T00:00:00+09:00'],
      ['２０２０－０４－０１Ｔ００：００：００', '2023-03-31T00:00:00+0900'],
    ];
    const outcomes = [];
    for (const [i, [from, to]] of forms.entries()) {
      writeFileSync(join(folder, `${i}.csv`), rows(from, to));
      const { assessed, rejected } = await batch([join(folder, `${i}.csv`)]);
      expect([from, rejected]).toEqual([from, []]);
      outcomes.push(criteria(assessed));
    }
    for (const outcome of outcomes.slice(1)) expect(outcome).toEqual(outcomes[0]);
    // A time of day other than midnight is not a day: the row is rejected, naming the cell.
    for (const from of ['2020-04-01T09:00:00', '2020-04-01T00:30:00', '2020-04-01 12:00', 'T00:00:00', '2020-04-01T']) {
      writeFileSync(join(folder, 'other.csv'), rows(from, ''));
      const { assessed, rejected } = await batch([join(folder, 'other.csv')]);
      expect([from, assessed]).toEqual([from, []]);
      expect(rejected.flatMap((r) => r.diagnostics.map((d) => [d.code, d.value]))).toEqual([['bad-date', from]]);
    }
  });

  it('rejects a Shift_JIS file read as UTF-8, and UTF-8 read as Shift_JIS, instead of scoring mojibake', async () => {
    const forcedUtf8 = await batch(csvFiles('tests/fixtures/hr/ja'), { encoding: 'utf-8' });
    expect(forcedUtf8.assessed).toEqual([]);
    expect(forcedUtf8.rejected.map((r) => r.diagnostics[0].code)).toEqual(['bad-encoding', 'bad-encoding', 'bad-encoding']);
    const forcedSjis = await batch(csvFiles('examples/hr-export'), { encoding: 'shift_jis' });
    expect(forcedSjis.assessed).toEqual([]);
    for (const r of forcedSjis.rejected) expect(['bad-encoding', 'unknown-table', 'unknown-column']).toContain(r.diagnostics[0].code);
    expect(forcedSjis.rejected).toHaveLength(5);
  });

  it('rejects a file with an unknown header, naming it and the known ones', async () => {
    const file = join(dir, 'expertise.csv');
    writeFileSync(file, 'candidate_id,specialty,areas,depht\nX1,operation,software,independent\n');
    const { rejected, assessed } = await batch([file]);
    expect(assessed).toEqual([]);
    expect(rejected[0].diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'unknown-column', value: 'depht', column: 4 })]));
  });
});

describe('--map', () => {
  it('maps an HR system’s files — a person master, joined and scaled columns, shared and per-table values, an ignored file', async () => {
    const files = readdirSync('examples/hr-mapping').filter((f) => f.endsWith('.csv')).map((f) => join('examples/hr-mapping', f));
    expect(files.map((f) => f.split('/').pop())).toContain('部署一覧.csv'); // ignored by the mapping
    const { assessed, rejected } = await batch(files, { mapping: 'examples/hr-mapping/mapping.yaml' });
    expect(rejected).toEqual([]);
    // Names (姓 + 名) and departments from the person master; engagements first, then the master's others.
    // 入社年月日 carried from the master as written.
    expect(assessed.map((a) => a.candidate)).toEqual([
      { id: 'A-0101', name: '伊藤 由美', department: '運用サービス部', attributes: { 入社年月日: '2015/04/01' } },
      { id: 'A-0102', name: '渡辺 大輔', department: 'サポートセンター', attributes: { 入社年月日: '2015/04/01' } },
      { id: 'A-0199', name: '小林 彩', department: '運用サービス部', attributes: { 入社年月日: '2025/04/01' } },
    ]);
    expect(assessed[2].warnings.map((w) => w.code)).toEqual(['no-engagements']);
    const om = assessed[0].specialties[0];
    const size = om.levels.find((l) => l.level === 4)!.criteria.find((c) => c.id === 'size')!;
    // 主任 → leader and 課長 → manager both count toward level 4's years; 380 百万円 → 380,000,000 yen.
    expect(om.levels.find((l) => l.level === 4)!.criteria[0].actual).toMatchObject({ engagements: 2 });
    expect(size.actual).toMatchObject({ annualContract: 380000000 });
  });

  it('carries the person master\'s named columns into the results CSV, last, and never reads that file back', async () => {
    const folder = join(dir, 'carry');
    mkdirSync(folder, { recursive: true });
    for (const f of readdirSync('examples/hr-mapping')) writeFileSync(join(folder, f), readFileSync(join('examples/hr-mapping', f)));
    const out = join(folder, 'results.csv');
    const args = ['batch', folder, '--map', join(folder, 'mapping.yaml'), '-o', out, '--as-of', asOf];
    expect((await runCli(args)).code).toBe(0);
    const [header, first] = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(header.split(',').slice(-2)).toEqual(['warnings', '入社年月日']);
    expect(first.split(',').at(-1)).toBe('2015/04/01');
    // The mapping beside the export is passed over, named; so are earlier results (the carried column does
    // not disguise them) when a rerun writes elsewhere.
    const notices: Diagnostic[] = [];
    const mapping = loadMapping(readFileSync(join(folder, 'mapping.yaml'), 'utf8'), join(folder, 'mapping.yaml'));
    const { assessed } = await runBatch([folder], { standard, asOf, mapping },
      { assessed: () => undefined, rejected: () => undefined, notice: (n) => notices.push(n) });
    expect(assessed).toBe(3);
    expect(notices.map((n) => [n.code, n.file])).toEqual([
      ['mapping-skipped', join(folder, 'mapping.yaml')],
      ['own-output-skipped', out],
    ]);
  });

  it('refuses `carry` on a table other than the person master, at its line', () => {
    const text = 'format: itss-mapping/v1\ntables:\n  engagements:\n    carry: [等級]\n';
    expect(() => loadMapping(text, 'm.yaml')).toThrow(expect.objectContaining({ diagnostics: [expect.objectContaining({ code: 'unknown-key', line: 4, path: 'tables.engagements.carry' })] }));
  });

  it('reports an unmapped unknown value as a row error naming it', async () => {
    const file = join(dir, '職務経歴.csv');
    writeFileSync(file, readFileSync('examples/hr-mapping/職務経歴.csv', 'utf8').replace(',一般,', ',係長,'));
    const { rejected } = await batch([file], { mapping: 'examples/hr-mapping/mapping.yaml' });
    expect(rejected.map((r) => [r.candidateId, r.diagnostics[0].code, r.diagnostics[0].value, r.diagnostics[0].line])).toEqual([['A-0102', 'unknown-value', '係長', 4]]);
  });
});

describe('candidate files in a batch', () => {
  it('reads folders, multi-document YAML and JSON Lines, in command-line order', async () => {
    const folder = join(dir, 'people');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'b.yaml'), 'id: Y2\n---\nid: Y3\n');
    writeFileSync(join(folder, 'a.yaml'), 'id: Y1\n');
    const lines = join(dir, 'more.jsonl');
    writeFileSync(lines, '{"id":"J1"}\n\n{"id":"J2","engagments":[]}\nnot json\n');
    const { assessed, rejected } = await batch([lines, folder]);
    expect(assessed.map((a) => a.candidate.id)).toEqual(['J1', 'Y1', 'Y2', 'Y3']);
    expect(rejected.map((r) => [r.candidateId ?? null, r.diagnostics[0].code, r.diagnostics[0].line])).toEqual([
      [null, 'syntax', 4],
      ['J2', 'unknown-key', 3],
    ]);
  });

  it('rejects the same candidate_id in two sources, naming both, and assesses neither', async () => {
    const file = join(dir, 'dup.yaml');
    writeFileSync(file, 'id: C1\n');
    const { assessed, rejected } = await batch([file, ...csvFiles('tests/fixtures/hr/en')]);
    expect(assessed.map((a) => a.candidate.id)).not.toContain('C1');
    const dup = rejected.find((r) => r.diagnostics[0].code === 'duplicate-candidate')!;
    expect(dup.candidateId).toBe('C1');
    expect(dup.diagnostics[0].expected).toEqual([`${file}:1`, 'tests/fixtures/hr/en/engagements.csv:2']);
  });
});

describe('batchItems: the reading half of a batch', () => {
  it('gives each unit once as a step (a candidate, its rejection, or a step alone when given twice), the total before them when asked', async () => {
    const { batchItems, isStep } = await import('../src/batch/batchItems.js');
    // C1 in a file twice and in the tables: rejected once, its other two units steps with nothing to say.
    const file = join(dir, 'dup-twice.yaml');
    writeFileSync(file, 'id: C1\n---\nid: C1\n');
    const items = [];
    for await (const some of batchItems([file, ...csvFiles('tests/fixtures/hr/en')], { standard }, { count: true })) items.push(...some);
    const steps = items.filter(isStep);
    // Rejections of rows that are no one's (a row without an id) come before the total; every step after it.
    const total = items.findIndex((item) => item.kind === 'total');
    expect(items[total]).toEqual({ kind: 'total', total: steps.length });
    expect(items.slice(0, total).map((item) => item.kind === 'rejected' && !isStep(item))).not.toContain(false);
    expect(total).toBeGreaterThan(0);
    expect(items.filter((item) => item.kind === 'step')).toHaveLength(2);
    const rejections = items.flatMap((item) => (item.kind === 'rejected' && item.rejection.candidateId === 'C1' ? [item] : []));
    expect(rejections.map((item) => [item.step, item.rejection.diagnostics[0].code])).toEqual([[true, 'duplicate-candidate']]);
    // The same candidates and rejections, in the same order, as runBatch reports them.
    const { assessed, rejected } = await batch([file, ...csvFiles('tests/fixtures/hr/en')]);
    expect(items.flatMap((item) => (item.kind === 'candidate' ? [item.candidate.id] : []))).toEqual(assessed.map((a) => a.candidate.id));
    expect(items.flatMap((item) => (item.kind === 'rejected' ? [item.rejection] : []))).toEqual(rejected);
    // Without `count`, no total.
    const again = [];
    for await (const some of batchItems([file], { standard })) again.push(...some);
    expect(again.some((item) => item.kind === 'total')).toBe(false);
  });
});

describe('itss batch (CLI)', () => {
  it('says plainly that nothing was written when no one could be assessed, leaving an earlier file as it was', async () => {
    const folder = join(dir, 'nothing');
    mkdirSync(folder, { recursive: true });
    const input = join(folder, 'engagements.csv');
    writeFileSync(input, 'candidate_id,specialty,role,from\nE1,nope,leader,2020-04\n');
    const out = join(folder, 'out.jsonl');
    writeFileSync(out, 'earlier\n');
    const { code, stderr } = await runCli(['batch', input, '-o', out, '--as-of', asOf]);
    expect(code).toBe(2);
    // The message table's own sentence for it, naming the file (runCli speaks English).
    const { Describer } = await import('../src/messages/describe.js');
    expect(stderr.split('\n')).toContain(new Describer('en', standard).t('summary.nothing-written', { file: out }));
    expect(readFileSync(out, 'utf8')).toBe('earlier\n');
  });

  it('suggests the export\'s nearest header for a missing column, and reads knowledge_transfer in a mapping', async () => {
    const folder = join(dir, 'near');
    mkdirSync(folder, { recursive: true });
    const input = join(folder, '業務経験.csv');
    writeFileSync(input, '社員番号,専門分野,役職,開始\nE1,operation,leader,2020-04\n');
    const { rejected } = await batch([input]);
    const missing = rejected.flatMap((r) => r.diagnostics).find((d) => d.code === 'missing-column');
    expect(missing).toMatchObject({ value: 'role', suggestion: '役職' });
    const mapping = join(folder, 'mapping.yaml');
    writeFileSync(mapping, 'format: itss-mapping/v1\ntables:\n  knowledge_transfer:\n    files: [kt.csv]\n');
    expect(loadMapping(readFileSync(mapping, 'utf8'), mapping).tables.knowledgeTransfer?.files).toEqual(['kt.csv']);
  });

  it('writes the batch record by default (no levels) and, with --detail, exactly what itss assess --format json gives', async () => {
    const [record, detail] = [join(dir, 'record.jsonl'), join(dir, 'detail.jsonl')];
    expect((await runCli(['batch', 'examples/yamada-hanako.yaml', '-o', record, '--as-of', asOf])).code).toBe(0);
    expect((await runCli(['batch', 'examples/yamada-hanako.yaml', '-o', detail, '--detail', '--as-of', asOf])).code).toBe(0);
    const assessed = JSON.parse((await runCli(['assess', 'examples/yamada-hanako.yaml', '--format', 'json', '--as-of', asOf])).stdout) as Assessment;
    expect(JSON.parse(readFileSync(detail, 'utf8'))).toEqual(assessed);
    const { specialties, ...rest } = assessed;
    expect(JSON.parse(readFileSync(record, 'utf8'))).toEqual({ ...rest, specialties: specialties.map(({ levels: _levels, ...s }) => s) });
  });

  it('writes a CSV for Excel: BOM, CRLF, formula injection neutralised; errors to --errors; exit 1', async () => {
    const out = join(dir, 'results.csv');
    const errors = join(dir, 'errors.csv');
    const { code, stderr } = await runCli(['batch', ...csvFiles('tests/fixtures/hr/en'), '-o', out, '--errors', errors, '--as-of', asOf]);
    expect(code).toBe(1);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFcandidate_id,name,')).toBe(true);
    expect(text).toContain('\r\n');
    expect(text).toContain(`C2,"'=HYPERLINK(""http://x"")"`);
    expect(readFileSync(errors, 'utf8').split('\r\n').filter((l) => l !== '')).toHaveLength(5);
    expect(stderr).toContain('tests/fixtures/hr/en/engagements.csv:5:');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['=1+1', "'=1+1"],
    ['+81 3', "'+81 3"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a,b', '"a,b"'],
    ['plain', 'plain'],
  ])('csvCell(%j) is %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('is deterministic: two runs give identical files', async () => {
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    await runCli(['batch', 'examples/hr-export', '-o', a, '--as-of', asOf]);
    await runCli(['batch', 'examples/hr-export', '-o', b, '--as-of', asOf]);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readFileSync(a, 'utf8').trim().split('\n')).toHaveLength(6);
  });

  it('json output is one array of result objects', async () => {
    const out = join(dir, 'r.json');
    expect((await runCli(['batch', 'examples/hr-export', '-o', out, '--as-of', asOf])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).map((a: Assessment) => a.candidate.id)).toEqual(['E1001', 'E1002', 'E1003', 'E1004', 'E1005', 'E1006']);
  });

  it('exits 2 and writes no results file when nothing could be read', async () => {
    const out = join(dir, 'none.csv');
    const { code } = await runCli(['batch', join(dir, 'missing.csv'), '-o', out]);
    expect(code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('runs end to end through the binary as the README shows', () => {
    const out = join(dir, 'readme.csv');
    const run = spawnSync(process.execPath, ['bin/itss.js', 'batch', ...csvFiles('examples/hr-export'), '-o', out, '--as-of', asOf], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(out, 'utf8').split('\r\n').filter((l) => l !== '')).toHaveLength(7);
  });
});

describe('what a careless export gets (found trying the README as a new user)', () => {
  const copyExample = (name: string, edit: (file: string, text: string) => string) => {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    for (const file of csvFiles('examples/hr-export')) {
      const base = file.split('/').pop()!;
      writeFileSync(join(folder, base), edit(base, readFileSync(file, 'utf8')));
    }
    return folder;
  };

  it('a misspelt header rejects its table, and no candidate of the tables is scored on the rest', async () => {
    const folder = copyExample('misspelt', (base, text) => (base === '専門性.csv' ? text.replace('深さ', '深度') : text));
    const { assessed, rejected } = await batch(csvFiles(folder));
    expect(assessed).toEqual([]);
    expect(rejected[0].diagnostics).toContainEqual(expect.objectContaining({ code: 'unknown-column', value: '深度', line: 1, column: 4 }));
    expect(rejected.slice(1).map((r) => [r.candidateId, r.diagnostics[0].code])).toEqual(['E1001', 'E1002', 'E1003', 'E1004', 'E1005', 'E1006'].map((id) => [id, 'incomplete-tables']));
  });

  it('a row with a cell too few is reported with its candidate, not read shifted', async () => {
    const folder = copyExample('ragged', (base, text) => (base === '業務経験.csv' ? text.replace('E1004,高橋 美咲,共通運用基盤 設計', '高橋 美咲,共通運用基盤 設計') : text));
    const { assessed, rejected } = await batch(csvFiles(folder));
    expect(rejected.map((r) => [r.candidateId ?? null, r.diagnostics[0].code, r.diagnostics[0].line])).toEqual([[null, 'ragged-row', 10]]);
    expect(assessed.map((a) => a.candidate.id)).toEqual(['E1001', 'E1002', 'E1003', 'E1004', 'E1005', 'E1006']);
  });

  it('reads a small file whose list cells use `;` (the delimiter is always a comma)', async () => {
    const file = join(dir, 'small', 'engagements.csv');
    mkdirSync(join(dir, 'small'), { recursive: true });
    writeFileSync(file, 'candidate_id,specialty,role,from,complexity\nQ1,operation,member,2020-04,complex-operational-system;advanced-business\nQ2,operation,member,2021-04\n');
    const { assessed, rejected } = await batch([file]);
    expect(assessed.map((a) => a.candidate.id)).toEqual(['Q1']);
    expect(rejected.map((r) => r.diagnostics[0].code)).toEqual(['ragged-row']);
  });

  it('a missing column names the columns the file does have', async () => {
    const folder = copyExample('nofrom', (base, text) => (base === '業務経験.csv' ? text.replace(',開始,', ',開使,') : text));
    const { rejected } = await batch(csvFiles(folder));
    const missing = rejected.flatMap((r) => r.diagnostics).find((d) => d.code === 'missing-column')!;
    expect(missing.value).toBe('from');
    expect(missing.expected).toContain('開使');
    expect(missing.expected).not.toContain('from');
  });

  it('an output in a folder that does not exist is an error before any work, with no file left', async () => {
    const out = join(dir, 'no', 'such', 'out.csv');
    const { code, stderr } = await runCli(['batch', 'examples/hr-export', '-o', out]);
    expect(code).toBe(2);
    expect(stderr.startsWith(`${out}: `)).toBe(true); // the message names the file, and only it is reported
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});

describe('long runs', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('a batch interrupted by %s leaves neither a half results file nor a temporary file (exit %i)', async (signal, expected) => {
    const { generateHrExport } = await import('../bench/generateHrExport.js');
    const folder = join(dir, `interrupt-${signal}`);
    generateHrExport(12000, folder, 7); // about half a second of work
    const out = join(folder, 'results.jsonl');
    const child = spawn(process.execPath, ['bin/itss.js', 'batch', ...csvFiles(folder), '-o', out, '--errors', join(folder, 'errors.csv'), '--as-of', asOf], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // The signal arrives mid-run: once the run has opened its temporary results file, before it is done.
    while (!readdirSync(folder).some((f) => f.startsWith('.results.jsonl.'))) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill(signal);
    expect(await exited).toBe(expected);
    expect(readdirSync(folder).filter((f) => f.startsWith('.') || f.startsWith('results') || f.startsWith('errors'))).toEqual([]);
  });

  it('shows progress on a terminal only: the bytes read, then the candidates', async () => {
    const { runBatchJob } = await import('../src/batch/batchJob.js');
    for (const progress of [true, false]) {
      let stderr = '';
      // A clock that moves a second at each look: every event is shown, whatever the machine's speed.
      let clock = 0;
      await runBatchJob({ inputs: ['examples/hr-export'], standard, asOf, format: 'csv', lang: 'en', progress, runTag: 'test' }, { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, now: () => (clock += 1000) });
      expect(stderr.includes('\r['), `progress: ${progress}`).toBe(progress);
      if (!progress) continue;
      const lines = stderr.split('\r').filter((line) => line.startsWith('['));
      const total = csvFiles('examples/hr-export').reduce((sum, file) => sum + statSync(file).size, 0);
      const kb = `${Math.ceil(total / 1024)} KB`;
      // Reading first, from nothing to the whole; then the candidates, from none to all.
      expect(lines[0]).toMatch(new RegExp(`^\\[\\.{20}\\] 0% reading 0 KB of ${kb} — 0:01 elapsed`));
      expect(lines.some((line) => line.includes(`100% reading ${kb} of ${kb}`))).toBe(true);
      const scoring = lines.slice(lines.findIndex((line) => !line.includes('reading')));
      expect(scoring.some((line) => line.includes('reading'))).toBe(false);
      expect(scoring[0]).toMatch(/^\[\.{20}\] 0% 0\/\d+ — \d+:\d\d elapsed/);
      expect(scoring.at(-1)).toMatch(/^\[#{20}\] 100% (\d+)\/\1 — /);
    }
  });

  it('reports the bytes read of every input, CSV and workbook, from none to all', async () => {
    const files = [...csvFiles('examples/hr-export'), 'tests/fixtures/workbooks/openpyxl.xlsx'];
    const total = files.reduce((sum, file) => sum + statSync(file).size, 0);
    for (const inputs of [csvFiles('examples/hr-export'), ['tests/fixtures/workbooks/openpyxl.xlsx'], files]) {
      const reads: [number, number][] = [];
      const expected = inputs.reduce((sum, file) => sum + statSync(file).size, 0);
      await runBatch(inputs, { standard, asOf }, { assessed: () => {}, rejected: () => {}, reading: (read, all) => reads.push([read, all]) });
      expect(reads[0]).toEqual([0, expected]);
      expect(reads.at(-1)).toEqual([expected, expected]);
      expect(reads.every(([read, all], i) => all === expected && read <= all && (i === 0 || read >= reads[i - 1][0]))).toBe(true);
      // Within a file too, not only between files (a workbook by its parts, as they are inflated).
      expect(new Set(reads.map(([read]) => read)).size).toBeGreaterThan(inputs.length);
    }
    expect(total).toBeGreaterThan(0);
  });

  it('rewrites the progress line at most every 200 ms, by the clock it is given', async () => {
    const { progressLine } = await import('../src/batch/batchJob.js');
    const { Describer } = await import('../src/messages/describe.js');
    let stderr = '';
    let clock = 0;
    const line = progressLine({ stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } }, new Describer('ja', standard), () => clock);
    const shown = () => stderr.split('\r').filter((text) => text.startsWith('['));
    line.reading(0, 130 << 20);
    clock = 150;
    line.reading(10 << 20, 130 << 20); // within 200 ms of the last: not shown
    clock = 1_000;
    line.reading(45 << 20, 130 << 20);
    expect(shown()).toEqual(['[....................] 0% 読み込み中 0 KB / 130 MB — 経過 0:00\u001b[K', '[#######.............] 34% 読み込み中 45 MB / 130 MB — 経過 0:01\u001b[K']);
    // Scoring starts at 3 s: its rate, not the reading's, tells the time left, once it means something.
    clock = 3_000;
    line.update(0, 100_000);
    clock = 4_000;
    line.update(500, 100_000);
    clock = 5_000;
    line.update(1_000, 100_000);
    clock = 5_100;
    line.update(1_100, 100_000);
    clock = 5_150;
    line.update(100_000, 100_000); // the last is always shown
    expect(shown().slice(2)).toEqual([
      '[....................] 0% 0/100,000 — 経過 0:03\u001b[K',
      '[....................] 0% 500/100,000 — 経過 0:04\u001b[K',
      '[....................] 1% 1,000/100,000 — 経過 0:05、残り約 3:18\u001b[K',
      '[####################] 100% 100,000/100,000 — 経過 0:05、残り約 0:00\u001b[K',
    ]);
    line.clear();
    expect(stderr.endsWith('\r\u001b[K')).toBe(true);
  });

  it('words progress with its share, elapsed and remaining time, in both languages', async () => {
    const { progressText, readingText } = await import('../src/batch/batchJob.js');
    const { Describer } = await import('../src/messages/describe.js');
    const [en, ja] = [new Describer('en', standard), new Describer('ja', standard)];
    expect(progressText(4500, 10_000, 3_000, en)).toBe('[#########...........] 45% 4,500/10,000 — 0:03 elapsed, about 0:04 left');
    expect(progressText(0, 10_000, 100, ja)).toBe('[....................] 0% 0/10,000 — 経過 0:00');
    expect(progressText(10_000, 10_000, 3_723_000, ja)).toBe('[####################] 100% 10,000/10,000 — 経過 1:02:03、残り約 0:00');
    // The time left at the scoring's rate (2 s for 1,000), not the run's (the reading took 28 s of the 30).
    expect(progressText(1_000, 100_000, 30_000, en, 2_000)).toBe('[....................] 1% 1,000/100,000 — 0:30 elapsed, about 3:18 left');
    expect(readingText(45 << 20, 130 << 20, 3_000, en)).toBe('[#######.............] 34% reading 45 MB of 130 MB — 0:03 elapsed');
    expect(readingText(3_500_000, 8 << 20, 0, ja)).toBe('[########............] 41% 読み込み中 3.3 MB / 8.0 MB — 経過 0:00');
    expect(readingText(0, 0, 0, en)).toBe('[####################] 100% reading 0 KB of 0 KB — 0:00 elapsed');
  });

  it('tells no time left until the scoring has run 2 s and done 1% of the candidates', async () => {
    const { progressText } = await import('../src/batch/batchJob.js');
    const { Describer } = await import('../src/messages/describe.js');
    const en = new Describer('en', standard);
    // One candidate after 2 s of reading would have said "619:54:53 left".
    expect(progressText(1, 100_000, 2_300, en, 20)).toBe('[....................] 0% 1/100,000 — 0:02 elapsed');
    expect(progressText(999, 100_000, 60_000, en, 60_000)).toBe('[....................] 0% 999/100,000 — 1:00 elapsed'); // under 1%
    expect(progressText(50_000, 100_000, 1_999, en, 1_999)).toBe('[##########..........] 50% 50,000/100,000 — 0:02 elapsed'); // under 2 s
    expect(progressText(1_000, 100_000, 2_000, en, 2_000)).toBe('[....................] 1% 1,000/100,000 — 0:02 elapsed, about 3:18 left');
  });

  it('shows no progress when the results go to the same terminal, and shows it when they go to a file', async () => {
    const { main } = await import('../src/cli/program.js');
    for (const [stdoutTTY, output, expected] of [[true, undefined, false], [true, join(dir, 'progress.csv'), true], [false, undefined, true]] as const) {
      let stderr = '';
      await main(['batch', 'examples/hr-export', ...(output ? ['-o', output] : []), '--as-of', asOf], {
        stdout: { write: () => true, isTTY: stdoutTTY },
        stderr: { write: (s: string) => (stderr += s), isTTY: true },
        env: { LANG: 'en_US.UTF-8' },
        today: () => asOf,
      });
      expect(stderr.includes('\r['), `stdout a terminal: ${stdoutTTY}, -o: ${output}`).toBe(expected);
    }
  });
});

describe('shared results', () => {
  it('sharing the results of empty specialties changes no assessment', async () => {
    const { levelFixtures, ASSESSMENT_DATE } = await import('./levelFixtures.js');
    const { SharedResults, evaluate } = await import('../src/engine/evaluate.js');
    const { loadCandidate } = await import('../src/candidate/loadCandidate.js');
    const { stringify } = await import('yaml');
    const inputs = levelFixtures.flatMap((f) => [f.meets, ...f.alsoMeets.map((m) => m.candidate), ...f.misses.map((m) => m.candidate)]);
    const candidates = inputs.map((c, i) => loadCandidate(stringify({ id: `F${i}`, ...c }), 'fixture.yaml', standard));
    const sharedResults = new SharedResults<SpecialtyResult>();
    const shared = candidates.map((c) => evaluate(standard, c, { asOf: ASSESSMENT_DATE, sharedResults }));
    expect(sharedResults.size).toBeGreaterThan(0);
    expect(shared).toEqual(candidates.map((c) => evaluate(standard, c, { asOf: ASSESSMENT_DATE })));
  });
});

describe('a tailored standard in a batch', () => {
  it('reads the size columns the standard declares (budget) and scores with its levels', async () => {
    const { madeUpStandard } = await import('./helpers.js');
    const { assessed, rejected } = await batch(csvFiles('tests/fixtures/hr/made-up'), { standard: madeUpStandard });
    expect(rejected).toEqual([]);
    expect(assessed.map((a) => [a.candidate.id, ...a.specialties.map((s) => s.level)])).toEqual([
      ['M1', 1, null],
      ['M2', null, 1],
    ]);
    const size = assessed[0].specialties[0].levels[1].criteria.find((c) => c.id === 'size')!;
    expect(size).toMatchObject({ met: true, actual: { staff: 120 } });
  });
});

describe('candidate ids', () => {
  it('join across tables in their NFKC form (full-width Ｅ１００１ is E1001)', async () => {
    const folder = join(dir, 'fullwidth');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'engagements.csv'), 'candidate_id,specialty,role,from,complexity,activities\nE1001,operation,member,2020-04,complex-operational-system;advanced-business,improvement-proposals;unplanned-work\n');
    writeFileSync(join(folder, 'expertise.csv'), 'candidate_id,specialty,areas,depth\nＥ１００１,operation,software,independent\n');
    const { assessed } = await batch(csvFiles(folder));
    expect(assessed.map((a) => [a.candidate.id, a.specialties.find((s) => s.specialty === 'operation')!.level])).toEqual([['E1001', 3]]);
  });
});
